/**
 * A deleted user's traces in BullMQ, across every queue of the deployment (whatever subgraph owns
 * it, including queues added later): job data names its owner (`ownerId`) and sometimes the user in
 * its input, the requesters sets beside jobs (job-queue.ts) hold every user who asked, and each
 * queue's event stream may repeat a job's return value. `eraseUserFromJobs`:
 * - finds the queues by their `meta` hashes (SCAN), not from a list, so none is forgotten;
 * - removes the user from every requesters set (a set left empty is deleted);
 * - a job that mentions the user (its data, result or error, as text) is handed to another
 *   requester when others asked for the same work and nothing else in it names the user; otherwise
 *   it is removed. A job still running is waited for (it may be writing the user's data, e.g. an
 *   import), and if it runs past `activeWaitMs` the call throws so the deletion job retries later;
 * - deletes the event-stream entries that mention the user.
 * Jobs listed in `keep` (the deletion job itself) are left for the caller. Idempotent.
 *
 * This walks every retained job (completed ones are kept a day): O(retained jobs) for a rare
 * operation, rather than an index by owner that every enqueue would have to keep.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobKeyPrefix } from '../jobs/job-queue.js';

export interface JobErasure {
  userId: string;
  /** What identifies the user as text in a job (their id, their email). */
  identifiers: readonly string[];
  /** `<queue>:<bullmq id>` of jobs to leave alone. */
  keep?: readonly string[];
  /** Default jobKeyPrefix(). */
  prefix?: string;
  activeWaitMs?: number;
}

export interface JobErasureReport {
  queues: number;
  jobsRemoved: number;
  jobsHandedOver: number;
  requestersRemoved: number;
  eventsDeleted: number;
}

export class ActiveJobError extends Error {
  override name = 'ActiveJobError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scanAll(redis: Redis, match: string, type?: string): Promise<string[]> {
  const found = new Set<string>();
  const stream = type ? redis.scanStream({ match, type, count: 1000 }) : redis.scanStream({ match, count: 1000 });
  for await (const batch of stream) for (const key of batch as string[]) found.add(key);
  return [...found];
}

/** `*`, `?`, `[`, `]` and `\` are SCAN's glob characters; queue names and prefixes are escaped. */
const glob = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

export async function eraseUserFromJobs(redis: Redis, erasure: JobErasure): Promise<JobErasureReport> {
  const prefix = erasure.prefix ?? jobKeyPrefix();
  const keep = new Set(erasure.keep ?? []);
  const mentions = (text: string | null | undefined) => !!text && erasure.identifiers.some((id) => text.includes(id));
  const report: JobErasureReport = { queues: 0, jobsRemoved: 0, jobsHandedOver: 0, requestersRemoved: 0, eventsDeleted: 0 };
  const metaKeys = await scanAll(redis, `${glob(prefix)}:*:meta`);
  for (const metaKey of metaKeys) {
    const name = metaKey.slice(prefix.length + 1, -':meta'.length);
    if (!name || name.includes(':')) continue;
    report.queues++;
    const base = `${prefix}:${name}:`;
    const queue = new Queue(name, { connection: redis, prefix });
    try {
      // Requesters: who else asked for each job, after the user is taken out.
      const others = new Map<string, string[]>();
      for (const key of await scanAll(redis, `${glob(base)}*:requested-by`)) {
        const jobId = key.slice(base.length, -':requested-by'.length);
        if ((await redis.srem(key, erasure.userId)) > 0) report.requestersRemoved++;
        const rest = await redis.smembers(key);
        if (!rest.length) await redis.del(key);
        others.set(jobId, rest.sort());
      }
      for (const key of await scanAll(redis, `${glob(base)}*`, 'hash')) {
        const jobId = key.slice(base.length);
        if (!jobId || jobId.includes(':') || jobId === 'meta' || keep.has(`${name}:${jobId}`)) continue;
        const [data = null, returnvalue = null, failedReason = null, stacktrace = null] = await redis.hmget(key, 'data', 'returnvalue', 'failedReason', 'stacktrace');
        if (![data, returnvalue, failedReason, stacktrace].some(mentions)) continue;
        await eraseJob(queue, jobId, { data, returnvalue, failedReason, stacktrace }, others.get(jobId) ?? [], erasure, mentions, report);
      }
      report.eventsDeleted += await eraseEvents(redis, `${base}events`, mentions);
    } finally {
      await queue.close();
    }
  }
  return report;
}

async function eraseJob(
  queue: Queue,
  jobId: string,
  fields: { data: string | null; returnvalue: string | null; failedReason: string | null; stacktrace: string | null },
  otherRequesters: string[],
  erasure: JobErasure,
  mentions: (text: string | null | undefined) => boolean,
  report: JobErasureReport,
): Promise<void> {
  const deadline = Date.now() + (erasure.activeWaitMs ?? 20_000);
  while ((await queue.getJobState(jobId)) === 'active') {
    if (Date.now() > deadline) throw new ActiveJobError(`job ${queue.name}:${jobId} of the user is still running`);
    await sleep(250);
  }
  const job = await queue.getJob(jobId);
  if (!job) return;
  const data = (job.data ?? {}) as { ownerId?: string };
  const newOwner = otherRequesters[0];
  if (newOwner && data.ownerId === erasure.userId) {
    const handed = { ...data, ownerId: newOwner };
    const stillMentions = [JSON.stringify(handed), fields.returnvalue, fields.failedReason, fields.stacktrace].some(mentions);
    if (!stillMentions) {
      await job.updateData(handed);
      report.jobsHandedOver++;
      return;
    }
  }
  await job.remove();
  report.jobsRemoved++;
}

async function eraseEvents(redis: Redis, stream: string, mentions: (text: string) => boolean): Promise<number> {
  let deleted = 0;
  let start = '-';
  for (;;) {
    const entries = (await redis.xrange(stream, start, '+', 'COUNT', 1000)) as [string, string[]][];
    const doomed = entries.filter(([, values]) => values.some((value) => mentions(value))).map(([id]) => id);
    if (doomed.length) deleted += await redis.xdel(stream, ...doomed);
    if (entries.length < 1000) return deleted;
    start = `(${entries[entries.length - 1]![0]}`;
  }
}
