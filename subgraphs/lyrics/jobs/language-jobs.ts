/**
 * Lyrics' own producer side of `lyrics-tracks` (platform/events/catalogued-tracks.ts), for tracks
 * a reader finds without a language: tracks the catalogue stored before this job existed, or whose
 * announcement was lost. Same job ids as the catalog's, so a track is one job whoever asks.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CATALOGUED_TRACKS_QUEUE, cataloguedTrackJobs, type CataloguedTrackJobData } from '../../../platform/events/catalogued-tracks.js';
import { jobKeyPrefix } from '../../../platform/jobs/job-queue.js';
import { watchQueueDepth } from '../../../platform/jobs/job-metrics.js';

export class LanguageJobs {
  readonly queue: Queue<CataloguedTrackJobData>;
  private readonly unwatch: () => void;

  /** `redis` is a command connection (fails fast): this runs behind GraphQL requests. */
  constructor(redis: Redis, options: { prefix?: string } = {}) {
    this.queue = new Queue<CataloguedTrackJobData>(CATALOGUED_TRACKS_QUEUE, { connection: redis, prefix: options.prefix ?? jobKeyPrefix() });
    // The queue is lyrics': its depth is reported here.
    this.unwatch = watchQueueDepth(this.queue);
  }

  /** One job per track (existing ones are left as they are), in one round trip. */
  async request(trackIds: readonly string[], requester: string): Promise<void> {
    if (trackIds.length > 0) await this.queue.addBulk(cataloguedTrackJobs(trackIds.map((trackId) => ({ trackId })), requester));
  }

  close(): Promise<void> {
    this.unwatch();
    return this.queue.close();
  }
}
