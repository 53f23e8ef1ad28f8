/**
 * The analytics subgraph process: listening events in the PostgreSQL database `analytics`, with the
 * `analytics-listening` worker that records devices' listening reports (in this process for now,
 * like the library's import worker).
 */
import { config } from '../../platform/config.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import type { JobWorker } from '../../platform/jobs/job-worker.js';
import { logger } from '../../platform/logger.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import type { AnalyticsContext } from './context.js';
import { startListeningWorker } from './listening-reports/worker.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { analyticsEntities } from './store/entities.js';
import { analyticsMigrations } from './store/migrations/index.js';

// Started by `serve`; closed before the database, so the jobs in hand finish while it still answers.
let worker: JobWorker | undefined;

await runSubgraph({
  name: 'analytics',
  resolvers,
  permissions,
  async openStores() {
    const db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
    return {
      db,
      close: async () => {
        await worker?.close();
        await db.destroy();
      },
    };
  },
  serve: ({ db }) => {
    worker = startListeningWorker({ db, concurrency: config().ANALYTICS_LISTENING_CONCURRENCY, log: logger('analytics') });
    // Readiness stays the database's: analytics answers queries while Redis is away, and the jobs wait.
    return {
      context: (base): AnalyticsContext => ({ ...base, db }),
      readiness: { postgres: postgresReadiness(db) },
    };
  },
});
