/**
 * The two privacy jobs, run by the users process (workers started in main.ts, closed before the
 * stores). Each step is one subgraph and reports progress; a failed step fails the attempt, and
 * BullMQ retries it with backoff: every step is idempotent, so a retry redoes what is left.
 *
 * Export: the users section, then each subgraph's (platform/privacy PRIVACY_SUBGRAPHS) through the
 * graph; the document is stored beside the job for EXPORT_TTL_SECONDS (./queues.ts).
 *
 * Deletion (the account was already marked deleting and its other sessions ended by the mutation,
 * ./account-deletion.ts): 1. the user's jobs in every queue (queued ones removed, running ones
 * waited for, their requests withdrawn); 2-5. library, streaming, analytics, catalog erase; 6. the
 * last step ends every session of the account (access tokens refused from then on, subscription
 * sockets closed with 4403), which is why the user sees progress up to here and not the end; then,
 * since the session that asked could still write until this moment, it sweeps the jobs and every
 * subgraph once more, removes the export, the login throttle's entries (keyed by email) and the
 * account rows, and finally scrubs this job's own record: no user id, no anonymous id. What stays
 * is the job under its id (a one-way hash) with the counts, until BullMQ drops it after a day.
 */
import { randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { clearUserInactive, markSessionsEnded } from '../../../platform/auth/revocations.js';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';
import { percentOf } from '../../../platform/jobs/job-progress.js';
import { jobKeyPrefix } from '../../../platform/jobs/job-queue.js';
import { startJobWorker, type JobProcessor, type JobWorker } from '../../../platform/jobs/job-worker.js';
import { DELETED_USER_ID, PRIVACY_SUBGRAPHS, type DataExportDocument, type ErasureReport, type PrivacySection } from '../../../platform/privacy/contract.js';
import { eraseUserFromJobs } from '../../../platform/privacy/job-records.js';
import { privacyCalls } from '../../../platform/privacy/subgraph-privacy.js';
import { emailKey } from '../accounts/credentials.js';
import type { LoginThrottle } from '../accounts/login-throttle.js';
import type { SessionService } from '../accounts/sessions.js';
import { UserEntity } from '../store/entities.js';
import { accountSessionIds, eraseAccountRows, exportAccountData } from './account-data.js';
import {
  ACCOUNT_DELETION_QUEUE,
  DATA_EXPORT_QUEUE,
  EXPORT_TTL_SECONDS,
  type AccountDeletionInput,
  type AccountDeletionResultRecord,
  type DataExportInput,
  type DataExportResultRecord,
  type PrivacyJobs,
} from './queues.js';

export interface PrivacyJobDeps {
  db: DataSource;
  redis: Redis;
  graph: ServiceClient;
  privacy: PrivacyJobs;
  sessions: SessionService;
  throttle: LoginThrottle;
}

export function exportUserData(deps: PrivacyJobDeps): JobProcessor<DataExportInput, DataExportResultRecord> {
  const calls = privacyCalls(deps.graph);
  return async (job) => {
    const { userId } = job.input;
    const total = 1 + PRIVACY_SUBGRAPHS.length;
    const users = await exportAccountData(deps.db, userId);
    if (!users) throw new UnrecoverableError('The account no longer exists');
    await job.progress(percentOf(1, total));
    const sections = { users } as DataExportDocument['sections'];
    for (const [index, subgraph] of PRIVACY_SUBGRAPHS.entries()) {
      sections[subgraph] = await calls.exportSection(subgraph, userId);
      await job.progress(percentOf(2 + index, total));
    }
    const generatedAt = new Date();
    const expiresAt = new Date(generatedAt.getTime() + EXPORT_TTL_SECONDS * 1000);
    await deps.privacy.saveDocument(job.bullJob.id!, { format: 1, generatedAt: generatedAt.toISOString(), userId, sections });
    job.log.info({ sections: Object.keys(sections) }, 'data export ready');
    return { generatedAt: generatedAt.toISOString(), expiresAt: expiresAt.toISOString() };
  };
}

const add = (a: ErasureReport | undefined, b: Record<string, number>): ErasureReport => {
  const sum: ErasureReport = { ...(a ?? {}) };
  for (const [key, value] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
};

export function deleteAccount(deps: PrivacyJobDeps): JobProcessor<AccountDeletionInput, AccountDeletionResultRecord> {
  const calls = privacyCalls(deps.graph);
  return async (job) => {
    const { userId, anonymousId } = job.input;
    const erased: Record<string, ErasureReport> = {};
    const user = userId ? await deps.db.getRepository(UserEntity).findOneBy({ id: userId }) : null;
    // No account: an earlier attempt got as far as removing it; only this job's own record is left.
    if (user) {
      const identifiers = [userId, user.email];
      const keep = [job.id];
      const total = 2 + PRIVACY_SUBGRAPHS.length;
      const eraseJobs = async () => add(erased.jobs, { ...(await eraseUserFromJobs(deps.redis, { userId, identifiers, keep })) });
      const eraseSubgraphs = async (progress: boolean) => {
        for (const [index, subgraph] of PRIVACY_SUBGRAPHS.entries()) {
          erased[subgraph] = add(erased[subgraph], await calls.erase(subgraph, userId, anonymousId));
          if (progress) await job.progress(percentOf(2 + index, total));
        }
      };
      erased.jobs = await eraseJobs();
      await job.progress(percentOf(1, total));
      await eraseSubgraphs(true);

      // The last step: from here on the account's tokens are refused everywhere.
      await deps.sessions.endAllForUser(userId, 'account-deletion');
      await markSessionsEnded(deps.redis, await accountSessionIds(deps.db, userId));
      erased.jobs = await eraseJobs();
      await eraseSubgraphs(false);
      await deps.privacy.forgetExport(userId);
      await deps.throttle.recordSuccess(emailKey(user.email));
      await clearUserInactive(deps.redis, userId);
      erased.users = await eraseAccountRows(deps.db, userId);
    }
    // This job's own record: the user out of its requesters, its data without any id of theirs.
    await deps.redis.srem(`${jobKeyPrefix()}:${ACCOUNT_DELETION_QUEUE}:${job.bullJob.id}:requested-by`, userId);
    const ownerId = job.ownerId === userId ? DELETED_USER_ID : job.ownerId;
    await job.bullJob.updateData({ ownerId, input: {} as AccountDeletionInput });
    job.log.info({ erased }, 'account deleted');
    return { deletedAt: new Date().toISOString(), erased };
  };
}

export function startPrivacyWorkers(deps: PrivacyJobDeps, log: Logger): JobWorker[] {
  return [
    startJobWorker(DATA_EXPORT_QUEUE, exportUserData(deps), { concurrency: 2, log }),
    startJobWorker(ACCOUNT_DELETION_QUEUE, deleteAccount(deps), { concurrency: 1, log }),
  ];
}

/** A fresh anonymous id for a deletion: random, so nothing derives it from the user. */
export const newAnonymousId = (): string => randomUUID();

export type { PrivacySection };
