/**
 * `Query.analyticsKpis` (admins): listening KPIs from the rollups and mapping feedback from the
 * catalog (its service-only `mappingFeedbackCounts`, under analytics' service identity). Spread into
 * the analytics resolvers in ../resolvers.ts; rules in ./permissions.ts.
 */
import { parseInput } from '../../../platform/graphql/inputs.js';
import { serviceClient } from '../../../platform/graphql/service-client.js';
import type { Resolvers } from '../generated/resolvers.js';
import { analyticsKpisArgs } from './inputs.js';
import { analyticsKpis } from './kpis.js';

const graph = serviceClient('analytics');

export const kpiResolvers = {
  Query: {
    analyticsKpis: (_root, args, ctx) => analyticsKpis(ctx.db, graph, parseInput(analyticsKpisArgs, args).days),
  },
} satisfies Resolvers;
