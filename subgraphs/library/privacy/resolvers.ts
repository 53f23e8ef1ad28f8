/** The library's two privacy fields (platform/privacy/), answered by ./user-data.ts for the users subgraph's jobs. */
import { privacyResolvers, privacyRules } from '../../../platform/privacy/subgraph-privacy.js';
import type { LibraryContext } from '../context.js';
import { eraseLibraryUserData, exportLibraryUserData } from './user-data.js';

export const libraryPrivacy = privacyResolvers('library', {
  exportUserData: (userId, ctx: LibraryContext) => exportLibraryUserData(ctx.db, userId),
  eraseUserData: (userId, _anonymousId, ctx: LibraryContext) => eraseLibraryUserData(ctx.db, userId),
});

export const libraryPrivacyRules = privacyRules('library');
