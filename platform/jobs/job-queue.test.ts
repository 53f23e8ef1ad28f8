/**
 * The job platform against a real Redis (REDIS_URL, default 127.0.0.1:6379) and real BullMQ, under
 * a key prefix of this file's own, deleted afterwards: deterministic ids, the five states (including
 * WAITING_FOR_QUOTA and its resumption), public errors, requesters, and priorities.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { QuotaExhaustedError } from '../../providers/http/errors.js';
import { AppError, ErrorCode } from '../errors.js';

const prefix = `test:jobs:${randomBytes(4).toString('hex')}:`;
process.env.REDIS_KEY_PREFIX = prefix;
const { JobQueue, jobKeyPrefix } = await import('./job-queue.js');
const { jobProcessor, startJobWorker } = await import('./job-worker.js');
const { parseJobId, setKey } = await import('./job-ids.js');
const { jobTopic, LiveEventSubscriber } = await import('../live/live-events.js');
type JobView = import('./job-view.js').JobView;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL);
const silent = pino({ level: 'silent' });
const closers: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

afterAll(async () => {
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
  }
  redis.disconnect();
});

let queueCounter = 0;
/** A fresh queue per test, so tests never see each other's jobs. */
function freshQueue<I = { items: string[] }, R = unknown>(options: { attempts?: number } = {}) {
  const name = `catalog-test${queueCounter++}`;
  const queue = new JobQueue<I, R>(name, 'test', redis, {
    defaultJobOptions: { attempts: options.attempts ?? 3, backoff: { type: 'fixed', delay: 10 } },
  });
  closers.push(() => queue.close());
  return queue;
}

