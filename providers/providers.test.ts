/**
 * The provider layer against the simulators over HTTP, with exact call counts: batching and its
 * fallback, caches, Retry-After, the breaker, quotas, token refresh and malformed answers.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../platform/errors.js';
import { waitingForQuota } from '../platform/jobs/quota-wait.js';
import { isolatedRedisPrefix } from './testing/redis-prefix.js';
import { useSimulators } from './testing/simulators.js';
import { observeProviderExchanges } from './http/exchanges.js';
import { createProviders, type Providers } from './index.js';
import { nextPacificMidnight } from './quota/pacific-day.js';

const isolation = isolatedRedisPrefix();
const sims = useSimulators(
  { spotify: 15400, youtube: 15401, genius: 15402, odesli: 15403 },
  {
    env: {
      SPOTIFY_SINGLE_GET_CONCURRENCY: '4',
      PROVIDER_BREAKER_FAILURES: '5',
      PROVIDER_BREAKER_HALF_OPEN_MS: '500',
      PROVIDER_MAX_RETRIES: '3',
      YOUTUBE_SEARCH_DAILY_CALLS: '4',
      YOUTUBE_INTERACTIVE_RESERVE: '0.5',
    },
  },
);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const opened: Providers[] = [];
/** A new process's provider layer: its own breaker, token, L1 and batching mode; the same Redis. */
function freshProviders(): Providers {
  const providers = createProviders(redis);
  opened.push(providers);
  return providers;
}

afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
  redis.disconnect();
  await isolation.cleanup();
});

let unused = 0;
/** Ids no earlier test has looked up, so nothing of them is cached. */
const freshTrackIds = (count: number) => {
  const ids = sims.trackIds().slice(unused, unused + count);
  unused += count;
  return ids;
};

const codeOf = (error: unknown) => (error as { extensions?: { code?: string; reason?: string } }).extensions;

beforeEach(() => sims.control.reset());

describe('batching', () => {
  it('costs ceil(N/50) Spotify calls for N distinct tracks in one request, repeats included', async () => {
    const ids = freshTrackIds(120);
    const load = freshProviders().loaders('interactive');
    const tracks = await Promise.all([...ids, ...ids.slice(0, 60)].map((id) => load.spotifyTrack.load(id)));
    expect(tracks.every((track, i) => track?.id === [...ids, ...ids.slice(0, 60)][i])).toBe(true);
    const requests = await sims.control.requests('spotify');
    expect(requests['GET /v1/tracks']).toBe(3);
    expect(requests['GET /v1/tracks/{id}']).toBeUndefined();
  });

  it('costs nothing when the cache is warm, in this process (L1) and in another (L2)', async () => {
    const ids = freshTrackIds(70);
    const providers = freshProviders();
    await Promise.all(ids.map((id) => providers.loaders('interactive').spotifyTrack.load(id)));
    await sims.control.reset();

    await Promise.all(ids.map((id) => providers.loaders('interactive').spotifyTrack.load(id))); // next request, same process
    const otherReplica = freshProviders();
    const fromL2 = await Promise.all(ids.map((id) => otherReplica.loaders('interactive').spotifyTrack.load(id)));
    expect(fromL2.map((track) => track?.id)).toEqual(ids);
    expect(await sims.control.requests('spotify')).toEqual({});
    expect(otherReplica.cache.stats().l2.hitRatio).toBe(1);
  });

  it('falls back to N single gets with capped concurrency when several-items endpoints are refused', async () => {
    await sims.control.post('spotify', 'config', { spotify: { severalItems: false } });
    const providers = freshProviders(); // SPOTIFY_SEVERAL_ITEMS=auto: it finds out
    const first = freshTrackIds(30);
    const request = providers.loaders('interactive');
    const tracks = await Promise.all(first.map((id) => request.spotifyTrack.load(id)));
    expect(tracks.map((track) => track?.id)).toEqual(first);
    const requests = await sims.control.requests('spotify');
    expect(requests['GET /v1/tracks']).toBe(1); // the refused batch
    expect(requests['GET /v1/tracks/{id}']).toBe(30);

    await sims.control.reset();
    await sims.control.post('spotify', 'config', { spotify: { severalItems: false } });
    const second = freshTrackIds(40);
    const nextRequest = providers.loaders('interactive');
    await Promise.all(second.map((id) => nextRequest.spotifyTrack.load(id)));
    const stats = await sims.control.get<{ endpoints: Record<string, { statuses: Record<string, number>; maxInFlight: number }> }>('spotify', 'stats');
    expect(stats.endpoints['GET /v1/tracks']).toBeUndefined(); // it remembers
    const singles = stats.endpoints['GET /v1/tracks/{id}']!;
    // The reset also dropped the app token: the first calls in flight meet a 401 and are repeated once with a new one.
    expect(singles.statuses['200']).toBe(40);
    expect(Object.keys(singles.statuses).sort()).toEqual(Object.keys(singles.statuses).length === 1 ? ['200'] : ['200', '401']);
    expect(singles.maxInFlight).toBeLessThanOrEqual(4); // SPOTIFY_SINGLE_GET_CONCURRENCY
    expect(singles.maxInFlight).toBeGreaterThan(1);
  });

  it('answers unknown ids with null at no extra cost, and remembers the miss', async () => {
    const [known] = freshTrackIds(1);
    const unknown = '0000000000000000000000';
    const providers = freshProviders();
    const request = providers.loaders('interactive');
    const [track, missing] = await Promise.all([known!, unknown].map((id) => request.spotifyTrack.load(id)));
    expect(track?.id).toBe(known);
    expect(missing).toBeNull();
    await providers.loaders('interactive').spotifyTrack.load(unknown);
    expect((await sims.control.requests('spotify'))['GET /v1/tracks']).toBe(1);
  });
});

