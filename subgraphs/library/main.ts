/**
 * The library subgraph process: playlists, collaborators, followers, saved tracks and Spotify
 * imports in the PostgreSQL database `library`, with the `library-import` job worker (in this
 * process, or in library-workers processes: platform/graphql/subgraph-process.ts).
 */
import { config } from '../../platform/config.js';
import { serviceClient } from '../../platform/graphql/service-client.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { logger } from '../../platform/logger.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import { SpotifyQuota } from '../../providers/quota/spotify-quota.js';
import { spotifyUserLibraryFromConfig } from '../../providers/spotify/user-library-client.js';
import type { LibraryContext } from './context.js';
import { createLibraryLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { catalogTracks } from '../../platform/graphql/catalog-tracks.js';
import { playlistEvents } from './playlists/playlist-events.js';
import { resolvers } from './resolvers.js';
import { SpotifyImportJobs } from './spotify-import/queue.js';
import { startSpotifyImportWorker } from './spotify-import/worker.js';
import { libraryEntities } from './store/entities.js';
import { libraryMigrations } from './store/migrations/index.js';

await runSubgraph({
  name: 'library',
  resolvers,
  permissions,
  async openStores() {
    const db = await openPostgresStore({ subgraph: 'library', entities: libraryEntities, migrations: libraryMigrations });
    const redis = connectRedis();
    // The import queue's producer shares the connection, so it is closed first.
    const imports = new SpotifyImportJobs(redis);
    return {
      db,
      redis,
      imports,
      close: async () => {
        await imports.close();
        await Promise.all([db.destroy(), redis.quit()]);
      },
    };
  },
  serve({ db, redis, imports }) {
    const graph = serviceClient('library');
    const tracks = catalogTracks(graph);
    const playlistChanged = playlistEvents(redis);
    return {
      context: (base): LibraryContext => ({ ...base, db, graph, tracks, imports, playlistChanged, loaders: createLibraryLoaders(db, base.identity) }),
      readiness: { postgres: postgresReadiness(db), redis: redisReadiness(redis) },
    };
  },
  // The library-import worker: in this process (WORKERS=embedded) or in library-workers processes.
  workers({ db, redis }) {
    const worker = startSpotifyImportWorker({
      db,
      graph: serviceClient('library'),
      playlistChanged: playlistEvents(redis),
      spotify: spotifyUserLibraryFromConfig(new SpotifyQuota(redis)),
      concurrency: config().LIBRARY_IMPORT_CONCURRENCY,
      log: logger('library'),
    });
    return { close: () => worker.close(), readiness: { postgres: postgresReadiness(db), redis: redisReadiness(redis) } };
  },
});
