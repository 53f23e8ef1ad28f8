/**
 * Who may record and read listening data. A user's history and stats are theirs (and admins');
 * a track's play count is public through the gateway. Every field of every type this subgraph
 * serves has a rule, since `_entities` reaches entity fields without a root field and the shield
 * denies anything unlisted.
 */
import type { IRules } from 'graphql-shield';
import { isSelfOrAdmin, isSignedIn, viaGateway } from '../../platform/graphql/permissions.js';

export const permissions: IRules = {
  Query: {
    listeningHistory: isSignedIn,
  },
  Mutation: {
    recordListen: isSignedIn,
  },
  User: {
    id: viaGateway,
    listeningStats: isSelfOrAdmin,
  },
  Track: {
    id: viaGateway,
    listenCount: viaGateway,
  },
  // Reached only through the guarded fields above.
  ListeningStats: viaGateway,
  ListenEvent: viaGateway,
};
