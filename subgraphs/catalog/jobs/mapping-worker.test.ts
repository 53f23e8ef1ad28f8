/**
 * The mapping worker against a real Redis and real BullMQ, with a stand-in engine that records what
 * it is asked to map (the engine itself is tested in ../mapping/): one job per batch, a track shared
 * by two batches mapped once, results per track, a spent quota returned for one track pausing the job,
 * and a provider failure retried.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ObjectId } from 'mongodb';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ProviderUnavailableError, QuotaExhaustedError } from '../../../providers/index.js';
import type { MappingService } from '../mapping/service.js';
import type { ContentMappingDocument } from '../store/documents.js';

const prefix = `test:catalog-jobs:${randomBytes(4).toString('hex')}:`;
process.env.REDIS_KEY_PREFIX = prefix;
const { MappingJobs } = await import('./mapping-queue.js');
const { mapTracks, mappingClaims } = await import('./mapping-worker.js');
const { startJobWorker } = await import('../../../platform/jobs/job-worker.js');

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const silent = pino({ level: 'silent' });
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
});
afterAll(() => redis.disconnect());

const trackId = (n: number) => `track${String(n).padStart(17, '0')}`; // 22 characters

function mappingOf(id: string, mappedAt = new Date()): ContentMappingDocument {
  return {
    _id: new ObjectId(),
    spotifyTrackId: id,
    status: 'confident',
    youtubeVideoId: `v${id.slice(-10)}`,
    confidence: 90,
    source: 'odesli',
    candidates: [],
    alternatives: [],
    usageCount: 0,
    feedback: { reports: [], wrongVideoIds: [] },
    excludedVideoIds: [],
    verifiedBy: null,
    verifiedAt: null,
    createdAt: mappedAt,
    updatedAt: mappedAt,
    mappedAt,
    engineVersion: 1,
  };
}

/** An engine that takes `delayMs` per batch, stores what it maps, and can be told to fail per track. */
function standInEngine(options: { delayMs?: number; failures?: Map<string, () => Error> } = {}) {
  const stored = new Map<string, ContentMappingDocument>();
  const decided: string[] = [];
  const service: Pick<MappingService, 'mapMany'> = {
    async mapMany(ids, { onProgress }) {
      const out = new Map<string, ContentMappingDocument | Error>();
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 50));
      let done = 0;
      for (const id of ids) {
        const failure = options.failures?.get(id);
        if (failure) out.set(id, failure());
        else if (stored.has(id)) out.set(id, stored.get(id)!);
        else {
          decided.push(id);
          stored.set(id, mappingOf(id));
          out.set(id, stored.get(id)!);
        }
        await onProgress?.(++done, ids.length);
      }
      return out;
    },
  };
  return { service: service as MappingService, stored, decided };
}

function setUp(engine: ReturnType<typeof standInEngine>, concurrency = 2) {
  const jobs = new MappingJobs(redis);
  const worker = startJobWorker('catalog-mapping', mapTracks(engine.service, mappingClaims(redis)), { concurrency, log: silent });
  closers.push(() => jobs.close(), () => worker.close());
  return jobs;
}

