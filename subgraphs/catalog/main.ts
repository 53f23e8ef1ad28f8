/**
 * The catalog subgraph process: Track, Album and Artist from Spotify (through providers/, batched
 * and cached) with Spotify and admin-curated snapshots in the MongoDB database `catalog`, and the Spotify →
 * YouTube mappings with their `catalog-mapping` job worker (in this process for now).
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
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { catalogCollections, prepareCatalogStore } from './store/collections.js';

// Started by `serve`; closed before the stores, so the worker finishes its jobs while they still answer.
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
    return {
      store,
      redis,
      close: async () => {
        await mapping?.close();
        await snapshots?.flush();
        await newTracks?.close();
        await Promise.all([store.client.close(), redis.quit()]);
      },
    };
  },
  async serve({ store, redis }) {
    const catalog = catalogCollections(store.db);
    const providers = createProviders(redis);
    await providers.cache.listenForInvalidations();
    const mappings = startMapping({ catalog, providers, redis, concurrency: config().CATALOG_MAPPING_CONCURRENCY, log: logger() });
    mapping = mappings;
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
});
