/**
 * The users subgraph's two privacy queues (listed in platform/jobs/job-directory.ts, so `job(id)`
 * serves them): `users-data-export` (kind `export`) and `users-account-deletion` (kind `erase`).
 * Job ids are deterministic per user (`[userId]`): asking twice while one runs is one job. An
 * export's document is not the job's return value (BullMQ would copy a return value into the
 * queue's event stream too) but a Redis string of its own, `users:data-export:<bullmq id>`, that
 * expires with the export (EXPORT_TTL_SECONDS); the job's result holds only when.
 */
import type { Redis } from 'ioredis';
import { JOB_QUEUES } from '../../../platform/jobs/job-directory.js';
import { JobQueue } from '../../../platform/jobs/job-queue.js';
import { parseJobId } from '../../../platform/jobs/job-ids.js';
import type { JobView } from '../../../platform/jobs/job-view.js';
import type { DataExportDocument, ErasureReport } from '../../../platform/privacy/contract.js';
import { redisKey } from '../../../platform/redis/connection.js';

export const DATA_EXPORT_QUEUE = JOB_QUEUES.dataExport;
export const ACCOUNT_DELETION_QUEUE = JOB_QUEUES.accountDeletion;
/** How long an export's document can be downloaded. */
export const EXPORT_TTL_SECONDS = 24 * 3600;

export interface DataExportInput {
  userId: string;
}
export interface DataExportResultRecord {
  generatedAt: string;
  expiresAt: string;
}

export interface AccountDeletionInput {
  userId: string;
  /** The random id that replaces the user's in anonymised records: one per deleted account. */
  anonymousId: string;
}
export interface AccountDeletionResultRecord {
  deletedAt: string;
  erased: Record<string, ErasureReport>;
}

export type DataExportJobView = JobView<DataExportInput, DataExportResultRecord>;
export type AccountDeletionJobView = JobView<AccountDeletionInput, AccountDeletionResultRecord>;

/** Each step (one subgraph) is worth retrying soon; a deletion waits for the user's running jobs, so it gets more tries. */
const EXPORT_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: EXPORT_TTL_SECONDS } } as const;
const DELETION_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 5_000 } } as const;

const documentKey = (bullJobId: string) => redisKey('users', 'data-export', bullJobId);

export class PrivacyJobs {
  readonly exports: JobQueue<DataExportInput, DataExportResultRecord>;
  readonly deletions: JobQueue<AccountDeletionInput, AccountDeletionResultRecord>;

  constructor(private readonly redis: Redis) {
    this.exports = new JobQueue(DATA_EXPORT_QUEUE, 'export', redis, { defaultJobOptions: EXPORT_OPTIONS });
    this.deletions = new JobQueue(ACCOUNT_DELETION_QUEUE, 'erase', redis, { defaultJobOptions: DELETION_OPTIONS });
  }

  exportJobId = (userId: string) => this.exports.jobIdFor([userId]);
  deletionJobId = (userId: string) => this.deletions.jobIdFor([userId]);

  /** The user's export job: the one under way, or a new one when the last one finished. */
  async requestExport(userId: string): Promise<DataExportJobView> {
    const bullId = this.exportJobId(userId);
    const existing = await this.exports.findByJobId(bullId);
    if (existing?.state === 'COMPLETED') {
      await this.exports.queue.remove(bullId);
      await this.redis.del(documentKey(bullId));
    }
    return this.exports.enqueue({ key: [userId], input: { userId }, requesterId: userId, priority: 'interactive' });
  }

  requestDeletion(requesterId: string, input: AccountDeletionInput): Promise<AccountDeletionJobView> {
    return this.deletions.enqueue({ key: [input.userId], input, requesterId, priority: 'interactive' });
  }

  findExport = (publicId: string) => this.exports.find(publicId);
  findDeletion = (publicId: string) => this.deletions.find(publicId);

  async saveDocument(bullJobId: string, document: DataExportDocument): Promise<void> {
    await this.redis.set(documentKey(bullJobId), JSON.stringify(document), 'EX', EXPORT_TTL_SECONDS);
  }

  async readDocument(publicId: string): Promise<DataExportDocument | null> {
    const parsed = parseJobId(publicId);
    if (!parsed || parsed.queue !== DATA_EXPORT_QUEUE) return null;
    const json = await this.redis.get(documentKey(parsed.bullJobId));
    return json ? (JSON.parse(json) as DataExportDocument) : null;
  }

  /** The user's export, job and document, gone (their account is being deleted). */
  async forgetExport(userId: string): Promise<void> {
    const bullId = this.exportJobId(userId);
    await this.redis.del(documentKey(bullId));
    if ((await this.exports.queue.getJobState(bullId)) !== 'unknown') await this.exports.queue.remove(bullId).catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([this.exports.close(), this.deletions.close()]);
  }
}
