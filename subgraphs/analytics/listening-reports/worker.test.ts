/**
 * The `analytics-listening` worker against a real PostgreSQL (DATABASE_URL, database
 * `test_helper_listening_analytics`, migrated by the subgraph's own migrations) and a real Redis and
 * BullMQ under a key prefix of this file's own: a report becomes one event with its details, a
 * report run again stores nothing more, and what no retry can fix fails at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = `test:listening-worker:${randomBytes(4).toString('hex')}:`;
process.env.REDIS_KEY_PREFIX = prefix;
process.env.DATABASE_NAME_PREFIX = 'test_helper_listening_';
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { jobKeyPrefix } = await import('../../../platform/jobs/job-queue.js');
const { LISTENING_EVENT_JOB_NAME, LISTENING_EVENTS_QUEUE, LISTENING_JOB_OPTIONS, listeningEventJobId } = await import('../../../platform/events/listening.js');
const { analyticsEntities } = await import('../store/entities.js');
const { analyticsMigrations } = await import('../store/migrations/index.js');
const { listeningHistory, recordListening } = await import('../store/listening-events.js');
const { startListeningWorker } = await import('./worker.js');
type ListeningEventInput = import('../../../platform/events/listening.js').ListeningEventInput;
type JobWorker = import('../../../platform/jobs/job-worker.js').JobWorker;

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let db: DataSource;
let worker: JobWorker;
let queue: Queue;

beforeAll(async () => {
  db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
  queue = new Queue(LISTENING_EVENTS_QUEUE, { connection: redis, prefix: jobKeyPrefix(), defaultJobOptions: LISTENING_JOB_OPTIONS });
  worker = startListeningWorker({ db, concurrency: 4, log: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await worker?.close();
  await queue?.close();
  await db?.destroy();
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
  }
  redis.disconnect();
});

const report = (overrides: Partial<ListeningEventInput> = {}): ListeningEventInput => ({
  eventId: randomUUID(),
  deviceId: randomUUID(),
  trackId: '4uLU6hMCjMI75M1A2tKUQC',
  playedMs: 50_000,
  trackDurationMs: 200_000,
  completionRate: 0.25,
  outcome: 'SKIPPED',
  source: 'ALBUM',
  sourceId: '4aawyAB9vmqN3uQ7FjRGTy',
  startedAt: '2026-01-01T10:00:00.000Z',
  reportedAt: '2026-01-01T10:01:00.000Z',
  ...overrides,
});

/** Adds a job as streaming does; `jobId` lets a test run the same play as a second job. */
async function enqueue(userId: string, input: unknown, jobId = listeningEventJobId(userId, (input as ListeningEventInput).eventId)) {
  await queue.add(LISTENING_EVENT_JOB_NAME, { ownerId: userId, input }, { jobId });
  return jobId;
}

async function settled(jobId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') return { state, job: (await queue.getJob(jobId))! };
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const rows = async (eventId: string) => (await db.query('SELECT count(*)::int AS n FROM listening_events WHERE event_id = $1', [eventId]))[0].n as number;

describe('the analytics-listening worker', () => {
  it('records a report as a listening event with its details', async () => {
    const userId = randomUUID();
    const input = report();
    const { state, job } = await settled(await enqueue(userId, input));
    expect(state).toBe('completed');
    expect(job.returnvalue).toEqual({ created: true });
    const [event] = await listeningHistory(db, userId, 10);
    expect(event).toMatchObject({
      eventId: input.eventId,
      userId,
      trackId: input.trackId,
      playedMs: 50_000,
      playedAt: new Date(input.startedAt),
      deviceId: input.deviceId,
      outcome: 'SKIPPED',
      source: 'ALBUM',
      sourceId: input.sourceId,
      trackDurationMs: 200_000,
      completionRate: 0.25,
    });
  });

  it('stores nothing more when the same play arrives as another job', async () => {
    const userId = randomUUID();
    const input = report();
    expect((await settled(await enqueue(userId, input))).job.returnvalue).toEqual({ created: true });
    // As after the first job was removed (a day later): a new job for the same play.
    const again = await settled(await enqueue(userId, { ...input, playedMs: 1 }, `listen-${randomBytes(16).toString('hex')}`));
    expect(again.state).toBe('completed');
    expect(again.job.returnvalue).toEqual({ created: false });
    expect(await rows(input.eventId)).toBe(1);
    expect((await listeningHistory(db, userId, 10))[0]?.playedMs).toBe(50_000);
  });

  it("fails at once, without retries, for another user's event id, leaving their event alone", async () => {
    const owner = randomUUID();
    const input = report();
    await settled(await enqueue(owner, input));
    const { state, job } = await settled(await enqueue(randomUUID(), input));
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe('This event id has already been used');
    expect((await db.query('SELECT user_id FROM listening_events WHERE event_id = $1', [input.eventId]))[0].user_id).toBe(owner);
  });

  it('fails a malformed job at once and writes nothing', async () => {
    const input = { ...report(), outcome: 'PAUSED' };
    const { state, job } = await settled(await enqueue(randomUUID(), input));
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/malformed: outcome/);
    expect(await rows(input.eventId)).toBe(0);
  });

  it.each([
    ['a played time beyond the track', { playedMs: 200_001 }],
    ['a start more than 5 minutes ahead', { startedAt: new Date(Date.now() + 3600_000).toISOString() }],
  ])('fails a report with %s at once and writes nothing', async (_case, override) => {
    const input = report(override);
    const { state, job } = await settled(await enqueue(randomUUID(), input));
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(await rows(input.eventId)).toBe(0);
  });

  it('leaves the report details empty for listens recorded by recordListening', async () => {
    const userId = randomUUID();
    const { event } = await recordListening(db, { eventId: randomUUID(), userId, trackId: '4uLU6hMCjMI75M1A2tKUQC', playedMs: 1000, at: new Date(), deviceId: null, durationLimitMs: null });
    expect(event).toMatchObject({ outcome: null, source: null, sourceId: null, trackDurationMs: null, completionRate: null });
  });
});
