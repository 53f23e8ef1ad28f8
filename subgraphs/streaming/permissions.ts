/**
 * Who may see and change playback. Devices and playback state are private to their user (and
 * admins). Every field of every type this subgraph serves has a rule, since `_entities` reaches
 * `User` fields without a root field and the shield denies anything unlisted.
 */
import type { IRules } from 'graphql-shield';
import { isSelfOrAdmin, isSignedIn, servedByGateway, viaGateway } from '../../platform/graphql/permissions.js';
import { listeningMutationPermissions, listeningTypePermissions } from './listening/permissions.js';
import { streamingPrivacyRules } from './privacy/resolvers.js';

export const permissions: IRules = {
  Subscription: { playbackStateChanged: servedByGateway },
  Query: {
    devices: isSignedIn,
    playbackState: isSignedIn,
    ...streamingPrivacyRules.Query,
  },
  Mutation: {
    ...listeningMutationPermissions,
    registerDevice: isSignedIn,
    deviceHeartbeat: isSignedIn,
    removeDevice: isSignedIn,
    preparePlayback: isSignedIn,
    play: isSignedIn,
    pause: isSignedIn,
    resume: isSignedIn,
    seek: isSignedIn,
    next: isSignedIn,
    previous: isSignedIn,
    setVolume: isSignedIn,
    setShuffle: isSignedIn,
    setRepeat: isSignedIn,
    addToQueue: isSignedIn,
    transferPlayback: isSignedIn,
    updatePlayback: isSignedIn,
    ...streamingPrivacyRules.Mutation,
  },
  User: {
    id: viaGateway,
    devices: isSelfOrAdmin,
    playbackState: isSelfOrAdmin,
  },
  // Reached only through the guarded fields above.
  Device: viaGateway,
  PlaybackState: viaGateway,
  PlaybackContext: viaGateway,
  PlaybackSession: viaGateway,
  ...listeningTypePermissions,
  Track: { id: viaGateway },
  Playlist: { id: viaGateway },
  Album: { id: viaGateway },
};
