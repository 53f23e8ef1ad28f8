/**
 * The `analytics-recommendations` queue: one repeatable job (a BullMQ job scheduler, upserted at
 * start by every analytics replica, which leaves one schedule) that recomputes every active user's
 * recommendations every ANALYTICS_RECOMMENDATIONS_EVERY_SECONDS (./compute.ts). One worker per
 * process, one job at a time; runs that overlap across replicas are kept apart by the computation's
 * advisory lock. Internal: not a public job kind (nobody follows it with `job(id)`).
 */
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { jobQueueName } from '../../../platform/jobs/job-ids.js';
import { JobQueue } from '../../../platform/jobs/job-queue.js';
import { startJobWorker, type JobWorker } from '../../../platform/jobs/job-worker.js';
import { connectRedis } from '../../../platform/redis/connection.js';
import { refreshRecommendations, type RecommendationRunRecord } from './compute.js';
import { recommendationPolicy } from './policy.js';

export const RECOMMENDATIONS_QUEUE = jobQueueName('analytics', 'recommendations');
const JOB_NAME = 'refresh';
const SCHEDULER_ID = 'recommendations-refresh';

export interface RecommendationsJob {
  queue: JobQueue<Record<string, never>, RecommendationRunRecord>;
  worker: JobWorker;
  close(): Promise<void>;
}

/**
 * Upserts the schedule (replacing an older interval) and starts the worker. Redis being away at
 * start is logged, not fatal: analytics serves reads without it, and the next start schedules.
 */
export function startRecommendationsJob(deps: { db: DataSource; everySeconds: number; log: Logger }): RecommendationsJob {
  const redis = connectRedis();
  const log = deps.log.child({ queue: RECOMMENDATIONS_QUEUE });
  // A failed run waits for the next one rather than retrying: the next run recomputes everything anyway.
  const queue = new JobQueue<Record<string, never>, RecommendationRunRecord>(RECOMMENDATIONS_QUEUE, JOB_NAME, redis, {
    defaultJobOptions: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
  });
  void queue.queue
    .upsertJobScheduler(SCHEDULER_ID, { every: deps.everySeconds * 1000 }, { name: JOB_NAME as never, data: { ownerId: 'analytics', input: {} } })
    .catch((error: Error) => log.warn({ err: error.message }, 'could not schedule recommendations'));
  const worker = startJobWorker<Record<string, never>, RecommendationRunRecord>(
    RECOMMENDATIONS_QUEUE,
    async (job) => {
      const run = await refreshRecommendations(deps.db, recommendationPolicy());
      job.log.info({ ...run }, run.ran ? 'recommendations recomputed' : 'another run holds the lock; skipped');
      return run;
    },
    { concurrency: 1, log },
  );
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
