/**
 * Spotify → YouTube mappings through the gateway, against the provider simulators: mapping jobs
 * (progress, results checked against the simulator's ground truth, one job and one mapping per
 * track however often they are asked for, waiting for quota and resuming), `Track.youtube`, users'
 * reports that re-map a track, admins' verification and override, who may read a job, and input
 * validation that enqueues nothing.
 *
 * Mapping calls Spotify and YouTube from background jobs, and one test spends YouTube's quota for
 * everyone, so the file holds both simulators' locks (test/harness/simulator-lock.ts) while it runs,
 * taken in a fixed order (spotify, then youtube) so that two files wanting both never deadlock.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingJobs } from '../../subgraphs/catalog/jobs/mapping-queue.js';
import { errorCodes, graphql, login, register, stack, type SignedIn } from '../harness/client.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock } from '../harness/simulator-lock.js';
import { TEST_ADMIN } from '../harness/test-env.js';
import { parseExposition } from '../harness/prometheus-text.js';

const JOB = `id kind state progress error waitingUntil createdAt updatedAt
  result { ... on MappingJobResult { total confident uncertain unavailable failed reused
    tracks { trackId status videoId confidence reused error track { id name } } } }`;
const MAPPING = `trackId status confidence source verified verifiedAt reportCount viewerReported mappedAt updatedAt
  video { id title channelTitle durationSeconds embedUrl watchUrl } alternatives { id title }`;
const REQUEST = `mutation ($ids: [ID!]!) { requestMapping(trackIds: $ids) { ${JOB} } }`;
const READ_JOB = `query ($id: ID!) { job(id: $id) { ${JOB} } }`;
const TRACK_YOUTUBE = `query ($id: ID!) { track(id: $id) { id youtube { ${MAPPING} } } }`;
const MAP_TRACK = `mutation ($id: ID!) { mapTrack(trackId: $id) { ${MAPPING} } }`;
const REPORT = `mutation ($id: ID!, $note: String) { reportWrongMapping(trackId: $id, note: $note) { ${MAPPING} } }`;
const VERIFY = `mutation ($id: ID!, $videoId: ID) { verifyMapping(trackId: $id, videoId: $videoId) { ${MAPPING} verifiedBy candidates { video { id } score reasons source } } }`;

interface JobResult {
  total: number;
  confident: number;
  uncertain: number;
  unavailable: number;
  failed: number;
  reused: number;
  tracks: { trackId: string; status: string | null; videoId: string | null; confidence: number | null; reused: boolean; error: string | null; track: { id: string; name: string } | null }[];
}
interface JobView {
  id: string;
  kind: string;
  state: string;
  progress: number;
  error: string | null;
  waitingUntil: string | null;
  result: JobResult | null;
}
interface Truth {
  truth: { bestVideoId: string | null; acceptableVideoIds: string[] };
}

let ada: SignedIn;
let bob: SignedIn;
let admin: SignedIn;
let redis: Redis;
let mongo: MongoClient;
let queue: Queue;
let jobs: MappingJobs;

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await holdSimulatorLock('youtube');
  [ada, bob] = await Promise.all([register(), register()]);
  admin = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login;
  const env = stack().env;
  redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  mongo = await MongoClient.connect(env.MONGO_URL!);
  // The catalog's own queue, as an operator reaches it: to count jobs, and to resume one early.
  const prefix = `${env.REDIS_KEY_PREFIX ?? ''}bull`;
  queue = new Queue('catalog-mapping', { connection: redis, prefix });
  jobs = new MappingJobs(redis, { prefix });
}, LOCK_WAIT_MS + 60_000);

/**
 * YouTube's call count once the catalog has gone quiet: no mapping job queued or running and no
 * call for half a second (earlier tests' jobs, or a background cache refresh, may still be finishing
 * when a loaded machine runs other files beside this one).
 */
async function youtubeCallsOnceQuiet(): Promise<number> {
  let last = -1;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
    const total = (await simulator<{ total: number }>('youtube', 'stats')).total;
    if (total === last && Object.values(counts).every((n) => n === 0)) return total;
    last = total;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the catalog kept calling YouTube');
}

