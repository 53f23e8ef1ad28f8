/**
 * Analytics resolvers: recording listens, the caller's history, and the statistics analytics adds
 * to users and tracks (both owned elsewhere). Access rules live in permissions.ts.
 */
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { Resolvers } from './generated/resolvers.js';
import { parseInput, SPOTIFY_ID } from '../../platform/graphql/inputs.js';
import { listeningHistoryArgs, recordListenArgs } from './inputs.js';
import { listenCount, listeningHistory, listeningStats, recordListen } from './store/listening-events.js';
import { callerId } from '../../platform/graphql/context.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    listeningHistory: (_root, args, ctx) => {
      const { limit } = parseInput(listeningHistoryArgs, args);
      return listeningHistory(ctx.db, callerId(ctx), limit);
    },
  },
  Mutation: {
    recordListen: async (_root, args, ctx) => {
      const { input } = parseInput(recordListenArgs, args);
      const { event, created } = await recordListen(ctx.db, { ...input, userId: callerId(ctx) });
      if (!created) ctx.log.debug({ eventId: event.eventId }, 'listen already recorded');
      return event;
    },
  },
  ListenEvent: {
    id: (event) => event.eventId,
    track: (event) => ({ __typename: 'Track', id: event.trackId }),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    listeningStats: (user, _args, ctx) => listeningStats(ctx.db, user.id),
  },
  Track: {
    __resolveReference: (ref) => ({ id: ref.id }),
    // Not a Spotify id: no event can name it, so no query is needed.
    listenCount: (track, _args, ctx) => (SPOTIFY_ID.test(track.id) ? listenCount(ctx.db, track.id) : 0),
  },
};
