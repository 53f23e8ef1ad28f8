/** Streaming's two privacy fields (platform/privacy/), answered by ./user-data.ts for the users subgraph's jobs. */
import { privacyResolvers, privacyRules } from '../../../platform/privacy/subgraph-privacy.js';
import type { StreamingContext } from '../context.js';
import { eraseStreamingUserData, exportStreamingUserData } from './user-data.js';

export const streamingPrivacy = privacyResolvers('streaming', {
  exportUserData: (userId, ctx: StreamingContext) => exportStreamingUserData(ctx.redis, userId),
  eraseUserData: (userId, _anonymousId, ctx: StreamingContext) => eraseStreamingUserData(ctx.redis, userId, [ctx.preparePlaybackLimit]),
});

export const streamingPrivacyRules = privacyRules('streaming');
