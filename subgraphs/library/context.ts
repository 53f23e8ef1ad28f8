/** What library resolvers receive: the shared context, the library's database, its loaders, and the other subgraphs. */
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../../platform/graphql/context.js';
import type { ServiceClient } from '../../platform/graphql/service-client.js';
import type { LibraryLoaders } from './loaders.js';
import type { CatalogTracks } from '../../platform/graphql/catalog-tracks.js';
import type { PlaylistEvents } from './playlists/playlist-events.js';
import type { SpotifyImportJobs } from './spotify-import/queue.js';

export interface LibraryContext extends SubgraphContext {
  db: DataSource;
  loaders: LibraryLoaders;
  /** Other subgraphs, under the library's service identity (users for Spotify tokens, catalog for tracks and mappings). */
  graph: ServiceClient;
  /** Track ids the catalogue knows, with their lengths. */
  tracks: CatalogTracks;
  imports: SpotifyImportJobs;
  /** Publishes that a playlist changed, for live subscribers. */
  playlistChanged: PlaylistEvents;
}