async function until(read: () => Promise<JobView | null>, done: (view: JobView) => boolean, timeoutMs = 10_000): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await read();
    if (view && done(view)) return view;
    if (Date.now() > deadline) throw new Error(`timed out; last view ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('job ids', () => {
  it('gives the same job for the same set of items, whatever the order, repeats or concurrency', async () => {
    const queue = freshQueue();
    const first = await queue.enqueue({ key: setKey(['b', 'a', 'c']), input: { items: ['b', 'a', 'c'] }, requesterId: 'u1', priority: 'background' });
    const views = await Promise.all(
      [['a', 'b', 'c'], ['c', 'b', 'a', 'a'], ['c', 'a', 'b']].map((items) =>
        queue.enqueue({ key: setKey(items), input: { items }, requesterId: 'u1', priority: 'background' }),
      ),
    );
    expect(new Set(views.map((view) => view.id))).toEqual(new Set([first.id]));
    expect(await queue.queue.getJobCounts('prioritized', 'waiting')).toEqual({ prioritized: 1, waiting: 0 });
    // The first request's input is the job's; later ones only join it.
    expect(views[0]!.input).toEqual({ items: ['b', 'a', 'c'] });

    const other = await queue.enqueue({ key: setKey(['a', 'b']), input: { items: ['a', 'b'] }, requesterId: 'u1', priority: 'background' });
    expect(other.id).not.toBe(first.id);
  });

  it('makes public ids that name the queue and owning subgraph, and rejects anything else', async () => {
    const queue = freshQueue();
    const view = await queue.enqueue({ key: ['x'], input: { items: ['x'] }, requesterId: 'u1', priority: 'background' });
    expect(view.id).toMatch(new RegExp(`^${queue.name}:test-[0-9a-f]{32}$`));
    expect(parseJobId(view.id)).toEqual({ queue: queue.name, subgraph: 'catalog', bullJobId: view.id.split(':')[1] });
    for (const bad of ['', 'catalog-mapping', 'nobody-queue:test-00000000000000000000000000000000', 'catalog-mapping:1', 'catalog-mapping:test-0000:extra', 'Catalog-mapping:test-00000000000000000000000000000000']) {
      expect(parseJobId(bad)).toBeNull();
    }
    expect(await queue.find(`${queue.name}:test-00000000000000000000000000000000`)).toBeNull();
    expect(await queue.find(view.id.replace(queue.name, 'library-imports'))).toBeNull(); // another queue's id
    expect((await queue.find(view.id))?.id).toBe(view.id);
  });

  it('records every requester beside the owner', async () => {
    const queue = freshQueue();
    await queue.enqueue({ key: ['k'], input: { items: ['k'] }, requesterId: 'ada', priority: 'background' });
    const joined = await queue.enqueue({ key: ['k'], input: { items: ['k'] }, requesterId: 'bob', priority: 'background' });
    expect(joined.ownerId).toBe('ada');
    expect(joined.requesterIds).toEqual(['ada', 'bob']);
  });
});

describe('job states', () => {
  it('goes QUEUED → RUNNING with progress → COMPLETED with the result', async () => {
    const queue = freshQueue<{ items: string[] }, { count: number }>();
    const view = await queue.enqueue({ key: ['s1'], input: { items: ['a', 'b'] }, requesterId: 'u1', priority: 'interactive' });
    expect(view).toMatchObject({ state: 'QUEUED', progress: 0, result: null, error: null, kind: 'test', ownerId: 'u1' });
    expect(view.createdAt.getTime()).toBeLessThanOrEqual(Date.now());

    const halfway = latch();
    const finish = latch();
    const worker = startJobWorker<{ items: string[] }, { count: number }>(
      queue.name,
      async (job) => {
        await job.progress(50);
        await job.progress(20); // never backwards
        halfway.open();
        await finish.opened;
        return { count: job.input.items.length };
      },
      { concurrency: 1, log: silent },
    );
    closers.push(() => worker.close());
    await halfway.opened;
    const running = await until(() => queue.find(view.id), (v) => v.progress === 50);
    expect(running.state).toBe('RUNNING');
    expect(running.updatedAt.getTime()).toBeGreaterThanOrEqual(view.createdAt.getTime());
    finish.open();
    const done = await until(() => queue.find(view.id), (v) => v.state === 'COMPLETED');
    expect(done).toMatchObject({ progress: 100, result: { count: 2 }, error: null });
  });

  it('retries a failing job and ends FAILED with a public message only; asking again retries it', async () => {
    const queue = freshQueue({ attempts: 2 });
    let calls = 0;
    const worker = startJobWorker(
      queue.name,
      async (job) => {
        calls += 1;
        if (job.input && calls <= 2) throw new Error('connection to 10.0.0.7:27017 refused'); // internal detail
        return 'ok';
      },
      { concurrency: 1, log: silent },
    );
    closers.push(() => worker.close());
    const view = await queue.enqueue({ key: ['f'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    const failed = await until(() => queue.find(view.id), (v) => v.state === 'FAILED');
    expect(calls).toBe(2);
    expect(failed.attemptsMade).toBe(2);
    expect(failed.error).toBe('The job failed because of an internal error');

    const again = await queue.enqueue({ key: ['f'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    expect(again.id).toBe(view.id);
    const done = await until(() => queue.find(view.id), (v) => v.state === 'COMPLETED');
    expect(done.result).toBe('ok');
    expect(calls).toBe(3);
  });

  it("keeps our own errors' messages", async () => {
    const queue = freshQueue({ attempts: 1 });
    const worker = startJobWorker(queue.name, async () => { throw new AppError(ErrorCode.NOT_FOUND, 'Track not found'); }, { concurrency: 1, log: silent });
    closers.push(() => worker.close());
    const view = await queue.enqueue({ key: ['e'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    expect((await until(() => queue.find(view.id), (v) => v.state === 'FAILED')).error).toBe('Track not found');
  });

  it('waits for quota without spending an attempt (WAITING_FOR_QUOTA), and resumes when promoted', async () => {
    const queue = freshQueue({ attempts: 1 });
    const resetsAt = new Date(Date.now() + 3_600_000);
    let quotaSpent = true;
    let runs = 0;
    const worker = startJobWorker(
      queue.name,
      async (job) => {
        runs += 1;
        await job.progress(40);
        if (quotaSpent) throw new QuotaExhaustedError('youtube', 'search', resetsAt);
        return 'mapped';
      },
      { concurrency: 1, log: silent },
    );
    closers.push(() => worker.close());
    const view = await queue.enqueue({ key: ['q'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    const waiting = await until(() => queue.find(view.id), (v) => v.state === 'WAITING_FOR_QUOTA');
    expect(waiting).toMatchObject({ progress: 40, error: null, attemptsMade: 0 });
    expect(waiting.waitingUntil?.getTime()).toBe(resetsAt.getTime());
    const job = await queue.queue.getJob(waiting.id.split(':')[1]!);
    expect(await job!.getState()).toBe('delayed');
    expect(job!.delay + job!.timestamp).toBeGreaterThanOrEqual(resetsAt.getTime()); // until the reset, not a backoff

    // The budget is back (an operator, or a test, does not wait for midnight): promote the job.
    quotaSpent = false;
    expect(await queue.promote(view.id)).toBe(true);
    expect(await queue.promote(view.id)).toBe(false); // no longer delayed
    const done = await until(() => queue.find(view.id), (v) => v.state === 'COMPLETED');
    expect(done).toMatchObject({ result: 'mapped', waitingUntil: null });
    expect(runs).toBe(2);
  });

  it('reads a promoted job that has not started yet as QUEUED, not WAITING_FOR_QUOTA', async () => {
    const queue = freshQueue();
    const processor = jobProcessor(async () => {
      throw new QuotaExhaustedError('youtube', 'units', new Date(Date.now() + 60_000));
    }, silent);
    const worker = new Worker(queue.name, processor, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: jobKeyPrefix() });
    closers.push(async () => {
      await worker.close();
      (worker.opts.connection as Redis).disconnect();
    });
    const view = await queue.enqueue({ key: ['p'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    await until(() => queue.find(view.id), (v) => v.state === 'WAITING_FOR_QUOTA');
    await worker.close();
    await (await queue.queue.getJob(view.id.split(':')[1]!))!.promote();
    expect((await queue.find(view.id))?.state).toBe('QUEUED');
  });
});

describe('priorities', () => {
  it('runs an interactive job added after background ones first (concurrency 1)', async () => {
    const queue = freshQueue<{ label: string }>();
    for (const label of ['b1', 'b2', 'b3']) await queue.enqueue({ key: [label], input: { label }, requesterId: 'u1', priority: 'background' });
    await queue.enqueue({ key: ['i1'], input: { label: 'i1' }, requesterId: 'u1', priority: 'interactive' });
    const order: string[] = [];
    const worker = startJobWorker<{ label: string }, null>(queue.name, async (job) => {
      order.push(job.input.label);
      return null;
    }, { concurrency: 1, log: silent });
    closers.push(() => worker.close());
    await until(async () => ({ ...(await queue.find(queue.queue.name + ':' + queue.jobIdFor(['b3'])))! }), (v) => v.state === 'COMPLETED');
    expect(order[0]).toBe('i1');
    expect(order.slice(1)).toEqual(['b1', 'b2', 'b3']);
  });

  it('moves a waiting background job ahead when an interactive caller asks for the same work', async () => {
    const queue = freshQueue<{ label: string }>();
    for (const label of ['b1', 'b2']) await queue.enqueue({ key: [label], input: { label }, requesterId: 'u1', priority: 'background' });
    await queue.enqueue({ key: ['b2'], input: { label: 'b2' }, requesterId: 'u2', priority: 'interactive' });
    expect((await queue.queue.getJob(queue.jobIdFor(['b2'])))!.priority).toBe(1);
    const order: string[] = [];
    const worker = startJobWorker<{ label: string }, null>(queue.name, async (job) => {
      order.push(job.input.label);
      return null;
    }, { concurrency: 1, log: silent });
    closers.push(() => worker.close());
    await until(async () => queue.find(`${queue.name}:${queue.jobIdFor(['b1'])}`), (v) => v.state === 'COMPLETED');
    expect(order).toEqual(['b2', 'b1']);
  });
});

describe('live events', () => {
  it('publishes job:<id> when a job starts, moves, fails an attempt and completes', async () => {
    const queue = freshQueue({ attempts: 2 });
    let calls = 0;
    const worker = startJobWorker(
      queue.name,
      async (job) => {
        calls += 1;
        await job.progress(50);
        if (calls === 1) throw new Error('first attempt fails');
        return 'ok';
      },
      { concurrency: 1, log: silent },
    );
    closers.push(() => worker.close());
    const subscriber = new LiveEventSubscriber(new Redis(REDIS_URL));
    closers.push(() => subscriber.close());
    const id = `${queue.name}:${queue.jobIdFor(['live'])}`;
    const seen: string[] = [];
    await subscriber.on(jobTopic(id), (event) => seen.push(event.topic));
    await queue.enqueue({ key: ['live'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    await until(() => queue.find(id), (v) => v.state === 'COMPLETED');
    // Attempt 1: active, progress, failed; attempt 2: active, completed (50 % again is no change).
    const deadline = Date.now() + 5_000;
    while (seen.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual(Array(5).fill(`job:${id}`));
  });
});

describe('queue depth', () => {
  it('is on /metrics per queue and state', async () => {
    const { metrics } = await import('../metrics.js');
    const queue = freshQueue();
    await queue.enqueue({ key: ['m'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    const text = await metrics.getSingleMetricAsString('job_queue_jobs');
    expect(text).toContain(`job_queue_jobs{queue="${queue.name}",state="prioritized"} 1`);
    expect(text).toContain(`job_queue_jobs{queue="${queue.name}",state="active"} 0`);
  });
});

describe('queue keys', () => {
  it('live under REDIS_KEY_PREFIX', async () => {
    const queue = freshQueue();
    await queue.enqueue({ key: ['k'], input: { items: [] }, requesterId: 'u1', priority: 'background' });
    const keys = await redis.keys(`${prefix}bull:${queue.name}:*`);
    expect(keys.length).toBeGreaterThan(0);
    const raw = new Queue(queue.name, { connection: redis, prefix: `${prefix}bull` });
    expect(await raw.getJobCountByTypes('prioritized')).toBe(1);
    await raw.close();
  });
});
