/**
 * The analytics subgraph process: listening and activity events in the PostgreSQL database
 * `analytics`, with its BullMQ work (in this process for now, like the library's import worker): the
 * `analytics-listening` worker that records devices' listening reports, the repeatable rollups that
 * stats read, and the repeatable precomputation of recommendations.
 */
import { config } from '../../platform/config.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import type { JobWorker } from '../../platform/jobs/job-worker.js';
import { logger } from '../../platform/logger.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import type { AnalyticsContext } from './context.js';
import { startListeningWorker } from './listening-reports/worker.js';
import { startRollupJobs, type RollupJobs } from './listening-rollups/rollup-job.js';
import { startRecommendationsJob, type RecommendationsJob } from './recommendations/job.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { analyticsEntities } from './store/entities.js';
import { analyticsMigrations } from './store/migrations/index.js';

// Started by `serve`; closed before the database, so the jobs in hand finish while it still answers.
let worker: JobWorker | undefined;
let rollups: RollupJobs | undefined;
let recommendations: RecommendationsJob | undefined;

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
        await rollups?.close();
        await recommendations?.close();
        await db.destroy();
      },
    };
  },
  serve: ({ db }) => {
    worker = startListeningWorker({ db, concurrency: config().ANALYTICS_LISTENING_CONCURRENCY, log: logger('analytics') });
    rollups = startRollupJobs({ db, everySeconds: config().ANALYTICS_ROLLUP_EVERY_SECONDS, log: logger('analytics') });
    recommendations = startRecommendationsJob({ db, everySeconds: config().ANALYTICS_RECOMMENDATIONS_EVERY_SECONDS, log: logger('analytics') });
    // Readiness stays the database's: analytics answers queries while Redis is away, and the jobs wait.
    return {
      context: (base): AnalyticsContext => ({ ...base, db }),
      readiness: { postgres: postgresReadiness(db) },
    };
  },
});
