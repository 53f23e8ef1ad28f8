/**
 * Who may record and read listening data. A user's history and stats are theirs (and admins');
 * a track's play count is public through the gateway. Every field of every type this subgraph
 * serves has a rule, since `_entities` reaches entity fields without a root field and the shield
 * denies anything unlisted.
 */
import type { IRules } from 'graphql-shield';
import { analyticsPrivacyRules } from './privacy/resolvers.js';
import { listeningRules } from './listening/permissions.js';
import { kpiRules } from './kpis/permissions.js';
import { recommendationRules } from './recommendations/permissions.js';
import { isSelfOrAdmin, isSignedIn, viaGateway } from '../../platform/graphql/permissions.js';

export const permissions: IRules = {
  Query: {
    ...analyticsPrivacyRules.Query,
    listeningHistory: isSignedIn,
    ...kpiRules.Query,
  },
  Mutation: {
    ...analyticsPrivacyRules.Mutation,
    ...listeningRules.Mutation,
    ...recommendationRules.Mutation,
  },
  User: {
    id: viaGateway,
    listeningStats: isSelfOrAdmin,
    ...listeningRules.User,
    ...recommendationRules.User,
  },
  Track: {
    id: viaGateway,
    listenCount: viaGateway,
  },
  // Reached only through the guarded fields above.
  ListeningStats: viaGateway,
  ListenEvent: viaGateway,
  ...listeningRules.types,
  ...recommendationRules.types,
  ...kpiRules.types,
};
