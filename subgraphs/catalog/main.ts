/**
 * The catalog subgraph process: Track, Album and Artist from Spotify (through providers/, batched
 * and cached) with Spotify and admin-curated snapshots in the MongoDB database `catalog`, and the Spotify →
 * YouTube mappings with their `catalog-mapping` job worker (in this process, or in catalog-workers
 * processes: platform/graphql/subgraph-process.ts).
 */
import { config } from '../../platform/config.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { logger } from '../../platform/logger.js';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import { createProviders } from '../../providers/index.js';
import { createCatalogueLoaders } from './catalogue/loaders.js';
import { NewTrackAnnouncer } from './catalogue/new-tracks.js';
import { SnapshotWriter } from './catalogue/snapshot-writer.js';
import type { CatalogContext } from './context.js';
import { startMapping, type MappingRuntime } from './mapping-api/runtime.js';
import { startMappingWorker } from './jobs/mapping-worker.js';
import { createMappingService } from './mapping/service.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { catalogCollections, prepareCatalogStore } from './store/collections.js';

// Started by `serve`; closed with the stores.
let mapping: MappingRuntime | undefined;
// Spotify snapshots queued behind requests: written out before the stores close.
let snapshots: SnapshotWriter | undefined;
// Tells lyrics about tracks stored for the first time (queue lyrics-tracks); closed after the snapshots' last flush.
let newTracks: NewTrackAnnouncer | undefined;

await runSubgraph({
  name: 'catalog',
  resolvers,
  permissions,
  async openStores() {
    const store = await openMongoStore('catalog');
    await prepareCatalogStore(store.db);
    const redis = connectRedis();
    // Shared by the server and the mapping worker of this process.
    const providers = createProviders(redis);
    return {
      store,
      redis,
      providers,
      close: async () => {
        await mapping?.close();
        await snapshots?.flush();
        await newTracks?.close();
        await providers.close();
        await Promise.all([store.client.close(), redis.quit()]);
      },
    };
  },
  async serve({ store, redis, providers }) {
    const catalog = catalogCollections(store.db);
    await providers.cache.listenForInvalidations();
    const mappings = (mapping = startMapping({ catalog, providers, redis, log: logger() }));
    const announcer = (newTracks = new NewTrackAnnouncer(catalog, redis, logger('catalog').child({ component: 'new-tracks' })));
    const writer = (snapshots = new SnapshotWriter(catalog, logger('catalog').child({ component: 'catalogue-snapshots' }), {
      onNewTracks: (tracks) => announcer.announce(tracks),
    }));
    return {
      context: (base): CatalogContext => ({
        ...base,
        catalog,
        catalogue: createCatalogueLoaders(catalog, providers.loaders('interactive'), writer),
        mappings: mappings.forRequest(),
      }),
      readiness: { mongo: mongoReadiness(store), redis: redisReadiness(redis) },
    };
  },
  // The catalog-mapping worker: in this process (WORKERS=embedded) or in catalog-workers processes.
  async workers({ store, redis, providers }) {
    await providers.cache.listenForInvalidations();
    const log = logger('catalog');
    const service = createMappingService({ store: catalogCollections(store.db), providers, log: log.child({ component: 'mapping' }) });
    const worker = startMappingWorker({ service, redis, concurrency: config().CATALOG_MAPPING_CONCURRENCY, log: log.child({ component: 'mapping' }) });
    return { close: () => worker.close(), readiness: { mongo: mongoReadiness(store), redis: redisReadiness(redis) } };
  },
});
