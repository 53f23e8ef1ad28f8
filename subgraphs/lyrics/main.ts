/**
 * The lyrics subgraph process: Genius matches and track languages in the MongoDB database `lyrics`.
 * `--migrate` creates the collections and indexes and exits (the supervisor runs it before starting).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
import { serveSubgraph } from '../../platform/graphql/subgraph-server.js';
import { onShutdown } from '../../platform/http/shutdown.js';
import { logger } from '../../platform/logger.js';
import type { LyricsContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { lyricsCollections, prepareLyricsStore } from './store/collections.js';

const log = logger('lyrics');

// Start-up fails if MongoDB is unreachable; afterwards the driver reconnects on its own and /ready
// reports false in between.
const store = await openMongoStore('lyrics');
await prepareLyricsStore(store.db);

if (process.argv.includes('--migrate')) {
  log.info('lyrics collections and indexes are in place');
  await store.client.close();
  process.exit(0);
}

const lyrics = lyricsCollections(store.db);
const running = await serveSubgraph<LyricsContext>({
  name: 'lyrics',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  permissions,
  context: (base) => ({ ...base, lyrics }),
  readiness: { mongo: mongoReadiness(store) },
});

onShutdown(log, async () => {
  await running.stop();
  await store.client.close();
});
