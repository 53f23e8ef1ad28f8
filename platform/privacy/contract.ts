/**
 * The privacy contract between the users subgraph, which runs a user's data export and account
 * deletion as jobs, and every subgraph that holds user data. Each such subgraph serves two
 * service-only fields (`@inaccessible`, guarded by `isService('users')`), named here once:
 *
 *   <subgraph>PrivacyExport(userId: ID!): JSON!                       -- its section of the export
 *   <subgraph>PrivacyErase(userId: ID!, anonymousId: ID!): JSON!      -- what it removed or anonymised
 *
 * and implements them with a `privacy/` module of its own (`exportUserData`, `eraseUserData`), wired
 * by ./subgraph-privacy.ts. Erasing is idempotent: running it again after a partial failure, or on a
 * user who has nothing left, finishes the work and reports zeros.
 *
 * The users subgraph is not in PRIVACY_SUBGRAPHS: it exports and erases its own tables in-process.
 * Lyrics holds no user data (Genius matches and languages per track, nothing per user), so it
 * serves no section.
 */
import type { SubgraphName } from '../services.js';

/** The subgraphs the users subgraph asks, in the order a deletion erases them. */
export const PRIVACY_SUBGRAPHS = ['library', 'streaming', 'analytics', 'catalog'] as const satisfies readonly SubgraphName[];
export type PrivacySubgraph = (typeof PRIVACY_SUBGRAPHS)[number];

export type PrivacyExportField<S extends PrivacySubgraph = PrivacySubgraph> = `${S}PrivacyExport`;
export type PrivacyEraseField<S extends PrivacySubgraph = PrivacySubgraph> = `${S}PrivacyErase`;

export const privacyExportField = <S extends PrivacySubgraph>(subgraph: S): PrivacyExportField<S> => `${subgraph}PrivacyExport`;
export const privacyEraseField = <S extends PrivacySubgraph>(subgraph: S): PrivacyEraseField<S> => `${subgraph}PrivacyErase`;

/**
 * One subgraph's section of a data export: named lists of records (plain JSON: ids, dates as ISO
 * strings), never a secret (no password hash, no token, no key). E.g. the library's
 * `{ playlists: [...], savedTracks: [...], collaborations: [...], follows: [...] }`.
 */
export type PrivacySection = Record<string, unknown>;

/** What one erase did, counted per kind of record: `{ playlistsDeleted: 2, itemsAnonymised: 1 }`. */
export type ErasureReport = Record<string, number>;

/**
 * The id that replaces a deleted user where another user's data must keep a `User` (who added an
 * item to someone else's playlist, who invited a collaborator): the nil UUID, which no account has.
 * The users subgraph resolves it to a placeholder "Deleted user".
 */
export const DELETED_USER_ID = '00000000-0000-0000-0000-000000000000';

/** The export document the users subgraph assembles: one section per subgraph, users' own first. */
export interface DataExportDocument {
  /** Format version of this document. */
  format: 1;
  generatedAt: string;
  userId: string;
  sections: { users: PrivacySection } & Record<PrivacySubgraph, PrivacySection>;
}