afterAll(async () => {
  // Jobs left running (retries, a resumed wait) would call the simulators after the locks are gone.
  const deadline = Date.now() + 60_000;
  while (queue && Date.now() < deadline) {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
    if (Object.values(counts).every((n) => n === 0)) break;
    if (counts.delayed) await queue.obliterate({ force: true }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await releaseSimulatorLock('youtube');
  await releaseSimulatorLock('spotify');
  await jobs?.close();
  await queue?.close();
  redis?.disconnect();
  await mongo?.close();
});

async function simulator<T = unknown>(provider: 'spotify' | 'youtube', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack().simulators[provider]}/_simulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Simulated tracks to map, by offset into the filtered list (about 11,900 tracks have an acceptable
 * upload Odesli knows); each test its own offsets, so tests never share tracks.
 */
async function tracksAt(offset: number, limit: number, filter = 'hasAcceptableUpload=true&hasOdesli=true'): Promise<string[]> {
  const list = await simulator<{ items: { id: string }[] }>('spotify', `catalogue/tracks?offset=${offset}&limit=${limit}&${filter}`);
  return list.items.map((track) => track.id);
}

const truthOf = (id: string) => simulator<Truth>('spotify', `truth/tracks/${id}`);

async function requestMapping(ids: string[], user: SignedIn = ada): Promise<JobView> {
  const response = await graphql<{ requestMapping: JobView }>(REQUEST, { ids }, { token: user.accessToken });
  expect(response.errors).toBeUndefined();
  return response.data!.requestMapping;
}

/** Polls `job(id)` until `done`; returns the last view and every state and progress seen on the way. */
async function followJob(id: string, done: (job: JobView) => boolean, options: { user?: SignedIn; timeoutMs?: number } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 100_000);
  const seen: { state: string; progress: number }[] = [];
  for (;;) {
    const response = await graphql<{ job: JobView | null }>(READ_JOB, { id }, { token: (options.user ?? ada).accessToken });
    expect(response.errors).toBeUndefined();
    const job = response.data!.job!;
    seen.push({ state: job.state, progress: job.progress });
    if (done(job)) return { job, seen };
    if (job.state === 'FAILED') throw new Error(`job failed: ${job.error}`);
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state} at ${job.progress} %`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const completed = (job: JobView) => job.state === 'COMPLETED';
const jobCount = async () => Object.values(await queue.getJobCounts()).reduce((sum, n) => sum + n, 0);
const mappingsOf = (trackId: string) => mongo.db(`${stack().env.DATABASE_NAME_PREFIX ?? ''}catalog`).collection('content_mappings').countDocuments({ spotifyTrackId: trackId });

/** A confident pick must be an acceptable upload; a track with none must not get a confident pick. */
async function expectTruthful(outcome: { trackId: string; status: string | null; videoId: string | null }) {
  const { truth } = await truthOf(outcome.trackId);
  if (truth.acceptableVideoIds.length === 0) expect(outcome.status, outcome.trackId).not.toBe('CONFIDENT');
  if (outcome.status === 'CONFIDENT') expect(truth.acceptableVideoIds, outcome.trackId).toContain(outcome.videoId);
}

describe('mapping jobs', () => {
  it('maps a batch with progress, matching the ground truth, and Track.youtube answers the mapping', { timeout: 120_000 }, async () => {
    const ids = [...(await tracksAt(10_000, 4)), ...(await tracksAt(1_300, 1, 'hasAcceptableUpload=false'))];
    const requested = await requestMapping(ids);
    expect(requested).toMatchObject({ kind: 'MAPPING', progress: 0, result: null, error: null });
    expect(['QUEUED', 'RUNNING']).toContain(requested.state); // a free worker may have taken it already
    expect(requested.id).toMatch(/^catalog-mapping:map-[0-9a-f]{32}$/);

    const { job, seen } = await followJob(requested.id, completed);
    expect(job.progress).toBe(100);
    const progress = seen.map((view) => view.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never backwards
    // Tracks settled by their hints report progress while the one with no upload is still searched for.
    expect(seen.some((view) => view.state === 'RUNNING' && view.progress > 0 && view.progress < 100)).toBe(true);
    const result = job.result!;
    expect(result).toMatchObject({ total: 5, failed: 0, reused: 0 });
    expect(result.confident + result.uncertain + result.unavailable).toBe(5);
    expect(result.tracks.map((track) => track.trackId)).toEqual([...ids].sort());
    for (const outcome of result.tracks) {
      await expectTruthful(outcome);
      expect(outcome.track?.id).toBe(outcome.trackId);
    }
    // The tracks with an acceptable upload got one.
    const playable = result.tracks.filter((track) => track.trackId !== ids[4]);
    for (const outcome of playable) {
      const { truth } = await truthOf(outcome.trackId);
      expect(truth.acceptableVideoIds, outcome.trackId).toContain(outcome.videoId);
    }

    const first = playable[0]!;
    const read = await graphql(TRACK_YOUTUBE, { id: first.trackId });
    expect(read.errors).toBeUndefined();
    expect(read.data!.track.youtube).toMatchObject({
      trackId: first.trackId,
      status: first.status,
      confidence: first.confidence,
      verified: false,
      reportCount: 0,
      viewerReported: false,
      video: {
        id: first.videoId,
        embedUrl: `https://www.youtube.com/embed/${first.videoId}`,
        watchUrl: `https://www.youtube.com/watch?v=${first.videoId}`,
      },
    });
    expect(read.data!.track.youtube.video.title).toEqual(expect.any(String));
    expect(read.data!.track.youtube.source).toMatch(/^(ODESLI|GENIUS|ARTIST_CHANNEL|SEARCH)$/);

    // The queue's depth and the worker's attempts are on the catalog's /metrics.
    const metrics = parseExposition(await (await fetch(stack().subgraphUrls.catalog.replace(/\/graphql$/, '/metrics'))).text());
    expect(metrics.sum('job_queue_jobs', { queue: 'catalog-mapping', state: 'completed' })).toBeGreaterThan(0);
    expect(metrics.sum('job_attempts_total', { queue: 'catalog-mapping', outcome: 'completed' })).toBeGreaterThan(0);
  });

  it('answers Track.youtube null for a track never mapped', async () => {
    const [id] = await tracksAt(10_100, 1);
    const read = await graphql(TRACK_YOUTUBE, { id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.track).toEqual({ id, youtube: null });
    expect(await mappingsOf(id!)).toBe(0); // reading did not map it
  });

  it('gives one job and one mapping per track however often, and by whomever, the batch is asked for', { timeout: 120_000 }, async () => {
    const ids = await tracksAt(10_200, 3);
    const before = await jobCount();
    const views = await Promise.all([requestMapping(ids, ada), requestMapping([...ids].reverse(), bob), requestMapping([ids[1]!, ...ids], ada)]);
    expect(new Set(views.map((view) => view.id)).size).toBe(1);
    expect(await jobCount()).toBe(before + 1);
    const id = views[0]!.id;

    // Every requester follows it.
    const { job } = await followJob(id, completed, { user: bob });
    expect(job.result).toMatchObject({ total: 3, failed: 0 });
    for (const trackId of ids) expect(await mappingsOf(trackId)).toBe(1);

    // Asked again once done: the same finished job, nothing mapped again.
    const again = await requestMapping(ids, bob);
    expect(again).toMatchObject({ id, state: 'COMPLETED' });
    expect(await jobCount()).toBe(before + 1);

    // An overlapping batch maps only its new track; the shared ones come from the store.
    const [extra] = await tracksAt(10_300, 1);
    const overlapping = await requestMapping([ids[0]!, extra!], bob);
    expect(overlapping.id).not.toBe(id);
    const done = (await followJob(overlapping.id, completed, { user: bob })).job.result!;
    expect(done.tracks.find((track) => track.trackId === ids[0])?.reused).toBe(true);
    expect(done.tracks.find((track) => track.trackId === extra)?.reused).toBe(false);
    expect(await mappingsOf(ids[0]!)).toBe(1);
  });

  it('lets only requesters and admins read a job; anyone else gets null, as for an unknown id', async () => {
    const [id] = await tracksAt(10_400, 1);
    const job = await requestMapping([id!], ada);
    const stranger = await register();
    const asStranger = await graphql(READ_JOB, { id: job.id }, { token: stranger.accessToken });
    expect(asStranger.errors).toBeUndefined();
    expect(asStranger.data).toEqual({ job: null });
    const unknown = await graphql(READ_JOB, { id: 'catalog-mapping:map-00000000000000000000000000000000' }, { token: ada.accessToken });
    expect(unknown.data).toEqual({ job: null });
    expect(errorCodes(await graphql(READ_JOB, { id: job.id }))).toEqual(['UNAUTHENTICATED']);
    const asAdmin = await graphql(READ_JOB, { id: job.id }, { token: admin.accessToken });
    expect(asAdmin.data?.job.id).toBe(job.id);
    // Directly at the subgraph (not through the gateway), `_entities` answers nothing either.
    const direct = await graphql('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Job { id state } } }', { r: [{ __typename: 'Job', id: job.id }] }, { url: stack().subgraphUrls.catalog });
    expect(direct.data?._entities ?? [null]).toEqual([null]);
    await followJob(job.id, completed); // nothing of this file keeps running after it
  });

  it('waits for quota when YouTube runs out mid-job, and resumes when the quota is back', { timeout: 150_000 }, async () => {
    const ids = await tracksAt(10_500, 6);
    const prefix = stack().env.REDIS_KEY_PREFIX ?? '';
    try {
      // Slow YouTube down so the job is seen running, then spend the day's quota under it.
      await simulator('youtube', 'config', { latencyMs: 400 });
      const requested = await requestMapping(ids);
      await followJob(requested.id, (job) => job.state === 'RUNNING' || job.state === 'COMPLETED');
      await simulator('youtube', 'youtube/quota', { unitsUsed: 10_000, searchCallsUsed: 100 });
      const { job: waiting } = await followJob(requested.id, (job) => job.state === 'WAITING_FOR_QUOTA');
      expect(waiting.error).toBeNull();
      expect(new Date(waiting.waitingUntil!).getTime()).toBeGreaterThan(Date.now());
      expect(waiting.progress).toBeLessThan(100);

      // The quota is back (YouTube's and our ledger's): resume the job instead of waiting for midnight.
      await simulator('youtube', 'config', { latencyMs: 0 });
      await simulator('youtube', 'youtube/quota', { unitsUsed: 0, searchCallsUsed: 0 });
      const ledger = await redis.keys(`${prefix}quota:youtube:*`);
      if (ledger.length) await redis.del(...ledger);
      expect(await jobs.resumeNow(requested.id)).toBe(true);
      const { job } = await followJob(requested.id, completed);
      expect(job.result).toMatchObject({ total: 6, failed: 0 });
      for (const outcome of job.result!.tracks) await expectTruthful(outcome);
    } finally {
      await simulator('youtube', 'config', { latencyMs: 0 });
      await simulator('youtube', 'youtube/quota', { unitsUsed: 0, searchCallsUsed: 0 });
      const ledger = await redis.keys(`${prefix}quota:youtube:*`);
      if (ledger.length) await redis.del(...ledger);
    }
  });
});