describe('youtube', () => {
  it('verifies 120 videos with three videos.list calls, paying three units', async () => {
    const providers = freshProviders();
    const truths = await Promise.all(
      freshTrackIds(60).map((id) => sims.control.get<{ truth: { uploads: { videoId: string }[] } }>('spotify', `truth/tracks/${id}`)),
    );
    const videoIds = [...new Set(truths.flatMap((t) => t.truth.uploads.map((u) => u.videoId)))].slice(0, 120);
    expect(videoIds).toHaveLength(120);
    const unitsBefore = (await providers.youtubeQuota.usage()).units.used;
    const load = providers.loaders('interactive');
    const videos = await Promise.all([...videoIds, ...videoIds.slice(0, 30)].map((id) => load.youtubeVideo.load(id)));
    expect(videos.slice(0, 120).map((video) => video?.id)).toEqual(videoIds);
    expect((await sims.control.requests('youtube'))['GET /youtube/v3/videos']).toBe(3);
    expect((await providers.youtubeQuota.usage()).units.used - unitsBefore).toBe(3);
  });

  it('reads an unknown uploads playlist as empty', async () => {
    expect(await freshProviders().loaders('interactive').youtubeUploads.load('UUxxxxxxxxxxxxxxxxxxxxxx')).toEqual([]);
  });
});

