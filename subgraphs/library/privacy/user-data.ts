/**
 * The library's part of a user's data export and account deletion (platform/privacy/contract.ts).
 *
 * Export: the playlists the user owns with their items, the playlists they collaborate on or follow,
 * the items they added to other people's playlists, their saved tracks and Spotify imports.
 *
 * Erase, in one transaction, idempotent: the user's own playlists are deleted (their items,
 * collaborators, followers and import links go with them); their follows are deleted with the
 * followed playlists' follower counts lowered; their collaborations are deleted; the items they
 * added to other people's playlists stay there (the playlist is the other person's), with `addedBy`
 * anonymised to DELETED_USER_ID, and so does the record of whom they invited; saved tracks and
 * imports are deleted. Anonymising is not an edit: no version bump, no live event.
 */
import { DELETED_USER_ID, type ErasureReport, type PrivacySection } from '../../../platform/privacy/contract.js';
import { run, type Queryable } from '../store/sql.js';
import type { DataSource } from 'typeorm';

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

async function rows(q: Queryable, text: string, userId: string): Promise<Record<string, unknown>[]> {
  const { rows: found } = await run(q, text, [userId]);
  return found.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, iso(value)])));
}

export async function exportLibraryUserData(db: DataSource, userId: string): Promise<PrivacySection> {
  const playlists = await rows(
    db,
    `SELECT id, name, description, is_public AS "isPublic", cover_image_url AS "coverImageUrl", tags, version,
            created_at AS "createdAt", updated_at AS "updatedAt"
       FROM playlists WHERE owner_id = $1 ORDER BY created_at, id`,
    userId,
  );
  const items = await rows(
    db,
    `SELECT i.playlist_id AS "playlistId", i.position, i.track_id AS "trackId", i.added_at AS "addedAt", (i.added_by = $1) AS "addedByYou"
       FROM playlist_items i JOIN playlists p ON p.id = i.playlist_id
      WHERE p.owner_id = $1 ORDER BY i.playlist_id, i.position`,
    userId,
  );
  return {
    playlists: playlists.map((playlist) => ({
      ...playlist,
      items: items.filter((item) => item.playlistId === playlist.id).map(({ playlistId: _p, ...item }) => item),
    })),
    collaborations: await rows(
      db,
      `SELECT playlist_id AS "playlistId", role, created_at AS "invitedAt" FROM playlist_collaborators WHERE user_id = $1 ORDER BY created_at`,
      userId,
    ),
    itemsAddedToOthersPlaylists: await rows(
      db,
      `SELECT i.playlist_id AS "playlistId", i.track_id AS "trackId", i.added_at AS "addedAt"
         FROM playlist_items i JOIN playlists p ON p.id = i.playlist_id
        WHERE i.added_by = $1 AND p.owner_id <> $1 ORDER BY i.added_at`,
      userId,
    ),
    follows: await rows(
      db,
      `SELECT playlist_id AS "playlistId", followed_at AS "followedAt" FROM playlist_followers WHERE user_id = $1 ORDER BY followed_at`,
      userId,
    ),
    savedTracks: await rows(db, `SELECT track_id AS "trackId", saved_at AS "savedAt" FROM saved_tracks WHERE user_id = $1 ORDER BY saved_at`, userId),
    spotifyImports: await rows(
      db,
      `SELECT source, spotify_playlist_id AS "spotifyPlaylistId", playlist_id AS "playlistId", last_synced_at AS "lastSyncedAt", created_at AS "createdAt"
         FROM spotify_imports WHERE user_id = $1 ORDER BY created_at`,
      userId,
    ),
  };
}

export async function eraseLibraryUserData(db: DataSource, userId: string): Promise<ErasureReport> {
  return db.transaction(async (m) => {
    const count = async (text: string, params: unknown[] = [userId]) => (await run(m, text, params)).rowCount;
    // Follows first, so the counts of the playlists that stay (other people's) stay exact.
    await run(
      m,
      `UPDATE playlists p SET follower_count = p.follower_count - f.n
         FROM (SELECT playlist_id, count(*)::int AS n FROM playlist_followers WHERE user_id = $1 GROUP BY playlist_id) f
        WHERE p.id = f.playlist_id`,
      [userId],
    );
    const followsDeleted = await count('DELETE FROM playlist_followers WHERE user_id = $1');
    const collaborationsDeleted = await count('DELETE FROM playlist_collaborators WHERE user_id = $1');
    const invitationsAnonymised = await count('UPDATE playlist_collaborators SET invited_by = $2 WHERE invited_by = $1', [userId, DELETED_USER_ID]);
    const importsDeleted = await count('DELETE FROM spotify_imports WHERE user_id = $1');
    const playlistsDeleted = await count('DELETE FROM playlists WHERE owner_id = $1');
    // What remains added by the user is in other people's playlists (their own went with them).
    const itemsAnonymised = await count('UPDATE playlist_items SET added_by = $2 WHERE added_by = $1', [userId, DELETED_USER_ID]);
    const savedTracksDeleted = await count('DELETE FROM saved_tracks WHERE user_id = $1');
    return { playlistsDeleted, followsDeleted, collaborationsDeleted, invitationsAnonymised, itemsAnonymised, savedTracksDeleted, importsDeleted };
  });
}
