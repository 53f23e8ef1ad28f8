/**
 * The library's import queue, `library-import`: one job imports (or syncs: the same work) one
 * Spotify source of one user into a library playlist. The job id is a hash of the user, the source
 * and when that source was last synced: asking twice while a run is queued or running (a double
 * click, two replicas) is one job, and once a run has finished the next ask is a new run.
 */
import type { Redis } from 'ioredis';
import { JOB_QUEUES } from '../../../platform/jobs/job-directory.js';
import { JobQueue, type JobQueueOptions } from '../../../platform/jobs/job-queue.js';
import type { JobView } from '../../../platform/jobs/job-view.js';
import type { ImportSource } from '../store/spotify-imports.js';

export const SPOTIFY_IMPORT_QUEUE = JOB_QUEUES.spotifyImport;
export const SPOTIFY_IMPORT_JOB_KIND = 'import';

export interface SpotifyImportInput {
  source: ImportSource;
}

export interface SpotifyImportResultRecord {
  playlistId: string;
  created: boolean;
  total: number;
  added: number;
  removed: number;
  kept: number;
  mappingJobIds: string[];
}

/** `SpotifyImportJobResult` as resolvers hold it: the result with the id of its job. */
export type SpotifyImportResultView = SpotifyImportResultRecord & { jobId: string };

export type SpotifyImportJobView = JobView<SpotifyImportInput, SpotifyImportResultRecord>;

/**
 * Imports talk to Spotify page by page: a failed page is worth another try soon, and a run is
 * idempotent, so more attempts than the default with a shorter first wait.
 */
const IMPORT_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } } as const;

export class SpotifyImportJobs {
  private readonly jobs: JobQueue<SpotifyImportInput, SpotifyImportResultRecord>;

  constructor(redis: Redis, options: JobQueueOptions = {}) {
    this.jobs = new JobQueue(SPOTIFY_IMPORT_QUEUE, SPOTIFY_IMPORT_JOB_KIND, redis, { defaultJobOptions: IMPORT_JOB_OPTIONS, ...options });
  }

  /** The run importing `source` for `userId` since its last sync, enqueued unless it exists. */
  request(userId: string, source: ImportSource, lastSyncedAt: Date | null): Promise<SpotifyImportJobView> {
    return this.jobs.enqueue({
      key: [userId, source, lastSyncedAt?.toISOString() ?? 'never'],
      input: { source },
      requesterId: userId,
      priority: 'interactive',
    });
  }

  find(publicId: string): Promise<SpotifyImportJobView | null> {
    return this.jobs.find(publicId);
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
