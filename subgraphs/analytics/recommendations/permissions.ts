/** Who may read recommendations (the user and admins) and run them now (admins). */
import { isAdmin, isSelfOrAdmin, viaGateway } from '../../../platform/graphql/permissions.js';

export const recommendationRules = {
  Mutation: { refreshRecommendations: isAdmin },
  User: { recommendations: isSelfOrAdmin },
  types: {
    // Reached only through the guarded fields above.
    Recommendations: viaGateway,
    Recommendation: viaGateway,
    RecommendationRun: viaGateway,
  },
};
