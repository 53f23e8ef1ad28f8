/**
 * The producer side of a subgraph's BullMQ queue, the same for every kind of job: keys under this
 * deployment's REDIS_KEY_PREFIX, retries with exponential backoff, finished jobs kept for a while,
 * and `enqueue`, which is idempotent: the job id is derived from what the job is about, so asking
 * again (or asking at the same moment from two replicas) finds the one job there is. Whoever asks
 * is recorded beside the job, so every requester may follow it, not only the first.
 *
 *   const mapping = new JobQueue<MappingInput, MappingResult>('catalog-mapping', 'map', redis);
 *   const view = await mapping.enqueue({ key: setKey(trackIds), input, requesterId, priority: 'interactive' });
 */
import { Queue, type DefaultJobOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CallerPriority } from '../../providers/quota/priority.js';
import { config } from '../config.js';
import { deterministicJobId, parseJobId } from './job-ids.js';
import { watchQueueDepth } from './job-metrics.js';
import { toJobView, type JobData, type JobView } from './job-view.js';

const DAY_SECONDS = 24 * 3600;

/** BullMQ priorities: lower runs first. People waiting on a screen go ahead of background work. */
export const JOB_PRIORITY: Record<CallerPriority, number> = { interactive: 1, background: 10 };

/**
 * Finished jobs stay findable by their id for a day (completed) or a week (failed): asking again
 * within that time answers the finished job; afterwards the same id starts a fresh one.
 */
export const JOB_DEFAULTS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: DAY_SECONDS },
  removeOnFail: { age: 7 * DAY_SECONDS },
} satisfies DefaultJobOptions;

/** Longer than a job can wait (a quota day and its retries) plus its retention. */
const REQUESTERS_TTL_SECONDS = 9 * DAY_SECONDS;

/** BullMQ's key prefix: every queue key starts with `<REDIS_KEY_PREFIX>bull:<queue>:`. */
export const jobKeyPrefix = (redisKeyPrefix = config().REDIS_KEY_PREFIX): string => `${redisKeyPrefix}bull`;

export interface JobQueueOptions {
  /** Default: `jobKeyPrefix()`; tests that reach another process's queues pass that process's. */
  prefix?: string;
  defaultJobOptions?: DefaultJobOptions;
  /** Report this queue's depth on `/metrics` (default true); readers of another subgraph's queue say false. */
  observeDepth?: boolean;
}

export interface EnqueueRequest<Input> {
  /** What makes two requests the same work (e.g. the sorted track ids); hashed into the job id. */
  key: readonly string[];
  input: Input;
  requesterId: string;
  priority: CallerPriority;
}

export class JobQueue<Input, Result> {
  readonly queue: Queue<JobData<Input>, Result>;
  private readonly prefix: string;
  private readonly unwatch: () => void;

  constructor(
    readonly name: string,
    /** The BullMQ job name and id prefix: one kind of work per queue. */
    readonly kind: string,
    /** A command connection (fails fast): producers answer GraphQL requests. */
    private readonly redis: Redis,
    options: JobQueueOptions = {},
  ) {
    this.prefix = options.prefix ?? jobKeyPrefix();
    this.queue = new Queue<JobData<Input>, Result>(name, {
      connection: redis,
      prefix: this.prefix,
      defaultJobOptions: { ...JOB_DEFAULTS, ...options.defaultJobOptions },
    });
    this.unwatch = options.observeDepth === false ? () => {} : watchQueueDepth(this.queue);
  }

  /** The BullMQ id of the job for `key`. */
  jobIdFor(key: readonly string[]): string {
    return deterministicJobId(this.kind, key);
  }

  /**
   * The job for this work, added if there is none. A job that failed for good is retried; one still
   * waiting moves ahead when an interactive caller now asks for it.
   */
  async enqueue(request: EnqueueRequest<Input>): Promise<JobView<Input, Result>> {
    const jobId = this.jobIdFor(request.key);
    const priority = JOB_PRIORITY[request.priority];
    await this.redis.multi().sadd(this.requestersKey(jobId), request.requesterId).expire(this.requestersKey(jobId), REQUESTERS_TTL_SECONDS).exec();
    // With an id that exists (in any state), BullMQ adds nothing: of two concurrent adds one job remains.
    await this.queue.add(this.kind as never, { ownerId: request.requesterId, input: request.input }, { jobId, priority });
    const job = await this.queue.getJob(jobId);
    if (!job) throw new Error(`job ${jobId} vanished right after it was added`);
    const state = await job.getState();
    if (state === 'failed') {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } else if ((state === 'prioritized' || state === 'waiting') && job.priority > priority) {
      await job.changePriority({ priority });
    }
    const view = await this.findByJobId(jobId);
    if (!view) throw new Error(`job ${jobId} vanished right after it was added`);
    return view;
  }

  /** A job of this queue by public id; null for unknown ids and other queues' ids. */
  async find(publicId: string): Promise<JobView<Input, Result> | null> {
    const parsed = parseJobId(publicId);
    if (!parsed || parsed.queue !== this.name) return null;
    return this.findByJobId(parsed.bullJobId);
  }

  async findByJobId(jobId: string): Promise<JobView<Input, Result> | null> {
    // The state first: a job read as completed then has its result stored already.
    const state = await this.queue.getJobState(jobId);
    if (state === 'unknown') return null;
    const [job, requesters] = await Promise.all([
      this.queue.getJob(jobId) as Promise<Job<JobData<Input>, Result> | undefined>,
      this.redis.smembers(this.requestersKey(jobId)),
    ]);
    return job ? toJobView(job, state, requesters.sort()) : null;
  }

  /**
   * Runs a delayed job now (waiting for quota or for a retry's backoff), for when a budget is known
   * to be back early (a raised quota, a reset ledger). False when the job is not delayed.
   */
  async promote(publicId: string): Promise<boolean> {
    const parsed = parseJobId(publicId);
    if (!parsed || parsed.queue !== this.name) return false;
    const job = await this.queue.getJob(parsed.bullJobId);
    if (!job || (await job.getState()) !== 'delayed') return false;
    await job.promote();
    return true;
  }

  close(): Promise<void> {
    this.unwatch();
    return this.queue.close();
  }

  private requestersKey(jobId: string): string {
    return `${this.prefix}:${this.name}:${jobId}:requested-by`;
  }
}
