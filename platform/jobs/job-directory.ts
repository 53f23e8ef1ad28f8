/**
 * Every kind of job the supergraph runs, and reading any of them by public id. Clients follow all
 * jobs through one `Job` type and one `job(id)` field (served by the catalog, DESIGN.md "a Job that
 * any client can follow by id"), but federation cannot route a root field by the value of its
 * argument; so the generic part of a job (state, progress, error, times, who may follow it), which
 * BullMQ keeps in the shared Redis under the queue's name, is read here by whichever subgraph serves
 * `Job`, while what a job came to (`Job.result`) stays with the subgraph that owns the work: the
 * result type is an entity that subgraph resolves. A new kind of job is one line in JOB_KINDS.
 */
import type { Redis } from 'ioredis';
import { jobQueueName, parseJobId } from './job-ids.js';
import { JobQueue } from './job-queue.js';
import type { JobView } from './job-view.js';

export const JOB_QUEUES = {
  mapping: jobQueueName('catalog', 'mapping'),
  spotifyImport: jobQueueName('library', 'import'),
  dataExport: jobQueueName('users', 'data-export'),
  accountDeletion: jobQueueName('users', 'account-deletion'),
} as const;

export interface JobKindEntry {
  queue: string;
  /** BullMQ job name (one per queue), the prefix of the job's id. */
  name: string;
  /** `JobKind` in the public schema. */
  kind: string;
  /** The `JobResult` member holding what a completed job came to. */
  resultType: string;
}

export const JOB_KINDS: readonly JobKindEntry[] = [
  { queue: JOB_QUEUES.mapping, name: 'map', kind: 'MAPPING', resultType: 'MappingJobResult' },
  { queue: JOB_QUEUES.spotifyImport, name: 'import', kind: 'SPOTIFY_IMPORT', resultType: 'SpotifyImportJobResult' },
  { queue: JOB_QUEUES.dataExport, name: 'export', kind: 'DATA_EXPORT', resultType: 'DataExportJobResult' },
  { queue: JOB_QUEUES.accountDeletion, name: 'erase', kind: 'ACCOUNT_DELETION', resultType: 'AccountDeletionJobResult' },
];

export function jobKindOf(view: Pick<JobView, 'queue' | 'kind'>): JobKindEntry | undefined {
  return JOB_KINDS.find((entry) => entry.queue === view.queue && entry.name === view.kind);
}

/** Read-only access to every queue in JOB_KINDS. */
export class JobDirectory {
  private readonly queues = new Map<string, JobQueue<unknown, unknown>>();

  constructor(redis: Redis, options: { prefix?: string } = {}) {
    for (const { queue, name } of JOB_KINDS) {
      // Depth is reported by the queue's own subgraph; a reader must not report it a second time.
      this.queues.set(queue, new JobQueue(queue, name, redis, { prefix: options.prefix, observeDepth: false }));
    }
  }

  /** The job with this public id, whichever subgraph's; null for an unknown id or queue. */
  async find(publicId: string): Promise<JobView | null> {
    const parsed = parseJobId(publicId);
    const queue = parsed && this.queues.get(parsed.queue);
    return queue ? queue.findByJobId(parsed.bullJobId) : null;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** A job's result held by another subgraph, as the subgraph serving `Job` answers it: the entity's key. */
export interface JobResultReference {
  __typename: string;
  jobId: string;
}
