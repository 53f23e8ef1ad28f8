/**
 * The catalog subgraph process: Track, Album and Artist from Spotify (through providers/, batched
 * and cached) with admin-curated snapshots in the MongoDB database `catalog`.
 */
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import { createProviders } from '../../providers/index.js';
import { createCatalogueLoaders } from './catalogue/loaders.js';
import type { CatalogContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { catalogCollections, prepareCatalogStore } from './store/collections.js';

await runSubgraph({
  name: 'catalog',
  resolvers,
  permissions,
  async openStores() {
    const store = await openMongoStore('catalog');
    await prepareCatalogStore(store.db);
    const redis = connectRedis();
    return { store, redis, close: async () => void (await Promise.all([store.client.close(), redis.quit()])) };
  },
  async serve({ store, redis }) {
    const catalog = catalogCollections(store.db);
    const providers = createProviders(redis);
    await providers.cache.listenForInvalidations();
    return {
      context: (base): CatalogContext => ({ ...base, catalog, catalogue: createCatalogueLoaders(catalog, providers.loaders('interactive')) }),
      readiness: { mongo: mongoReadiness(store), redis: redisReadiness(redis) },
    };
  },
});
