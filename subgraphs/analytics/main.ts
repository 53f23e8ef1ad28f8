/**
 * The analytics subgraph process: listening and activity events in the PostgreSQL database
 * `analytics`, with its BullMQ work (workers: in this process or in analytics-workers processes): the
 * `analytics-listening` worker that records devices' listening reports, the repeatable rollups that
 * stats read, and the repeatable precomputation of recommendations.
 */
import { config } from '../../platform/config.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { logger } from '../../platform/logger.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import type { AnalyticsContext } from './context.js';
import { startListeningWorker } from './listening-reports/worker.js';
import { startRollupJobs } from './listening-rollups/rollup-job.js';
import { startRecommendationsJob } from './recommendations/job.js';
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
    // Readiness stays the database's: analytics answers queries while Redis is away, and the jobs wait.
    readiness: { postgres: postgresReadiness(db) },
  }),
  // In this process (WORKERS=embedded) or in analytics-workers processes. The rollup and
  // recommendation schedules are upserted by every worker process (BullMQ's upsertJobScheduler is
  // idempotent on the scheduler id), so a pool of any size keeps one schedule of each.
  workers: ({ db }) => {
    const c = config();
    const log = logger('analytics');
    const jobs = [
      startListeningWorker({ db, concurrency: c.ANALYTICS_LISTENING_CONCURRENCY, log }),
      startRollupJobs({ db, everySeconds: c.ANALYTICS_ROLLUP_EVERY_SECONDS, log }),
      startRecommendationsJob({ db, everySeconds: c.ANALYTICS_RECOMMENDATIONS_EVERY_SECONDS, log }),
    ];
    return { close: async () => void (await Promise.all(jobs.map((job) => job.close()))), readiness: { postgres: postgresReadiness(db) } };
  },
});
