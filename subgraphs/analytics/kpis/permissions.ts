/** Admin KPIs are admins' only. */
import { isAdmin } from '../../../platform/graphql/permissions.js';

export const kpiRules = {
  Query: { analyticsKpis: isAdmin },
  types: {
    // Reached only through analyticsKpis.
    AnalyticsKpis: isAdmin,
    DailyKpis: isAdmin,
  },
};
