/**
 * The catalog's mapping queue, `catalog-mapping`: one job maps a batch of 1 to 100 tracks. The job
 * id is a hash of the sorted, de-duplicated track ids, so the same batch asked twice (by the same
 * user, by two users, by two replicas at once) is one job; every requester may follow it.
 */
import type { Redis } from 'ioredis';
import { JOB_QUEUES } from '../../../platform/jobs/job-directory.js';
import { setKey } from '../../../platform/jobs/job-ids.js';
import { JobQueue, type JobQueueOptions } from '../../../platform/jobs/job-queue.js';
import type { JobView } from '../../../platform/jobs/job-view.js';
import type { CallerPriority } from '../../../providers/quota/priority.js';
import type { MappingJobResultRecord } from './mapping-result.js';

export const MAPPING_QUEUE = JOB_QUEUES.mapping;
/** BullMQ job name and id prefix: `catalog-mapping:map-<hash>`. */
export const MAPPING_JOB_KIND = 'map';
export const MAX_TRACKS_PER_MAPPING_JOB = 100;

export interface MappingJobInput {
  /** Sorted, without repeats. */
  trackIds: string[];
}

export type MappingJobView = JobView<MappingJobInput, MappingJobResultRecord>;

export class MappingJobs {
  private readonly jobs: JobQueue<MappingJobInput, MappingJobResultRecord>;

  constructor(redis: Redis, options: JobQueueOptions = {}) {
    this.jobs = new JobQueue(MAPPING_QUEUE, MAPPING_JOB_KIND, redis, options);
  }

  /** The job mapping these tracks, enqueued unless it exists; `interactive` jumps ahead of background batches. */
  request(trackIds: readonly string[], requesterId: string, priority: CallerPriority): Promise<MappingJobView> {
    const ids = setKey(trackIds);
    if (ids.length === 0 || ids.length > MAX_TRACKS_PER_MAPPING_JOB) throw new Error(`a mapping job takes 1 to ${MAX_TRACKS_PER_MAPPING_JOB} tracks`);
    return this.jobs.enqueue({ key: ids, input: { trackIds: ids }, requesterId, priority });
  }

  find(publicId: string): Promise<MappingJobView | null> {
    return this.jobs.find(publicId);
  }

  /** Resumes a job waiting for quota (or for a retry) now; see JobQueue.promote. */
  resumeNow(publicId: string): Promise<boolean> {
    return this.jobs.promote(publicId);
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
