/**
 * The library's tables as TypeORM entity schemas (no decorators: esbuild, which runs this code, does
 * not emit decorator metadata). Column names are snake_case in SQL and camelCase here.
 * User and track ids belong to other subgraphs, so they are stored as text in whatever format those
 * subgraphs use, with no foreign keys across stores.
 * Timestamps that serve as pagination cursors are stored to the millisecond (timestamptz(3)) so a
 * JavaScript Date holds them exactly.
 */
import { EntitySchema, type ValueTransformer } from 'typeorm';

export interface PlaylistRecord {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  coverImageUrl: string | null;
  tags: string[];
  /** Optimistic-concurrency version: bumped by every edit (playlist-edits.ts) and by TypeORM saves. */
  version: number;
  /** Denormalised from the items, kept exact by every edit in the same transaction. */
  trackCount: number;
  durationMs: number;
  /** Kept exact by followers.ts; following does not bump the version. */
  followerCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlaylistItemRecord {
  /** An item has its own id because the same track may appear twice in a playlist. */
  id: string;
  playlistId: string;
  /** 0..n-1 without gaps. */
  position: number;
  trackId: string;
  /** The track's length when it was added, so playlist totals need no catalogue call. */
  durationMs: number;
  addedBy: string;
  addedAt: Date;
}

export interface SavedTrackRecord {
  userId: string;
  trackId: string;
  savedAt: Date;
}

export type CollaboratorRole = 'VIEW' | 'EDIT' | 'MANAGE';
export const COLLABORATOR_ROLES: readonly CollaboratorRole[] = ['VIEW', 'EDIT', 'MANAGE'];

export interface CollaboratorRecord {
  playlistId: string;
  userId: string;
  role: CollaboratorRole;
  invitedBy: string;
  createdAt: Date;
}

export interface FollowerRecord {
  playlistId: string;
  userId: string;
  followedAt: Date;
}

export interface SpotifyImportRecord {
  id: string;
  userId: string;
  /** `playlist:<spotifyId>` or `saved-tracks`: one import per user and source. */
  source: string;
  spotifyPlaylistId: string | null;
  playlistId: string;
  snapshotId: string | null;
  lastSyncedAt: Date | null;
  createdAt: Date;
}

/** A `User` as this subgraph knows it: only the key; users owns everything else. */
export interface UserReference {
  __typename?: 'User';
  id: string;
}

/** node-pg returns bigint as a string; playlist durations stay far below 2^53 ms. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

export const PlaylistEntity = new EntitySchema<PlaylistRecord>({
  name: 'Playlist',
  tableName: 'playlists',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    ownerId: { type: 'text', name: 'owner_id' },
    name: { type: 'varchar', length: 100 },
    description: { type: 'varchar', length: 300, nullable: true },
    isPublic: { type: 'boolean', name: 'is_public', default: false },
    coverImageUrl: { type: 'varchar', length: 2000, name: 'cover_image_url', nullable: true },
    tags: { type: 'text', array: true, default: () => "'{}'" },
    version: { type: 'int', version: true },
    trackCount: { type: 'int', name: 'track_count', default: 0 },
    durationMs: { type: 'bigint', name: 'duration_ms', default: 0, transformer: bigintAsNumber },
    followerCount: { type: 'int', name: 'follower_count', default: 0 },
    createdAt: { type: 'timestamptz', name: 'created_at', precision: 3, createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', precision: 3, updateDate: true },
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
    durationMs: { type: 'int', name: 'duration_ms', default: 0 },
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
    savedAt: { type: 'timestamptz', name: 'saved_at', precision: 3, createDate: true },
  },
});

export const CollaboratorEntity = new EntitySchema<CollaboratorRecord>({
  name: 'PlaylistCollaborator',
  tableName: 'playlist_collaborators',
  columns: {
    playlistId: { type: 'uuid', name: 'playlist_id', primary: true },
    userId: { type: 'text', name: 'user_id', primary: true },
    role: { type: 'text' },
    invitedBy: { type: 'text', name: 'invited_by' },
    createdAt: { type: 'timestamptz', name: 'created_at', precision: 3, createDate: true },
  },
});

export const FollowerEntity = new EntitySchema<FollowerRecord>({
  name: 'PlaylistFollower',
  tableName: 'playlist_followers',
  columns: {
    playlistId: { type: 'uuid', name: 'playlist_id', primary: true },
    userId: { type: 'text', name: 'user_id', primary: true },
    followedAt: { type: 'timestamptz', name: 'followed_at', precision: 3, createDate: true },
  },
});

export const SpotifyImportEntity = new EntitySchema<SpotifyImportRecord>({
  name: 'SpotifyImport',
  tableName: 'spotify_imports',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    userId: { type: 'text', name: 'user_id' },
    source: { type: 'text' },
    spotifyPlaylistId: { type: 'text', name: 'spotify_playlist_id', nullable: true },
    playlistId: { type: 'uuid', name: 'playlist_id', unique: true },
    snapshotId: { type: 'text', name: 'snapshot_id', nullable: true },
    lastSyncedAt: { type: 'timestamptz', name: 'last_synced_at', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});

export const libraryEntities = [
  PlaylistEntity,
  PlaylistItemEntity,
  SavedTrackEntity,
  CollaboratorEntity,
  FollowerEntity,
  SpotifyImportEntity,
];