describe('feedback and verification', () => {
  /** A mapped track (mapped now, interactively) whose truth offers several acceptable uploads. */
  async function mappedTrackWithAlternatives(offset: number): Promise<{ id: string; videoId: string; acceptable: string[] }> {
    for (const id of await tracksAt(offset, 40)) {
      const { truth } = await truthOf(id);
      if (truth.acceptableVideoIds.length < 3) continue;
      const mapped = await graphql(MAP_TRACK, { id }, { token: ada.accessToken });
      expect(mapped.errors).toBeUndefined();
      if (mapped.data!.mapTrack.status === 'CONFIDENT') return { id, videoId: mapped.data!.mapTrack.video.id, acceptable: truth.acceptableVideoIds };
    }
    throw new Error('no suitable track');
  }

  it('maps one track at once with mapTrack, and answers the stored mapping the next time', { timeout: 60_000 }, async () => {
    const [id] = await tracksAt(10_700, 1);
    const first = await graphql(MAP_TRACK, { id }, { token: bob.accessToken });
    expect(first.errors).toBeUndefined();
    await expectTruthful({ trackId: id!, status: first.data!.mapTrack.status, videoId: first.data!.mapTrack.video?.id ?? null });
    const before = await youtubeCallsOnceQuiet();
    const second = await graphql(MAP_TRACK, { id }, { token: ada.accessToken });
    expect(second.data!.mapTrack).toEqual(first.data!.mapTrack);
    expect((await simulator<{ total: number }>('youtube', 'stats')).total).toBe(before);
    expect(await mappingsOf(id!)).toBe(1);
  });

  it('lowers confidence with each report and re-maps the track to another video past the threshold', { timeout: 120_000 }, async () => {
    const { id, videoId } = await mappedTrackWithAlternatives(10_800);
    const original = (await graphql(TRACK_YOUTUBE, { id })).data!.track.youtube;

    const reporters = [ada, bob, await register()];
    const first = await graphql(REPORT, { id, note: 'This is the live version' }, { token: reporters[0]!.accessToken });
    expect(first.errors).toBeUndefined();
    expect(first.data!.reportWrongMapping).toMatchObject({ reportCount: 1, viewerReported: true, video: { id: videoId } });
    expect(first.data!.reportWrongMapping.confidence).toBeLessThan(original.confidence);
    // The same user again does not count twice.
    const repeat = await graphql(REPORT, { id }, { token: reporters[0]!.accessToken });
    expect(repeat.data!.reportWrongMapping.reportCount).toBe(1);
    // Another user sees the count, not who reported or what they wrote.
    const asBob = await graphql(`query ($id: ID!) { track(id: $id) { youtube { reportCount viewerReported reports { userId note } candidates { score } } } }`, { id }, { token: bob.accessToken });
    expect(asBob.data!.track.youtube).toMatchObject({ reportCount: 1, viewerReported: false, reports: null, candidates: null });
    expect(errorCodes(asBob)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    await graphql(REPORT, { id }, { token: reporters[1]!.accessToken });
    const last = await graphql(REPORT, { id }, { token: reporters[2]!.accessToken });
    expect(last.errors).toBeUndefined();
    const remapped = last.data!.reportWrongMapping;
    expect(remapped.video?.id ?? null).not.toBe(videoId);
    expect(remapped.reportCount).toBe(0); // no one has reported the new choice
    expect(await mappingsOf(id)).toBe(1);

    // Admins read the reports, notes included.
    const asAdmin = await graphql(`query ($id: ID!) { track(id: $id) { youtube { reports { userId videoId note reportedAt } } } }`, { id }, { token: admin.accessToken });
    const reports = asAdmin.data!.track.youtube.reports;
    expect(reports).toHaveLength(3);
    expect(reports[0]).toMatchObject({ userId: reporters[0]!.user.id, videoId, note: 'This is the live version' });
  });

  it('lets admins verify or override a mapping, and nobody else', { timeout: 120_000 }, async () => {
    const { id, videoId, acceptable } = await mappedTrackWithAlternatives(11_000);
    expect(errorCodes(await graphql(VERIFY, { id }, { token: ada.accessToken }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(VERIFY, { id }))).toEqual(['UNAUTHENTICATED']);

    const confirmed = await graphql(VERIFY, { id }, { token: admin.accessToken });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.verifyMapping).toMatchObject({ verified: true, confidence: 100, status: 'CONFIDENT', verifiedBy: admin.user.id, video: { id: videoId } });
    expect(confirmed.data!.verifyMapping.verifiedAt).toEqual(expect.any(String));
    const candidates = confirmed.data!.verifyMapping.candidates;
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates[0]).toMatchObject({ video: { id: expect.any(String) }, score: expect.any(Number), reasons: expect.any(Array) });

    const other = acceptable.find((video) => video !== videoId)!;
    const overridden = await graphql(VERIFY, { id, videoId: other }, { token: admin.accessToken });
    expect(overridden.errors).toBeUndefined();
    expect(overridden.data!.verifyMapping).toMatchObject({ verified: true, confidence: 100, source: 'ADMIN', video: { id: other } });
    expect((await graphql(TRACK_YOUTUBE, { id })).data!.track.youtube.video.id).toBe(other);
  });
});

