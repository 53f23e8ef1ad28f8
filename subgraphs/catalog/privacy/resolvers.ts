/** The catalog's two privacy fields (platform/privacy/), answered by ./user-data.ts for the users subgraph's jobs. */
import { privacyResolvers, privacyRules } from '../../../platform/privacy/subgraph-privacy.js';
import type { CatalogContext } from '../context.js';
import { eraseCatalogUserData, exportCatalogUserData } from './user-data.js';

export const catalogPrivacy = privacyResolvers('catalog', {
  exportUserData: (userId, ctx: CatalogContext) => exportCatalogUserData(ctx.catalog, userId),
  eraseUserData: (userId, anonymousId, ctx: CatalogContext) => eraseCatalogUserData(ctx.catalog, userId, anonymousId, [ctx.mappings.mapTrackLimit]),
});

export const catalogPrivacyRules = privacyRules('catalog');