async function until(jobs: InstanceType<typeof MappingJobs>, id: string, state: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await jobs.find(id);
    if (view?.state === state) return view;
    if (Date.now() > deadline) throw new Error(`job ${id} is ${view?.state}, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('mapping jobs', () => {
  it('maps a batch once, with progress and a result per track; the same batch again is the same job', async () => {
    const engine = standInEngine();
    const jobs = setUp(engine);
    const ids = [trackId(3), trackId(1), trackId(2), trackId(1)];
    engine.stored.set(trackId(2), mappingOf(trackId(2), new Date(Date.now() - 60_000))); // mapped before the job
    const [first, second] = await Promise.all([jobs.request(ids, 'ada', 'interactive'), jobs.request([...ids].reverse(), 'bob', 'interactive')]);
    expect(second.id).toBe(first.id);
    expect(first.id).toMatch(/^catalog-mapping:map-[0-9a-f]{32}$/);
    const done = await until(jobs, first.id, 'COMPLETED');
    expect(done.progress).toBe(100);
    expect(done.result).toEqual({
      total: 3,
      confident: 3,
      uncertain: 0,
      unavailable: 0,
      failed: 0,
      reused: 1,
      tracks: [1, 2, 3].map((n) => ({
        trackId: trackId(n),
        status: 'confident',
        videoId: `v${trackId(n).slice(-10)}`,
        confidence: 90,
        reused: n === 2,
        error: null,
      })),
    });
    expect(engine.decided.sort()).toEqual([trackId(1), trackId(3)]);
    expect(done.requesterIds.sort()).toEqual(['ada', 'bob']);
  });

  it('never maps a track of two overlapping batches twice, even at the same moment', async () => {
    const engine = standInEngine({ delayMs: 300 });
    const jobs = setUp(engine, 2);
    const a = await jobs.request([trackId(10), trackId(11), trackId(12)], 'ada', 'background');
    const b = await jobs.request([trackId(12), trackId(13)], 'bob', 'background');
    expect(b.id).not.toBe(a.id);
    const [doneA, doneB] = await Promise.all([until(jobs, a.id, 'COMPLETED'), until(jobs, b.id, 'COMPLETED')]);
    expect(engine.decided.filter((id) => id === trackId(12))).toHaveLength(1);
    expect(engine.decided.sort()).toEqual([10, 11, 12, 13].map(trackId));
    // Whichever job came second found track 12 mapped by the first.
    const shared = [doneA, doneB].map((job) => job.result!.tracks.find((track) => track.trackId === trackId(12))!);
    expect(shared.map((track) => track.reused).sort()).toEqual([false, true]);
    expect(shared[0]!.videoId).toBe(shared[1]!.videoId);
  });

  it('waits for quota when the engine reports it spent for a track, keeping what it mapped', async () => {
    const failures = new Map<string, () => Error>([[trackId(21), () => new QuotaExhaustedError('youtube', 'search', new Date(Date.now() + 3_600_000))]]);
    const engine = standInEngine({ failures });
    const jobs = setUp(engine);
    const view = await jobs.request([trackId(20), trackId(21)], 'ada', 'interactive');
    const waiting = await until(jobs, view.id, 'WAITING_FOR_QUOTA');
    expect(waiting.progress).toBeGreaterThan(0);
    expect(waiting.progress).toBeLessThan(100);
    expect(waiting.waitingUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(engine.decided).toEqual([trackId(20)]);

    failures.clear(); // the budget is back
    expect(await jobs.resumeNow(view.id)).toBe(true);
    const done = await until(jobs, view.id, 'COMPLETED');
    expect(done.result!.tracks.map((track) => [track.trackId, track.reused])).toEqual([
      [trackId(20), true], // mapped before the quota ran out: not mapped again
      [trackId(21), false],
    ]);
    expect(engine.decided).toEqual([trackId(20), trackId(21)]);
  });

  it('retries when a provider was unavailable for a track, and reports the track failed after the last attempt', async () => {
    const failures = new Map<string, () => Error>([[trackId(31), () => new ProviderUnavailableError('youtube', 'SERVER_ERROR')]]);
    const engine = standInEngine({ failures });
    const jobs = setUp(engine);
    const view = await jobs.request([trackId(30), trackId(31)], 'ada', 'interactive');
    // Speed the backoff up: promote the job whenever it waits for its retry.
    const timer = setInterval(() => void jobs.resumeNow(view.id).catch(() => undefined), 50);
    closers.push(async () => clearInterval(timer));
    const done = await until(jobs, view.id, 'COMPLETED', 15_000);
    expect(done.attemptsMade).toBe(3); // two failed attempts, and the third, which completed
    expect(done.result).toMatchObject({ total: 2, confident: 1, failed: 1 });
    expect(done.result!.tracks[1]).toMatchObject({ trackId: trackId(31), status: null, error: 'YouTube is unavailable right now' });
  });
});
