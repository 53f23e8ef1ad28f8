/** The catalog subgraph process: Track, Album and Artist snapshots in the MongoDB database `catalog`. */
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
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
    return { store, close: () => store.client.close() };
  },
  serve: ({ store }) => {
    const catalog = catalogCollections(store.db);
    return {
      context: (base): CatalogContext => ({ ...base, catalog }),
      readiness: { mongo: mongoReadiness(store) },
    };
  },
});
