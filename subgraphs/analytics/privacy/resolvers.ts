/** Analytics' two privacy fields (platform/privacy/), answered by ./user-data.ts for the users subgraph's jobs. */
import { privacyResolvers, privacyRules } from '../../../platform/privacy/subgraph-privacy.js';
import type { AnalyticsContext } from '../context.js';
import { eraseAnalyticsUserData, exportAnalyticsUserData } from './user-data.js';

export const analyticsPrivacy = privacyResolvers('analytics', {
  exportUserData: (userId, ctx: AnalyticsContext) => exportAnalyticsUserData(ctx.db, userId),
  eraseUserData: (userId, anonymousId, ctx: AnalyticsContext) => eraseAnalyticsUserData(ctx.db, userId, anonymousId),
});

export const analyticsPrivacyRules = privacyRules('analytics');
