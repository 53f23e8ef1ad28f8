/**
 * The consumer side of a queue, the same for every kind of job. A processor receives a `RunningJob`
 * (its input, owner, a logger carrying the job id, and `progress(percent)`, which never goes back)
 * and returns the result. Around it:
 * - a spent quota sends the job to the delayed set until the reset (`waitingForQuota`), marked in
 *   its progress so that it reads WAITING_FOR_QUOTA, and without spending an attempt;
 * - any other error is logged here with its details and stored with only its public message, since
 *   the job's error is shown to clients; BullMQ then retries with backoff (JOB_DEFAULTS);
 * - the worker has its own blocking connection (`maxRetriesPerRequest: null`, as BullMQ requires),
 *   and `close()` waits for the jobs in hand, so a shutdown never abandons a half-done attempt;
 * - every change a follower can see (started, progress, an attempt failed, completed) is published
 *   as a live event `job:<id>` (platform/live/), which `jobUpdated(id)` subscribers receive.
 */
import { hostname } from 'node:os';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QuotaExhaustedError } from '../../providers/http/errors.js';
import { AppError } from '../errors.js';
import { jobTopic, publishLiveEvent } from '../live/live-events.js';
import { connectRedis } from '../redis/connection.js';
import { publicJobId } from './job-ids.js';
import { jobAttempts, jobDuration, jobFailures } from './job-metrics.js';
import { clampPercent, readProgress, type JobProgressRecord } from './job-progress.js';
import { jobKeyPrefix } from './job-queue.js';
import type { JobData } from './job-view.js';
import { waitingForQuota } from './quota-wait.js';

export interface RunningJob<Input> {
  /** The public id (`<queue>:<bullmq id>`). */
  id: string;
  input: Input;
  ownerId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** No retry follows if this attempt fails. */
  finalAttempt: boolean;
  log: Logger;
  /** Reports 0-99 (100 is COMPLETED's); values lower than already reported are ignored (a resumed job re-counts). */
  progress(percent: number): Promise<void>;
  bullJob: Job<JobData<Input>>;
}

export type JobProcessor<Input, Result> = (job: RunningJob<Input>) => Promise<Result>;

export interface JobWorkerOptions {
  concurrency: number;
  log: Logger;
  /** Default: a new blocking connection to REDIS_URL, closed with the worker. */
  connection?: Redis;
  /** Where live events are published; default a new command connection, closed with the worker. */
  events?: Redis;
  prefix?: string;
}

export interface JobWorker {
  worker: Worker;
  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void>;
}

export function startJobWorker<Input, Result>(queueName: string, process: JobProcessor<Input, Result>, options: JobWorkerOptions): JobWorker {
  const connection = options.connection ?? connectRedis({ maxRetriesPerRequest: null });
  const worker = new Worker<JobData<Input>, Result>(queueName, jobProcessor(process, options.log), {
    connection,
    prefix: options.prefix ?? jobKeyPrefix(),
    concurrency: options.concurrency,
    name: workerName(),
    maxStalledCount: 2,
  });
  const events = options.events ?? connectRedis();
  const changed = (job: Job | undefined) => {
    if (job?.id) void publishLiveEvent(events, jobTopic(publicJobId(queueName, job.id)));
  };
  worker.on('error', (error) => options.log.warn({ err: error.message, queue: queueName }, 'job worker error'));
  worker.on('active', changed);
  worker.on('progress', changed);
  worker.on('completed', (job) => {
    jobAttempts.inc({ queue: queueName, outcome: 'completed' });
    changed(job);
  });
  worker.on('failed', (job, error) => {
    jobAttempts.inc({ queue: queueName, outcome: 'failed' });
    changed(job);
    const final = error instanceof UnrecoverableError || (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
    if (final) jobFailures.inc({ queue: queueName });
    if (final) options.log.warn({ jobId: publicJobId(queueName, job?.id ?? ''), err: error.message }, 'job failed for good');
  });
  return {
    worker,
    async close() {
      await worker.close();
      if (!options.connection) await connection.quit().catch(() => connection.disconnect());
      if (!options.events) await events.quit().catch(() => events.disconnect());
    },
  };
}

/** This process's name on the jobs it runs (`job.processedBy`): the host (a pod's name) and the process id. */
export const workerName = (): string => `${hostname()}:${process.pid}`;

/** The BullMQ processor around a `JobProcessor` (exported for tests that drive a Worker themselves). */
export function jobProcessor<Input, Result>(process: JobProcessor<Input, Result>, log: Logger) {
  return waitingForQuota<JobData<Input>, Result>(async (job, token) => {
    const id = publicJobId(job.queueName, job.id ?? '');
    const attempt = job.attemptsMade + 1;
    const jobLog = log.child({ jobId: id, attempt });
    let current: JobProgressRecord = readProgress(job.progress) ?? { percent: 0, at: 0 };
    if (current.quotaWait) {
      // Running again: no longer waiting for quota.
      current = { percent: current.percent, at: Date.now() };
      await job.updateProgress(current);
    }
    const running: RunningJob<Input> = {
      id,
      input: job.data.input,
      ownerId: job.data.ownerId,
      attempt,
      finalAttempt: attempt >= (job.opts.attempts ?? 1),
      log: jobLog,
      bullJob: job,
      async progress(percent) {
        // 100 is for COMPLETED: a job at "100 %" that then waits for quota would mislead.
        const next = Math.min(99, clampPercent(percent));
        if (next <= current.percent) return;
        current = { percent: next, at: Date.now() };
        await job.updateProgress(current);
      },
    };
    const timer = jobDuration.startTimer({ queue: job.queueName, name: job.name });
    try {
      const result = await process(running);
      timer({ outcome: 'completed' });
      return result;
    } catch (error) {
      timer({ outcome: error instanceof QuotaExhaustedError ? 'waiting_for_quota' : error instanceof DelayedError ? 'delayed' : 'failed' });
      if (error instanceof QuotaExhaustedError && token) {
        const quotaWait = { until: error.resetsAt.getTime(), provider: error.provider, bucket: error.bucket };
        await job.updateProgress({ ...current, at: Date.now(), quotaWait });
        jobAttempts.inc({ queue: job.queueName, outcome: 'waiting_for_quota' });
        throw error; // waitingForQuota moves the job to the delayed set
      }
      if (error instanceof DelayedError) throw error;
      jobLog.warn({ err: error }, 'job attempt failed');
      const message = publicMessage(error);
      throw error instanceof UnrecoverableError ? new UnrecoverableError(message) : new Error(message);
    }
  });
}

/** Our errors carry messages meant for clients; anything else (a driver, a bug) is not shown. */
function publicMessage(error: unknown): string {
  if (error instanceof AppError || error instanceof UnrecoverableError) return error.message;
  return 'The job failed because of an internal error';
}
