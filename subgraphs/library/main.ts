/**
 * The library subgraph process: playlists and saved tracks in the PostgreSQL database `library`.
 * `--migrate` runs the migrations and exits (the supervisor runs it before starting the processes).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import { serveSubgraph } from '../../platform/graphql/subgraph-server.js';
import { onShutdown } from '../../platform/http/shutdown.js';
import { logger } from '../../platform/logger.js';
import type { LibraryContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { libraryEntities } from './store/entities.js';
import { libraryMigrations } from './store/migrations/index.js';

const log = logger('library');

// Start-up fails if PostgreSQL is unreachable; afterwards the pool reconnects on its own and /ready
// reports false in between.
const db = await openPostgresStore({ subgraph: 'library', entities: libraryEntities, migrations: libraryMigrations });

if (process.argv.includes('--migrate')) {
  log.info('library migrations are up to date');
  await db.destroy();
  process.exit(0);
}

const running = await serveSubgraph<LibraryContext>({
  name: 'library',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  permissions,
  context: (base) => ({ ...base, db }),
  readiness: { postgres: postgresReadiness(db) },
});

onShutdown(log, async () => {
  await running.stop();
  await db.destroy();
});
