/**
 * The library's tables as TypeORM entity schemas (no decorators: esbuild, which runs this code, does
 * not emit decorator metadata). Column names are snake_case in SQL and camelCase here.
 * User and track ids belong to other subgraphs, so they are stored as text in whatever format those
 * subgraphs use, with no foreign keys across stores.
 */
import { EntitySchema } from 'typeorm';

export interface PlaylistRecord {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  /** Optimistic-concurrency version: TypeORM bumps it on every save. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlaylistItemRecord {
  /** An item has its own id because the same track may appear twice in a playlist. */
  id: string;
  playlistId: string;
  position: number;
  trackId: string;
  addedBy: string;
  addedAt: Date;
}

export interface SavedTrackRecord {
  userId: string;
  trackId: string;
  savedAt: Date;
}

/** A `User` as this subgraph knows it: only the key; users owns everything else. */
export interface UserReference {
  __typename?: 'User';
  id: string;
}

export const PlaylistEntity = new EntitySchema<PlaylistRecord>({
  name: 'Playlist',
  tableName: 'playlists',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    ownerId: { type: 'text', name: 'owner_id' },
    name: { type: 'varchar', length: 100 },
    description: { type: 'varchar', length: 300, nullable: true },
    isPublic: { type: 'boolean', name: 'is_public', default: false },
    version: { type: 'int', version: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});

export const PlaylistItemEntity = new EntitySchema<PlaylistItemRecord>({
  name: 'PlaylistItem',
  tableName: 'playlist_items',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    playlistId: { type: 'uuid', name: 'playlist_id' },
    position: { type: 'int' },
    trackId: { type: 'text', name: 'track_id' },
    addedBy: { type: 'text', name: 'added_by' },
    addedAt: { type: 'timestamptz', name: 'added_at', createDate: true },
  },
});

export const SavedTrackEntity = new EntitySchema<SavedTrackRecord>({
  name: 'SavedTrack',
  tableName: 'saved_tracks',
  columns: {
    userId: { type: 'text', name: 'user_id', primary: true },
    trackId: { type: 'text', name: 'track_id', primary: true },
    savedAt: { type: 'timestamptz', name: 'saved_at', createDate: true },
  },
});

export const libraryEntities = [PlaylistEntity, PlaylistItemEntity, SavedTrackEntity];
