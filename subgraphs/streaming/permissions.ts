/**
 * Who may see and change playback. Devices and playback state are private to their user (and
 * admins). Every field of every type this subgraph serves has a rule, since `_entities` reaches
 * `User` fields without a root field and the shield denies anything unlisted.
 */
import type { IRules } from 'graphql-shield';
import { isSelfOrAdmin, isSignedIn, viaGateway } from '../../platform/graphql/permissions.js';

export const permissions: IRules = {
  Query: {
    devices: isSignedIn,
    playbackState: isSignedIn,
  },
  Mutation: {
    registerDevice: isSignedIn,
    updatePlayback: isSignedIn,
    removeDevice: isSignedIn,
  },
  User: {
    id: viaGateway,
    devices: isSelfOrAdmin,
    playbackState: isSelfOrAdmin,
  },
  // Reached only through the guarded fields above.
  Device: viaGateway,
  PlaybackState: viaGateway,
  Track: { id: viaGateway },
};