describe('resilience', () => {
  let stopObserving: (() => void) | undefined;
  afterEach(() => stopObserving?.());

  it('never retries a 429 with Retry-After: 2 before two seconds', async () => {
    const answers: { status: number; at: number }[] = [];
    stopObserving = observeProviderExchanges((exchange) => {
      if (exchange.provider === 'spotify') answers.push({ status: exchange.status, at: performance.now() });
    });
    await sims.control.post('spotify', 'faults', { endpoint: 'GET /v1/tracks', status: 429, retryAfterSeconds: 2 });
    const [id] = freshTrackIds(1);
    const track = await freshProviders().loaders('interactive').spotifyTrack.load(id!);
    expect(track?.id).toBe(id);
    expect(answers.map((a) => a.status)).toEqual([429, 200]);
    expect(answers[1]!.at - answers[0]!.at).toBeGreaterThanOrEqual(2000);
  });

  it('does not wait for a Retry-After longer than PROVIDER_MAX_RETRY_AFTER_SECONDS', async () => {
    await sims.control.post('spotify', 'faults', { endpoint: 'GET /v1/tracks', status: 429, retryAfterSeconds: 120 });
    const [id] = freshTrackIds(1);
    const error = await freshProviders().loaders('interactive').spotifyTrack.load(id!).catch((e: unknown) => e);
    expect(codeOf(error)).toMatchObject({ code: ErrorCode.PROVIDER_UNAVAILABLE, reason: 'RATE_LIMITED', retryAfterSeconds: 120 });
    expect((await sims.control.requests('spotify'))['GET /v1/tracks/{id}']).toBe(1); // asked once, not retried
  });

  it('retries 5xx but never another 4xx', async () => {
    await sims.control.post('spotify', 'faults', [
      { endpoint: 'GET /v1/tracks', status: 503, times: 2 },
    ]);
    const [id] = freshTrackIds(1);
    expect((await freshProviders().loaders('interactive').spotifyTrack.load(id!))?.id).toBe(id);
    expect((await sims.control.requests('spotify'))['GET /v1/tracks/{id}']).toBe(3);

    await sims.control.reset();
    await sims.control.post('spotify', 'faults', { endpoint: 'GET /v1/albums', status: 403, times: 5 });
    const providers = freshProviders();
    const album = await providers.spotify.albums(['1111111111111111111111']).catch((e: unknown) => e);
    expect(album).toBeInstanceOf(Error);
    expect((await sims.control.requests('spotify'))['GET /v1/albums/{id}']).toBe(1);
  });

  it('opens the breaker after repeated failures, answers PROVIDER_UNAVAILABLE without calling, then recovers', async () => {
    await sims.control.post('spotify', 'faults', { endpoint: 'GET /v1/tracks', status: 500, times: 1000 });
    const providers = freshProviders();
    const ids = freshTrackIds(4);
    const first = await providers.loaders('interactive').spotifyTrack.load(ids[0]!).catch((e: unknown) => e); // 1 + 3 retries
    expect(codeOf(first)).toMatchObject({ code: ErrorCode.PROVIDER_UNAVAILABLE, reason: 'SERVER_ERROR' });
    const second = await providers.loaders('interactive').spotifyTrack.load(ids[1]!).catch((e: unknown) => e); // the 5th failure opens it
    expect(codeOf(second)).toMatchObject({ code: ErrorCode.PROVIDER_UNAVAILABLE, reason: 'CIRCUIT_OPEN' });
    const sent = (await sims.control.requests('spotify'))['GET /v1/tracks/{id}'];
    expect(sent).toBe(5);

    const third = await providers.loaders('interactive').spotifyTrack.load(ids[2]!).catch((e: unknown) => e);
    expect(codeOf(third)).toMatchObject({ code: ErrorCode.PROVIDER_UNAVAILABLE, reason: 'CIRCUIT_OPEN' });
    expect((await sims.control.requests('spotify'))['GET /v1/tracks/{id}']).toBe(sent); // refused here, not sent

    await fetch('http://127.0.0.1:15400/_simulator/faults', { method: 'DELETE' });
    await new Promise((resolve) => setTimeout(resolve, 600)); // PROVIDER_BREAKER_HALF_OPEN_MS
    expect((await providers.loaders('interactive').spotifyTrack.load(ids[3]!))?.id).toBe(ids[3]);
    expect(providers.spotify.batching).toBe(true);
  });

  it('turns malformed answers of every provider into typed errors', async () => {
    const providers = freshProviders();
    const load = providers.loaders('interactive');
    const [trackId, otherId] = freshTrackIds(2);
    await sims.control.post('spotify', 'faults', [
      { endpoint: 'GET /v1/tracks', body: 'malformed', status: 200 },
      { endpoint: 'GET /v1/tracks', body: { id: 42, name: null }, status: 200 },
    ]);
    await sims.control.post('youtube', 'faults', { endpoint: 'GET /youtube/v3/videos', body: { items: [{ snippet: 'nope' }] }, status: 200 });
    await sims.control.post('genius', 'faults', { endpoint: 'GET /search', body: 'malformed', status: 200 });
    await sims.control.post('odesli', 'faults', { endpoint: 'GET /v1-alpha.1/links', body: { linksByPlatform: 7 }, status: 200 });

    const errors = await Promise.all([
      load.spotifyTrack.load(trackId!).catch((e: unknown) => e),
      load.spotifyTrack.load(otherId!).catch((e: unknown) => e),
      load.youtubeVideo.load('dQw4w9WgXcQ').catch((e: unknown) => e),
      load.geniusSearch.load('anything').catch((e: unknown) => e),
      load.odesliLinks.load(trackId!).catch((e: unknown) => e),
    ]);
    for (const error of errors) expect(codeOf(error)).toMatchObject({ code: ErrorCode.PROVIDER_UNAVAILABLE, reason: 'MALFORMED_RESPONSE' });
  });
});

describe('tokens', () => {
  it('refreshes an expired app token exactly once under 50 concurrent callers', async () => {
    const providers = freshProviders();
    const ids = freshTrackIds(51);
    await providers.loaders('interactive').spotifyTrack.load(ids[0]!); // a token is issued and used
    const issuedBefore = await clientCredentialsIssued();
    await sims.control.post('spotify', 'spotify/expire-tokens');

    // 50 requests at once, each its own loader (so 50 API calls meet the expired token).
    const tracks = await Promise.all(ids.slice(1).map((id) => providers.loaders('interactive').spotifyTrack.load(id)));
    expect(tracks.map((track) => track?.id)).toEqual(ids.slice(1));
    expect((await clientCredentialsIssued()) - issuedBefore).toBe(1);
  });
});

async function clientCredentialsIssued(): Promise<number> {
  const stats = await sims.control.get<{ provider: { tokensIssued: Record<string, number> } }>('spotify', 'stats');
  return stats.provider.tokensIssued.client_credentials ?? 0;
}

