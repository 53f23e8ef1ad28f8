/**
 * The producer of `analytics-listening` against a real Redis (REDIS_URL, default 127.0.0.1:6379) and
 * real BullMQ, under a key prefix of this file's own, deleted afterwards; no worker runs, as while
 * analytics is down: a report waits as one job, however often it is sent.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

const prefix = `test:listening:${randomBytes(4).toString('hex')}:`;
process.env.REDIS_KEY_PREFIX = prefix;
const { ListeningReports } = await import('./queue.js');
const { LISTENING_JOB_OPTIONS, listeningEventJobId } = await import('../../../platform/events/listening.js');
type ListeningEventInput = import('../../../platform/events/listening.js').ListeningEventInput;

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const reports = new ListeningReports(redis);

afterAll(async () => {
  await reports.close();
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
  }
  redis.disconnect();
});

const event = (overrides: Partial<ListeningEventInput> = {}): ListeningEventInput => ({
  eventId: randomUUID(),
  deviceId: randomUUID(),
  trackId: '4uLU6hMCjMI75M1A2tKUQC',
  playedMs: 30_000,
  trackDurationMs: 120_000,
  completionRate: 0.25,
  outcome: 'SKIPPED',
  source: 'SEARCH',
  sourceId: null,
  startedAt: new Date(Date.now() - 60_000).toISOString(),
  reportedAt: new Date().toISOString(),
  ...overrides,
});

describe('ListeningReports', () => {
  it('enqueues one waiting job per play under the deployment prefix, with the contract options', async () => {
    const userId = randomUUID();
    const report = event();
    const jobId = await reports.enqueue(userId, report);
    expect(jobId).toBe(listeningEventJobId(userId, report.eventId));
    const job = await reports.queue.getJob(jobId);
    expect(job?.data).toEqual({ ownerId: userId, input: report });
    expect(job?.name).toBe('listen');
    expect(job?.opts).toMatchObject(LISTENING_JOB_OPTIONS);
    expect(await job?.getState()).toBe('waiting');
    expect(await redis.exists(`${prefix}bull:analytics-listening:${jobId}`)).toBe(1);
  });

  it('keeps the first report when the same play is reported again, even concurrently', async () => {
    const userId = randomUUID();
    const first = event();
    const before = await reports.queue.getWaitingCount();
    const id = await reports.enqueue(userId, first);
    const retries = await Promise.all(Array.from({ length: 5 }, () => reports.enqueue(userId, { ...first, eventId: first.eventId.toUpperCase(), playedMs: 1 })));
    expect(new Set([id, ...retries])).toEqual(new Set([id]));
    expect(await reports.queue.getWaitingCount()).toBe(before + 1);
    expect((await reports.queue.getJob(id))?.data.input).toEqual(first);
  });

  it("gives another user's same event id a job of its own", async () => {
    const report = event();
    const a = await reports.enqueue(randomUUID(), report);
    const b = await reports.enqueue(randomUUID(), report);
    expect(a).not.toBe(b);
  });
});
