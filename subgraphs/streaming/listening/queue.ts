/**
 * Streaming's producer side of `analytics-listening` (platform/events/listening.ts): one job per
 * play, with an id derived from the user and the event id, so a retried report adds nothing. Only
 * Redis has to answer: the job waits there until analytics' worker takes it, however long analytics
 * is away.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  LISTENING_EVENT_JOB_NAME,
  LISTENING_EVENTS_QUEUE,
  LISTENING_JOB_OPTIONS,
  listeningEventJobId,
  type ListeningEventInput,
  type ListeningEventJobData,
} from '../../../platform/events/listening.js';
import { watchQueueDepth } from '../../../platform/jobs/job-metrics.js';
import { jobKeyPrefix } from '../../../platform/jobs/job-queue.js';

export class ListeningReports {
  readonly queue: Queue<ListeningEventJobData>;
  private readonly unwatch: () => void;

  /** `redis` is a command connection (fails fast): this answers GraphQL requests. */
  constructor(redis: Redis, options: { prefix?: string } = {}) {
    this.queue = new Queue<ListeningEventJobData>(LISTENING_EVENTS_QUEUE, {
      connection: redis,
      prefix: options.prefix ?? jobKeyPrefix(),
      defaultJobOptions: LISTENING_JOB_OPTIONS,
    });
    // The backlog matters most while analytics is down, when only the producers' /metrics answer.
    this.unwatch = watchQueueDepth(this.queue);
  }

  /**
   * Adds the job for this play unless it exists (in any state, while it is kept): BullMQ ignores an
   * add with a known id, atomically, so concurrent retries make one job. Returns the BullMQ job id.
   */
  async enqueue(userId: string, event: ListeningEventInput): Promise<string> {
    const jobId = listeningEventJobId(userId, event.eventId);
    await this.queue.add(LISTENING_EVENT_JOB_NAME, { ownerId: userId, input: event }, { jobId });
    return jobId;
  }

  close(): Promise<void> {
    this.unwatch();
    return this.queue.close();
  }
}