describe('quota', () => {
  it('answers QUOTA_EXHAUSTED to interactive callers once the search bucket is spent, without calling YouTube', async () => {
    const providers = freshProviders();
    for (let i = 0; i < 4; i++) await providers.loaders('interactive').youtubeSearch.load({ query: `song number ${i}` });
    expect((await sims.control.requests('youtube'))['GET /youtube/v3/search']).toBe(4);

    const error = await providers.loaders('interactive').youtubeSearch.load({ query: 'one more song' }).catch((e: unknown) => e);
    expect(codeOf(error)).toMatchObject({ code: ErrorCode.QUOTA_EXHAUSTED, provider: 'youtube', bucket: 'search' });
    expect((error as { extensions: { resetsAt: string } }).extensions.resetsAt).toBe(nextPacificMidnight(new Date()).toISOString());
    // A search already made is served from the cache: no quota, no call.
    expect(await providers.loaders('interactive').youtubeSearch.load({ query: 'Song Number 1' })).not.toBeNull();
    expect((await sims.control.requests('youtube'))['GET /youtube/v3/search']).toBe(4);
    await resetQuota();
  });

  it('makes a job wait for the reset instead of failing when the bucket is spent for background work', async () => {
    const providers = freshProviders();
    // Background work stops at half the bucket (YOUTUBE_INTERACTIVE_RESERVE=0.5): two searches.
    for (let i = 0; i < 2; i++) await providers.loaders('background').youtubeSearch.load({ query: `background ${i}` });

    const name = `quota-wait-${isolation.prefix.replace(/\W/g, '')}`;
    const queue = new Queue(name, { connection: redis, prefix: `${isolation.prefix}bull` });
    const events = new QueueEvents(name, { connection: redis.duplicate(), prefix: `${isolation.prefix}bull` });
    let runs = 0;
    const worker = new Worker(
      name,
      waitingForQuota(async () => {
        runs += 1;
        return providers.loaders('background').youtubeSearch.load({ query: 'a job search' });
      }),
      { connection: redis.duplicate({ maxRetriesPerRequest: null }), prefix: `${isolation.prefix}bull` },
    );
    try {
      const job = await queue.add('map', {}, { attempts: 3 });
      await new Promise<void>((resolve) => events.on('delayed', ({ jobId }) => jobId === job.id && resolve()));
      const delayed = await queue.getJob(job.id!);
      expect(await delayed!.getState()).toBe('delayed');
      expect(delayed!.attemptsMade).toBe(0); // waiting is not a failed attempt
      expect(delayed!.delay + delayed!.timestamp).toBeGreaterThanOrEqual(nextPacificMidnight(new Date()).getTime());
      expect(runs).toBe(1);
      expect((await sims.control.requests('youtube'))['GET /youtube/v3/search']).toBe(2);
      // Interactive callers still have their reserve.
      expect(await providers.loaders('interactive').youtubeSearch.load({ query: 'someone is waiting' })).not.toBeNull();
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await resetQuota();
    }
  });

  it('believes YouTube when it answers 403 quotaExceeded, and stops calling it', async () => {
    await sims.control.post('youtube', 'youtube/quota', { unitsUsed: 10_000 });
    const providers = freshProviders();
    const error = await providers.loaders('interactive').youtubeVideo.load('dQw4w9WgXcQ').catch((e: unknown) => e);
    expect(codeOf(error)).toMatchObject({ code: ErrorCode.QUOTA_EXHAUSTED, bucket: 'units' });
    await providers.loaders('interactive').youtubeVideo.load('aaaaaaaaaaa').catch(() => undefined);
    expect((await sims.control.requests('youtube'))['GET /youtube/v3/videos']).toBe(1);
    await resetQuota();
  });

  it("handles Spotify's QUOTA_EXCEEDED like a spent budget: every replica stops until Retry-After", async () => {
    await sims.control.post('spotify', 'faults', { endpoint: 'GET /v1/tracks', status: 429, reason: 'QUOTA_EXCEEDED', retryAfterSeconds: 3600 });
    const [a, b] = freshTrackIds(2);
    const error = await freshProviders().loaders('interactive').spotifyTrack.load(a!).catch((e: unknown) => e);
    expect(codeOf(error)).toMatchObject({ code: ErrorCode.QUOTA_EXHAUSTED, provider: 'spotify' });
    const otherReplica = await freshProviders().loaders('interactive').spotifyTrack.load(b!).catch((e: unknown) => e);
    expect(codeOf(otherReplica)).toMatchObject({ code: ErrorCode.QUOTA_EXHAUSTED, provider: 'spotify' });
    expect((await sims.control.requests('spotify'))['GET /v1/tracks/{id}']).toBe(1);
    await redis.del(`${isolation.prefix}quota:spotify:blocked-until`);
  });
});

/** Back to an unspent day for the next test (the ledger is Redis keys under this file's prefix). */
async function resetQuota(): Promise<void> {
  const keys = await redis.keys(`${isolation.prefix}quota:youtube:*`);
  if (keys.length) await redis.del(...keys);
}
