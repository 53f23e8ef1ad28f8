/**
 * The library subgraph process: playlists, collaborators, followers, saved tracks and Spotify
 * imports in the PostgreSQL database `library`, with the `library-import` job worker (in this
 * process for now, like the catalog's mapping worker).
 */
import { config } from '../../platform/config.js';
import { serviceClient } from '../../platform/graphql/service-client.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import type { JobWorker } from '../../platform/jobs/job-worker.js';
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

// Started by `serve`; closed before the stores, so the worker finishes its jobs while they still answer.
let worker: JobWorker | undefined;
let imports: SpotifyImportJobs | undefined;

await runSubgraph({
  name: 'library',
  resolvers,
  permissions,
  async openStores() {
    const db = await openPostgresStore({ subgraph: 'library', entities: libraryEntities, migrations: libraryMigrations });
    const redis = connectRedis();
    return {
      db,
      redis,
      close: async () => {
        await worker?.close();
        await imports?.close();
        await Promise.all([db.destroy(), redis.quit()]);
      },
    };
  },
  serve({ db, redis }) {
    const graph = serviceClient('library');
    const tracks = catalogTracks(graph);
    const jobs = (imports = new SpotifyImportJobs(redis));
    const playlistChanged = playlistEvents(redis);
    worker = startSpotifyImportWorker({
      db,
      graph,
      playlistChanged,
      spotify: spotifyUserLibraryFromConfig(new SpotifyQuota(redis)),
      concurrency: config().LIBRARY_IMPORT_CONCURRENCY,
      log: logger('library'),
    });
    return {
      context: (base): LibraryContext => ({ ...base, db, graph, tracks, imports: jobs, playlistChanged, loaders: createLibraryLoaders(db, base.identity) }),
      readiness: { postgres: postgresReadiness(db), redis: redisReadiness(redis) },
    };
  },
});
