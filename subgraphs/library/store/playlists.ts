/** Reading and creating playlists. Who may see a playlist is decided in ../access.ts, not here. */
import type { DataSource } from 'typeorm';
import { PlaylistEntity, type PlaylistRecord } from './entities.js';
import { fetchLimit, hydrateAll, isUuid, run } from './sql.js';

/** Playlist ids are UUIDs; checking first keeps malformed ids from reaching PostgreSQL as a cast error. */
export const isPlaylistId = isUuid;

export async function findPlaylist(db: DataSource, id: string): Promise<PlaylistRecord | null> {
  if (!isPlaylistId(id)) return null;
  return db.getRepository(PlaylistEntity).findOneBy({ id });
}

/** For a DataLoader: the playlists that exist among `ids`, in no particular order, in one query. */
export async function playlistsByIds(db: DataSource, ids: readonly string[]): Promise<PlaylistRecord[]> {
  const valid = [...new Set(ids.filter(isPlaylistId))];
  if (!valid.length) return [];
  const { rows } = await run(db, 'SELECT * FROM playlists WHERE id = ANY($1::uuid[])', [valid]);
  return hydrateAll(db, PlaylistEntity, rows);
}

export interface PlaylistCursor {
  updatedAt: Date;
  id: string;
}

/**
 * The playlists `userId` owns or collaborates on (any role), most recently updated first, then by
 * id; the page after `after`. Returns up to `first + 1` rows (see splitPage in sql.ts).
 */
export async function playlistsPageFor(
  db: DataSource,
  userId: string,
  page: { after: PlaylistCursor | null; first: number },
): Promise<PlaylistRecord[]> {
  const limit = fetchLimit(page.first);
  const params: unknown[] = [userId, limit];
  let keyset = '';
  if (page.after) {
    if (!isPlaylistId(page.after.id)) return [];
    params.push(page.after.updatedAt, page.after.id);
    keyset = 'AND (p.updated_at < $3 OR (p.updated_at = $3 AND p.id > $4))';
  }
  // Two indexed lookups (owner, collaborator) rather than an OR the planner cannot index.
  const { rows } = await run(
    db,
    `SELECT p.* FROM playlists p
     WHERE p.id IN (SELECT id FROM playlists WHERE owner_id = $1
                    UNION SELECT playlist_id FROM playlist_collaborators WHERE user_id = $1)
       ${keyset}
     ORDER BY p.updated_at DESC, p.id ASC
     LIMIT $2`,
    params,
  );
  return hydrateAll(db, PlaylistEntity, rows);
}

export interface NewPlaylist {
  ownerId: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  coverImageUrl?: string | null;
  tags?: string[];
}

/** Inserts a playlist; id, version, totals and timestamps come back from the database. */
export async function createPlaylist(db: DataSource, playlist: NewPlaylist): Promise<PlaylistRecord> {
  const repository = db.getRepository(PlaylistEntity);
  return repository.save(repository.create({ coverImageUrl: null, tags: [], ...playlist }));
}
