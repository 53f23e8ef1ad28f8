/**
 * The catalog subgraph process: Track, Album and Artist snapshots in the MongoDB database `catalog`.
 * `--migrate` creates the collections and indexes and exits (the supervisor runs it before starting).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
import { serveSubgraph } from '../../platform/graphql/subgraph-server.js';
import { onShutdown } from '../../platform/http/shutdown.js';
import { logger } from '../../platform/logger.js';
import type { CatalogContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { catalogCollections, prepareCatalogStore } from './store/collections.js';

const log = logger('catalog');

// Start-up fails if MongoDB is unreachable; afterwards the driver reconnects on its own and /ready
// reports false in between.
const store = await openMongoStore('catalog');
await prepareCatalogStore(store.db);

if (process.argv.includes('--migrate')) {
  log.info('catalog collections and indexes are in place');
  await store.client.close();
  process.exit(0);
}

const catalog = catalogCollections(store.db);
const running = await serveSubgraph<CatalogContext>({
  name: 'catalog',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  permissions,
  context: (base) => ({ ...base, catalog }),
  readiness: { mongo: mongoReadiness(store) },
});

onShutdown(log, async () => {
  await running.stop();
  await store.client.close();
});
