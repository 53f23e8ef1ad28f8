/**
 * Analytics resolvers: recording listens, the caller's history, and the statistics analytics adds
 * to users and tracks (both owned elsewhere). Access rules live in permissions.ts.
 */
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import { analyticsPrivacy } from './privacy/resolvers.js';
import type { Resolvers } from './generated/resolvers.js';
import { parseInput, SPOTIFY_ID } from '../../platform/graphql/inputs.js';
import { listeningHistoryArgs } from './inputs.js';
import { listeningResolvers } from './listening/resolvers.js';
import { listenCount, listeningHistory, listeningStats } from './store/listening-events.js';
import { callerId } from '../../platform/graphql/context.js';
import { kpiResolvers } from './kpis/resolvers.js';
import { recommendationResolvers } from './recommendations/resolvers.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...analyticsPrivacy.scalars,
  Query: {
    ...analyticsPrivacy.Query,
    ...kpiResolvers.Query,
    listeningHistory: (_root, args, ctx) => {
      const { limit } = parseInput(listeningHistoryArgs, args);
      return listeningHistory(ctx.db, callerId(ctx), limit);
    },
  },
  Mutation: {
    ...analyticsPrivacy.Mutation,
    ...listeningResolvers.Mutation,
    ...recommendationResolvers.Mutation,
  },
  ActivityEvent: listeningResolvers.ActivityEvent,
  UserListeningStats: listeningResolvers.UserListeningStats,
  Recommendation: recommendationResolvers.Recommendation,
  ListenEvent: {
    id: (event) => event.eventId,
    track: (event) => ({ __typename: 'Track', id: event.trackId }),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    listeningStats: (user, _args, ctx) => listeningStats(ctx.db, user.id),
    ...listeningResolvers.User,
    ...recommendationResolvers.User,
  },
  Track: {
    __resolveReference: (ref) => ({ id: ref.id }),
    // Not a Spotify id: no event can name it, so no query is needed.
    listenCount: (track, _args, ctx) => (SPOTIFY_ID.test(track.id) ? listenCount(ctx.db, track.id) : 0),
  },
};
