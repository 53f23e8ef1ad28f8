/** The analytics subgraph process: listening events in the PostgreSQL database `analytics`. */
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import type { AnalyticsContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { analyticsEntities } from './store/entities.js';
import { analyticsMigrations } from './store/migrations/index.js';

await runSubgraph({
  name: 'analytics',
  resolvers,
  permissions,
  async openStores() {
    const db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
    return { db, close: () => db.destroy() };
  },
  serve: ({ db }) => ({
    context: (base): AnalyticsContext => ({ ...base, db }),
    readiness: { postgres: postgresReadiness(db) },
  }),
});
