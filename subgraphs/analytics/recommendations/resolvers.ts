/**
 * The recommendations surface of the analytics graph: `User.recommendations` (served from the
 * precomputed tables, ./read.ts) and the admin's `refreshRecommendations` (a run now, ./compute.ts).
 * Spread into the analytics resolvers in ../resolvers.ts; rules in ./permissions.ts.
 */
import { parseInput } from '../../../platform/graphql/inputs.js';
import type { Resolvers } from '../generated/resolvers.js';
import { refreshRecommendations } from './compute.js';
import { recommendationsArgs } from './inputs.js';
import { recommendationPolicy } from './policy.js';
import { readRecommendations } from './read.js';

export const recommendationResolvers = {
  Mutation: {
    refreshRecommendations: async (_root, _args, ctx) => {
      const run = await refreshRecommendations(ctx.db, recommendationPolicy(), { wait: true });
      ctx.log.info({ users: run.users, recommendations: run.recommendations }, 'recommendations recomputed by admin');
      return run;
    },
  },
  User: {
    recommendations: (user, args, ctx) => {
      const { first, filter } = parseInput(recommendationsArgs, args);
      return readRecommendations(ctx.db, user.id, first, filter);
    },
  },
  Recommendation: {
    track: (item) => ({ __typename: 'Track', id: item.trackId }),
    becauseYouPlayed: (item) => ({ __typename: 'Track', id: item.reasonTrackId }),
  },
} satisfies Resolvers;
