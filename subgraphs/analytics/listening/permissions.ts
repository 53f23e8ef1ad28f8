/**
 * Rules of the listening API (resolvers.ts beside this file): anyone signed in records their own
 * events; a user's stats and history are theirs and admins'; running the rollups on demand is for
 * admins. The types below are reached only through those guarded fields.
 */
import { isAdmin, isSelfOrAdmin, isSignedIn, viaGateway } from '../../../platform/graphql/permissions.js';

export const listeningRules = {
  Mutation: {
    recordListening: isSignedIn,
    recordActivity: isSignedIn,
    refreshListeningRollups: isAdmin,
  },
  User: {
    stats: isSelfOrAdmin,
    recentlyPlayed: isSelfOrAdmin,
  },
  types: {
    UserListeningStats: viaGateway,
    TrackPlays: viaGateway,
    ArtistPlays: viaGateway,
    Artist: viaGateway,
    LanguagePlays: viaGateway,
    DayPlays: viaGateway,
    ListenEventConnection: viaGateway,
    ListenEventEdge: viaGateway,
    PageInfo: viaGateway,
    ActivityEvent: viaGateway,
    ListeningRollupRun: viaGateway,
  },
};
