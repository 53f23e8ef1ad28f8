/**
 * Following playlists. Following twice or unfollowing what is not followed is a no-op; the
 * playlist's follower_count changes in the same transaction as the row, so it stays exact. A follow
 * is not an edit: no version bump, no new updated_at.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../../../platform/errors.js';
import { PlaylistEntity, type PlaylistRecord } from './entities.js';
import { FOREIGN_KEY_VIOLATION, fetchLimit, hydrate, isUuid, run, sqlState } from './sql.js';

async function adjustFollowerCount(m: EntityManager, playlistId: string, delta: number): Promise<PlaylistRecord> {
  const { rows } = delta
    ? await run(m, 'UPDATE playlists SET follower_count = follower_count + $2 WHERE id = $1 RETURNING *', [
        playlistId,
        delta,
      ])
    : await run(m, 'SELECT * FROM playlists WHERE id = $1', [playlistId]);
  if (!rows[0]) throw notFound('Playlist');
  return hydrate(m, PlaylistEntity, rows[0]);
}

/** Returns the playlist with its follower count after the follow. NOT_FOUND when it does not exist. */
export async function followPlaylist(db: DataSource, playlistId: string, userId: string): Promise<PlaylistRecord> {
  if (!isUuid(playlistId)) throw notFound('Playlist');
  try {
    return await db.transaction(async (m) => {
      const { rowCount } = await run(
        m,
        'INSERT INTO playlist_followers (playlist_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [playlistId, userId],
      );
      return adjustFollowerCount(m, playlistId, rowCount);
    });
  } catch (error) {
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) throw notFound('Playlist');
    throw error;
  }
}

/** Returns the playlist with its follower count after the unfollow. NOT_FOUND when it does not exist. */
export async function unfollowPlaylist(db: DataSource, playlistId: string, userId: string): Promise<PlaylistRecord> {
  if (!isUuid(playlistId)) throw notFound('Playlist');
  return db.transaction(async (m) => {
    const { rowCount } = await run(m, 'DELETE FROM playlist_followers WHERE playlist_id = $1 AND user_id = $2', [
      playlistId,
      userId,
    ]);
    return adjustFollowerCount(m, playlistId, -rowCount);
  });
}

/** For a DataLoader: which of `playlistIds` the user follows, in one query. */
export async function followsOf(db: DataSource, playlistIds: readonly string[], userId: string): Promise<Set<string>> {
  const ids = [...new Set(playlistIds.filter(isUuid))];
  if (!ids.length) return new Set();
  const { rows } = await run<{ playlist_id: string }>(
    db,
    'SELECT playlist_id FROM playlist_followers WHERE user_id = $1 AND playlist_id = ANY($2::uuid[])',
    [userId, ids],
  );
  return new Set(rows.map((row) => row.playlist_id));
}

export interface FollowCursor {
  followedAt: Date;
  playlistId: string;
}

export interface FollowedPlaylist {
  followedAt: Date;
  /** Whatever its visibility now: hiding playlists that became private is the caller's job. */
  playlist: PlaylistRecord;
}

/**
 * The playlists the user follows, most recently followed first, then by playlist id. Returns up to
 * `first + 1` rows (see splitPage in sql.ts); the cursor is `{ followedAt, playlistId: playlist.id }`.
 */
export async function followedPlaylistsPage(
  db: DataSource,
  userId: string,
  page: { after: FollowCursor | null; first: number },
): Promise<FollowedPlaylist[]> {
  const params: unknown[] = [userId, fetchLimit(page.first)];
  let keyset = '';
  if (page.after) {
    if (!isUuid(page.after.playlistId)) return [];
    params.push(page.after.followedAt, page.after.playlistId);
    keyset = 'AND (f.followed_at < $3 OR (f.followed_at = $3 AND f.playlist_id > $4))';
  }
  const { rows } = await run<Record<string, unknown> & { followed_at: Date }>(
    db,
    `SELECT p.*, f.followed_at FROM playlist_followers f JOIN playlists p ON p.id = f.playlist_id
     WHERE f.user_id = $1 ${keyset}
     ORDER BY f.followed_at DESC, f.playlist_id ASC LIMIT $2`,
    params,
  );
  return rows.map((row) => ({ followedAt: row.followed_at, playlist: hydrate(db, PlaylistEntity, row) }));
}
