/**
 * Jobs wait for a spent budget instead of failing: when a provider call inside a BullMQ job throws
 * QUOTA_EXHAUSTED (YouTube units or searches until midnight Pacific, Spotify's QUOTA_EXCEEDED), the
 * job goes back to the delayed set until the reset, keeping its attempts, and runs again then.
 *
 *   new Worker(queue, waitingForQuota(async (job) => { ... }), { connection })
 */
import { DelayedError, type Job } from 'bullmq';
import { QuotaExhaustedError } from '../../providers/http/errors.js';
import { logger } from '../logger.js';

/** A little after the reset, so that the first call of the new day does not race it. */
const AFTER_RESET_MS = 5_000;

export function waitingForQuota<T, R>(process: (job: Job<T, R>, token?: string) => Promise<R>) {
  return async (job: Job<T, R>, token?: string): Promise<R> => {
    try {
      return await process(job, token);
    } catch (error) {
      if (!(error instanceof QuotaExhaustedError) || !token) throw error;
      const until = error.resetsAt.getTime() + AFTER_RESET_MS;
      logger().info({ jobId: job.id, queue: job.queueName, provider: error.provider, bucket: error.bucket, until: new Date(until).toISOString() }, 'job waits for quota');
      await job.moveToDelayed(until, token);
      throw new DelayedError();
    }
  };
}
