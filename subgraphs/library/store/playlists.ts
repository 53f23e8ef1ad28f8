/** Reading and creating playlists. Who may see a playlist is decided in ../visibility.ts, not here. */
import type { DataSource } from 'typeorm';
import { PlaylistEntity, type PlaylistRecord } from './entities.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Playlist ids are UUIDs; checking first keeps malformed ids from reaching PostgreSQL as a cast error. */
export const isPlaylistId = (id: string): boolean => UUID.test(id);

/**
 * Upper bound on `User.playlists` until it becomes a paginated connection. A user with more
 * playlists sees the most recently changed ones.
 */
export const MAX_LISTED_PLAYLISTS = 500;

export async function findPlaylist(db: DataSource, id: string): Promise<PlaylistRecord | null> {
  if (!isPlaylistId(id)) return null;
  return db.getRepository(PlaylistEntity).findOneBy({ id });
}

export function playlistsOwnedBy(db: DataSource, ownerId: string): Promise<PlaylistRecord[]> {
  return db.getRepository(PlaylistEntity).find({
    where: { ownerId },
    order: { updatedAt: 'DESC', id: 'ASC' },
    take: MAX_LISTED_PLAYLISTS,
  });
}

export interface NewPlaylist {
  ownerId: string;
  name: string;
  description: string | null;
  isPublic: boolean;
}

/** Inserts a playlist; id, version and timestamps come back from the database. */
export async function createPlaylist(db: DataSource, playlist: NewPlaylist): Promise<PlaylistRecord> {
  const repository = db.getRepository(PlaylistEntity);
  return repository.save(repository.create(playlist));
}
