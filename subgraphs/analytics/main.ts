/**
 * The analytics subgraph process: listening events in the PostgreSQL database `analytics`.
 * `--migrate` runs the migrations and exits (the supervisor runs it before starting the processes).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import { serveSubgraph } from '../../platform/graphql/subgraph-server.js';
import { onShutdown } from '../../platform/http/shutdown.js';
import { logger } from '../../platform/logger.js';
import type { AnalyticsContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { analyticsEntities } from './store/entities.js';
import { analyticsMigrations } from './store/migrations/index.js';

const log = logger('analytics');

// Start-up fails if PostgreSQL is unreachable; afterwards the pool reconnects on its own and /ready
// reports false in between.
const db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });

if (process.argv.includes('--migrate')) {
  log.info('analytics migrations are up to date');
  await db.destroy();
  process.exit(0);
}

const running = await serveSubgraph<AnalyticsContext>({
  name: 'analytics',
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
