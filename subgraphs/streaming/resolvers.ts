/**
 * Streaming resolvers: devices, playback sessions, the playback state and listening reports, and
 * the fields streaming adds to `User` for the gateway's `me { devices playbackState }`. Each area
 * has its module; this file joins them per type. Access rules live in permissions.ts.
 */
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import { deviceResolvers } from './devices/resolvers.js';
import type { Resolvers } from './generated/resolvers.js';
import { listeningMutations } from './listening/resolvers.js';
import { playbackSessionResolvers } from './playback-sessions/resolvers.js';
import { playbackStateResolvers } from './playback-state/resolvers.js';
import { streamingPrivacy } from './privacy/resolvers.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...streamingPrivacy.scalars,
  Query: {
    ...deviceResolvers.Query,
    ...playbackStateResolvers.Query,
    ...streamingPrivacy.Query,
  },
  Mutation: {
    ...listeningMutations,
    ...deviceResolvers.Mutation,
    ...playbackSessionResolvers.Mutation,
    ...playbackStateResolvers.Mutation,
    ...streamingPrivacy.Mutation,
  },
  PlaybackState: playbackStateResolvers.PlaybackState,
  User: {
    // Users owns accounts; here a user is only its id, and the fields below read streaming's store.
    __resolveReference: (ref) => ({ id: ref.id }),
    ...deviceResolvers.User,
    ...playbackStateResolvers.User,
  },
};
