/**
 * Per-request DataLoaders of the library: playlists by id, the viewer's collaborator role and
 * follow per playlist, the Spotify import behind a playlist. A page of 100 playlists (or 100 `_entities` references) costs one query for
 * each, not one per playlist.
 */
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { RequestIdentity } from '../../platform/identity.js';
import { accessOf, type PlaylistAccess } from './access.js';
import { collaboratorRoles } from './store/collaborators.js';
import type { CollaboratorRole, PlaylistRecord, SpotifyImportRecord } from './store/entities.js';
import { followsOf } from './store/followers.js';
import { playlistsByIds } from './store/playlists.js';
import { importsByPlaylists } from './store/spotify-imports.js';

export interface LibraryLoaders {
  playlist: DataLoader<string, PlaylistRecord | null>;
  /** What the viewer may do with the playlist; null when they may not see it. */
  access(playlist: PlaylistRecord): Promise<PlaylistAccess | null>;
  viewerFollows: DataLoader<string, boolean>;
  /** The Spotify source a playlist was imported from, by playlist id. */
  spotifyImport: DataLoader<string, SpotifyImportRecord | null>;
}

export function createLibraryLoaders(db: DataSource, identity: RequestIdentity): LibraryLoaders {
  const viewer = identity.userId;
  const roles = new DataLoader<string, CollaboratorRole | undefined>(async (ids) => {
    const found = viewer ? await collaboratorRoles(db, [...ids], viewer) : new Map<string, CollaboratorRole>();
    return ids.map((id) => found.get(id));
  });
  return {
    playlist: new DataLoader(async (ids) => {
      const found = new Map((await playlistsByIds(db, [...ids])).map((playlist) => [playlist.id, playlist]));
      // UUIDs are case-insensitive (the store matches them so); PostgreSQL answers them lower-case.
      return ids.map((id) => found.get(id.toLowerCase()) ?? null);
    }),
    async access(playlist) {
      // Owners and signed-out callers need no lookup of a collaborator role.
      const role = viewer && viewer !== playlist.ownerId ? await roles.load(playlist.id) : undefined;
      return accessOf(playlist, identity, role);
    },
    viewerFollows: new DataLoader(async (ids) => {
      const follows = viewer ? await followsOf(db, [...ids], viewer) : new Set<string>();
      return ids.map((id) => follows.has(id));
    }),
    spotifyImport: new DataLoader(async (ids) => {
      const found = new Map((await importsByPlaylists(db, ids)).map((origin) => [origin.playlistId, origin]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
