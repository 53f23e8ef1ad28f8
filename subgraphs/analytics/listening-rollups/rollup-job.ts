/**
 * The repeatable `analytics-rollups` job: every ANALYTICS_ROLLUP_EVERY_SECONDS (a BullMQ job
 * scheduler, so one schedule however many analytics processes run) it
 *   1. folds the listening events recorded since the last run into the stats rollups, exactly once
 *      (store/rollups.ts: a run repeated or concurrent never double-counts);
 *   2. keeps the event tables' monthly partitions 3 months ahead (store/partitions.ts);
 *   3. fetches the track facts (artists, language) of rolled-up tracks that have none, and refreshes
 *      stale ones (track-facts/), so top artists and languages see them.
 * `runRollupCycle` is also what the admin mutation `refreshListeningRollups` runs, for tests and
 * operators who need the stats current now.
 */
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';
import { jobQueueName } from '../../../platform/jobs/job-ids.js';
import { jobKeyPrefix } from '../../../platform/jobs/job-queue.js';
import { startJobWorker, type JobWorker } from '../../../platform/jobs/job-worker.js';
import { connectRedis } from '../../../platform/redis/connection.js';
import { ensureMonthPartitions } from '../store/partitions.js';
import { runListeningRollup } from '../store/rollups.js';
import { ensureTrackFacts, staleTrackFactIds } from '../track-facts/track-facts.js';

export const ROLLUPS_QUEUE = jobQueueName('analytics', 'rollups');
const SCHEDULER_ID = 'listening-rollups';
/** Track facts fetched per run at most (missing first, then stale): a few catalog calls. */
const FACTS_PER_RUN = 1000;

export interface RollupCycle {
  /** Listening events folded into the rollups. */
  events: number;
  /** Tracks whose facts were looked at (missing or stale). */
  trackFacts: number;
}

export async function runRollupCycle(db: DataSource, options: { graph?: ServiceClient; log?: Logger } = {}): Promise<RollupCycle> {
  const { events } = await runListeningRollup(db);
  const now = new Date();
  const ahead = [0, 1, 2, 3].map((months) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1)));
  await ensureMonthPartitions(db, 'listening_events', ahead);
  await ensureMonthPartitions(db, 'activity_events', ahead);

  const missing: { trackId: string }[] = await db.query(
    `SELECT t.track_id AS "trackId" FROM listening_track_totals t
      WHERE NOT EXISTS (SELECT 1 FROM track_facts f WHERE f.track_id = t.track_id) LIMIT $1`,
    [FACTS_PER_RUN],
  );
  const due = [...missing.map((row) => row.trackId), ...(await staleTrackFactIds(db, Math.max(0, FACTS_PER_RUN - missing.length), now))];
  if (due.length > 0) {
    try {
      await ensureTrackFacts(db, due, { graph: options.graph, now });
    } catch (error) {
      // The rollups are committed; the facts are asked again on the next run.
      options.log?.warn({ err: (error as Error).message }, 'track facts not fetched this run');
    }
  }
  return { events, trackFacts: due.length };
}

export interface RollupJobs {
  close(): Promise<void>;
}

/**
 * Schedules the job (replacing an older schedule; in the background, so analytics serves while Redis
 * is away) and runs it in this process, one run at a time.
 */
export function startRollupJobs(deps: { db: DataSource; everySeconds: number; log: Logger }): RollupJobs {
  const log = deps.log.child({ queue: ROLLUPS_QUEUE });
  const redis = connectRedis();
  const queue = new Queue(ROLLUPS_QUEUE, { connection: redis, prefix: jobKeyPrefix() });
  const scheduled = queue
    .upsertJobScheduler(
      SCHEDULER_ID,
      { every: deps.everySeconds * 1000 },
      { name: 'rollup', data: { ownerId: 'analytics', input: {} }, opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 1 } },
    )
    .catch((error: Error) => log.warn({ err: error.message }, 'could not schedule the listening rollups'));
  const worker: JobWorker = startJobWorker(ROLLUPS_QUEUE, () => runRollupCycle(deps.db, { log }), { concurrency: 1, log });
  return {
    async close() {
      await scheduled;
      await worker.close();
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