describe('invalid input', () => {
  it('answers BAD_USER_INPUT naming the field, writes nothing and enqueues no job', async () => {
    const [id] = await tracksAt(11_500, 1);
    const many = await tracksAt(17_000, 101, 'hasAcceptableUpload=true');
    const before = await jobCount();
    const cases: [string, Record<string, unknown>, SignedIn, string][] = [
      [REQUEST, { ids: [] }, ada, 'trackIds'],
      [REQUEST, { ids: many }, ada, 'trackIds'],
      [REQUEST, { ids: [id, 'not-a-spotify-id'] }, ada, 'trackIds.1'],
      [READ_JOB, { id: 'not-a-job' }, ada, 'id'],
      [MAP_TRACK, { id: 'short' }, ada, 'trackId'],
      [REPORT, { id, note: 'x'.repeat(501) }, ada, 'note'],
      [REPORT, { id: 'short' }, ada, 'trackId'],
      [VERIFY, { id, videoId: 'too-short' }, admin, 'videoId'],
      [VERIFY, { id, videoId: 'has spaces!' }, admin, 'videoId'],
    ];
    for (const [query, variables, user, field] of cases) {
      const response = await graphql(query, variables, { token: user.accessToken });
      expect(errorCodes(response), JSON.stringify(variables).slice(0, 80)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions?.field).toBe(field);
    }
    expect(await jobCount()).toBe(before);
    expect(await mappingsOf(id!)).toBe(0);
    expect(errorCodes(await graphql(REQUEST, { ids: [id] }))).toEqual(['UNAUTHENTICATED']);
    expect(await jobCount()).toBe(before);
  });
});
