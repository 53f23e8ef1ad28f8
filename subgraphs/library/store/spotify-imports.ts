/**
 * Copies of Spotify playlists (and of a user's Spotify saved tracks) as library playlists: one copy
 * per user and source, found again on the next sync through spotify_imports. Spotify is the source
 * of truth for the items; the copy's name and description are only set when it is created, so a
 * user may rename their copy.
 */
import type { DataSource } from 'typeorm';
import { conflict } from '../../../platform/errors.js';
import { PlaylistEntity, SpotifyImportEntity, type SpotifyImportRecord } from './entities.js';
import { lockPlaylist, syncLockedPlaylist, type DesiredPlaylistItem, type SyncResult } from './playlist-edits.js';
import { hydrate, isUuid, run, type Queryable } from './sql.js';

/** `playlist:<spotifyPlaylistId>` for a playlist, `saved-tracks` for the user's liked songs. */
export type ImportSource = `playlist:${string}` | 'saved-tracks';

export const playlistSource = (spotifyPlaylistId: string): ImportSource => `playlist:${spotifyPlaylistId}`;
export const SAVED_TRACKS_SOURCE: ImportSource = 'saved-tracks';
/** The Spotify playlist id of a source; null for the saved tracks. */
export const spotifyPlaylistIdOf = (source: string): string | null => (source.startsWith('playlist:') ? source.slice('playlist:'.length) : null);

export async function findImport(db: Queryable, userId: string, source: string): Promise<SpotifyImportRecord | null> {
  const { rows } = await run(db, 'SELECT * FROM spotify_imports WHERE user_id = $1 AND source = $2', [userId, source]);
  return rows[0] ? hydrate(db, SpotifyImportEntity, rows[0]) : null;
}

/** The imports behind several playlists, in one query (for a DataLoader). */
export async function importsByPlaylists(db: Queryable, playlistIds: readonly string[]): Promise<SpotifyImportRecord[]> {
  const ids = playlistIds.filter(isUuid);
  if (ids.length === 0) return [];
  const { rows } = await run(db, 'SELECT * FROM spotify_imports WHERE playlist_id = ANY($1::uuid[])', [ids]);
  return rows.map((row) => hydrate(db, SpotifyImportEntity, row));
}

/** Records a completed sync: Spotify's snapshot id (null when it has none) and now. */
export async function markSynced(db: Queryable, id: string, snapshotId: string | null): Promise<SpotifyImportRecord> {
  const { rows } = await run(db, 'UPDATE spotify_imports SET snapshot_id = $2, last_synced_at = now() WHERE id = $1 RETURNING *', [id, snapshotId]);
  if (!rows[0]) throw new Error(`no Spotify import ${id}`);
  return hydrate(db, SpotifyImportEntity, rows[0]);
}

export interface ImportRequest {
  userId: string;
  source: string;
  spotifyPlaylistId: string | null;
  /** Used only when the copy is created. Name ≤ 100 and description ≤ 300 characters (the table's limits). */
  details: { name: string; description: string | null; isPublic: boolean };
  desired: DesiredPlaylistItem[];
  /** Spotify's snapshot of what `desired` was read from; stored with the sync. */
  snapshotId?: string | null;
}

export interface ImportResult extends SyncResult {
  /** True when this call created the copy (then `added` is every item and the version is 1). */
  created: boolean;
  spotifyImport: SpotifyImportRecord;
}

/**
 * Creates the user's copy of `source` with the desired items, or syncs the existing copy to them
 * (as syncPlaylistItems does), in one transaction. Concurrent imports of the same source end with
 * one playlist: the loser's INSERT into spotify_imports waits for the winner's commit, finds the
 * row taken, drops its own new playlist and syncs the winner's instead.
 * Locks are taken playlist first, then import row, the order a cascading playlist delete uses.
 */
export async function importPlaylist(db: DataSource, request: ImportRequest): Promise<ImportResult> {
  const snapshotId = request.snapshotId ?? null;
  return db.transaction(async (m) => {
    // Each pass sees what committed before it (READ COMMITTED); a third pass means the copy was
    // deleted and recreated under us twice, which only a bug or an attack produces.
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await findImport(m, request.userId, request.source);
      if (existing) {
        const playlist = await lockPlaylist(m, existing.playlistId);
        if (!playlist) continue; // deleted meanwhile; its import row went with it
        const synced = await syncLockedPlaylist(m, playlist, request.desired);
        return { ...synced, created: false, spotifyImport: await markSynced(m, existing.id, snapshotId) };
      }
      const { rows } = await run(
        m,
        'INSERT INTO playlists (owner_id, name, description, is_public) VALUES ($1, $2, $3, $4) RETURNING *',
        [request.userId, request.details.name, request.details.description, request.details.isPublic],
      );
      const playlist = hydrate(m, PlaylistEntity, rows[0]!);
      const claimed = await run(
        m,
        `INSERT INTO spotify_imports (user_id, source, spotify_playlist_id, playlist_id, snapshot_id, last_synced_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (user_id, source) DO NOTHING
         RETURNING *`,
        [request.userId, request.source, request.spotifyPlaylistId, playlist.id, snapshotId],
      );
      if (!claimed.rows[0]) {
        await run(m, 'DELETE FROM playlists WHERE id = $1', [playlist.id]);
        continue;
      }
      const synced = await syncLockedPlaylist(m, playlist, request.desired, { created: true });
      return { ...synced, created: true, spotifyImport: hydrate(m, SpotifyImportEntity, claimed.rows[0]) };
    }
    throw conflict('The Spotify import changed concurrently; try again');
  });
}
