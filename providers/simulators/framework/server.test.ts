/**
 * The framework over real HTTP with a small provider module: counting per endpoint template,
 * injected faults, rate limiting, latency, and the /_simulator/ control API.
 */
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import type { ProviderSimulatorModule } from '../kit.js';
import { SimulatorConfigError } from '../kit.js';
import { createSimulatorServer, type SimulatorServer } from './server.js';
import { createWorld } from './world.js';

const PORT = 15100;
const base = `http://127.0.0.1:${PORT}`;
let providerResets = 0;
let providerSwitch = 'off';

function recordsModule(): ProviderSimulatorModule {
  const router = express.Router();
  router.get('/v1/records/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  router.get('/v1/records', (_req, res) => {
    res.json({ records: [] });
  });
  router.post('/v1/records', (_req, res) => {
    res.status(201).json({ created: true });
  });
  const control = express.Router();
  control.get('/switch', (_req, res) => {
    res.json({ switch: providerSwitch });
  });
  return {
    name: 'odesli',
    router,
    control,
    stats: () => ({ switch: providerSwitch }),
    reset: () => {
      providerResets++;
      providerSwitch = 'off';
    },
    configure: (options) => {
      if (typeof options.switch !== 'string') throw new SimulatorConfigError('switch must be a string');
      providerSwitch = options.switch;
    },
    errorBody: (error) => ({ code: error.status, reason: error.reason ?? null, cause: error.cause }),
  };
}

let server: SimulatorServer;
const catalogue = generateCatalogue({ seed: 7, tracks: 300, artists: 20 });

beforeAll(async () => {
  const { world, clock } = createWorld(catalogue);
  server = createSimulatorServer(recordsModule(), world, clock);
  await server.listen(PORT);
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset();
});

const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const body = async (answer: Response | Promise<Response>): Promise<any> => (await answer).json();
const stats = async () => (await body(get('/_simulator/stats'))) as ReturnType<SimulatorServer['stats']>;

describe('request counting', () => {
  it('counts per route template and method, with statuses; control and health calls are not counted', async () => {
    await get('/v1/records/a');
    await get('/v1/records/b');
    await get('/v1/records');
    await fetch(`${base}/v1/records`, { method: 'POST' });
    await get('/v1/nothing-here');
    await get('/health');
    const s = await stats();
    expect(s.requests).toEqual({ 'GET /v1/records/{id}': 2, 'GET /v1/records': 1, 'POST /v1/records': 1, 'GET (no route)': 1 });
    expect(s.total).toBe(5);
    expect(s.endpoints['GET /v1/records/{id}']!.statuses).toEqual({ '200': 2 });
    expect(s.endpoints['GET (no route)']!.statuses).toEqual({ '404': 1 });
    expect(s.errors).toBe(1);
    expect(s.provider).toEqual({ switch: 'off' });
  });

  it('answers unknown paths 404 in the provider shape', async () => {
    const answer = await get('/v2/unknown');
    expect(answer.status).toBe(404);
    expect(await body(answer)).toEqual({ code: 404, reason: null, cause: 'no_route' });
  });
});

describe('faults', () => {
  it('answer a status with the provider error body and Retry-After, in order, each as many times as asked', async () => {
    const added = await post('/_simulator/faults', [
      { endpoint: 'GET /v1/records/{id}', status: 503, times: 2 },
      { endpoint: 'GET /v1/records/{id}', status: 429, retryAfterSeconds: 7, reason: 'QUOTA_EXCEEDED' },
    ]);
    expect(added.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`/v1/records/${i}`)).status);
    expect(statuses).toEqual([503, 503, 429, 200]);
    const s = await stats();
    expect(s.faultsInjected).toBe(3);
    expect(s.tooManyRequests).toBe(1);
    expect(s.pendingFaults).toBe(0);
  });

  it('sends Retry-After in seconds and the reason in the body', async () => {
    await post('/_simulator/faults', { endpoint: 'GET /v1/records', match: 'exact', status: 429, retryAfterSeconds: 7, reason: 'QUOTA_EXCEEDED' });
    expect((await get('/v1/records/x')).status).toBe(200); // exact: not the {id} endpoint
    const answer = await get('/v1/records');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(await body(answer)).toEqual({ code: 429, reason: 'QUOTA_EXCEEDED', cause: 'fault' });
  });

  it('a prefix selects the endpoints below it; the method must match', async () => {
    await post('/_simulator/faults', { endpoint: 'POST /v1/records', status: 500 });
    expect((await get('/v1/records')).status).toBe(200);
    expect((await fetch(`${base}/v1/records`, { method: 'POST' })).status).toBe(500);
    await post('/_simulator/faults', { endpoint: 'GET /v1', status: 502 });
    expect((await get('/v1/records/deep')).status).toBe(502);
  });

  it('answers a malformed body that is not JSON, or a body of the wrong shape', async () => {
    await post('/_simulator/faults', { faults: [{ endpoint: '/v1/records/{id}', body: 'malformed' }, { endpoint: '/v1/records/{id}', body: { unexpected: [1, 2] } }] });
    const malformed = await get('/v1/records/a');
    expect(malformed.status).toBe(200);
    expect(malformed.headers.get('content-type')).toContain('application/json');
    await expect(malformed.clone().json()).rejects.toThrow();
    const wrongShape = await get('/v1/records/a');
    expect(await body(wrongShape)).toEqual({ unexpected: [1, 2] });
  });

  it('adds latency and then lets the provider answer; or drops the connection', async () => {
    await post('/_simulator/faults', [{ endpoint: '/v1/records/{id}', latencyMs: 300 }, { endpoint: '/v1/records/{id}', disconnect: true }]);
    const started = performance.now();
    const slow = await get('/v1/records/a');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(await body(slow)).toEqual({ id: 'a' });
    await expect(get('/v1/records/b')).rejects.toThrow();
    expect((await stats()).disconnects).toBe(1);
  });

  it('refuses an ill-formed fault and lists and clears pending ones', async () => {
    expect((await post('/_simulator/faults', { status: 'teapot' })).status).toBe(400);
    await post('/_simulator/faults', { status: 500, times: 3 });
    const pending = (await body(get('/_simulator/faults'))) as { faults: { times: number }[] };
    expect(pending.faults).toHaveLength(1);
    expect(pending.faults[0]!.times).toBe(3);
    await fetch(`${base}/_simulator/faults`, { method: 'DELETE' });
    expect((await get('/v1/records/a')).status).toBe(200);
  });
});

describe('rate limiting and latency', () => {
  it('answers 429 with integer Retry-After above the configured rate', async () => {
    await post('/_simulator/config', { rateLimit: { requestsPerSecond: 2 } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => get('/v1/records/a')));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBe(3);
    expect(limited[0]!.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await limited[0]!.json()).toEqual({ code: 429, reason: null, cause: 'rate_limit' });
    expect((await stats()).rateLimited).toBe(3);
    await post('/_simulator/config', { rateLimit: null });
    expect((await get('/v1/records/a')).status).toBe(200);
  });

  it('tracks how many requests are in flight at once, per endpoint', async () => {
    await post('/_simulator/config', { latencyMs: 150 });
    await Promise.all([get('/v1/records/a'), get('/v1/records/b'), get('/v1/records/c'), get('/v1/records')]);
    const s = await stats();
    expect(s.endpoints['GET /v1/records/{id}']).toMatchObject({ requests: 3, inFlight: 0, maxInFlight: 3 });
    expect(s.endpoints['GET /v1/records']).toMatchObject({ inFlight: 0, maxInFlight: 1 });
    expect(s.maxInFlight).toBe(4);
  });

  it('delays every provider answer by the configured latency', async () => {
    await post('/_simulator/config', { latencyMs: 250 });
    const started = performance.now();
    await get('/v1/records/a');
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });
});

describe('control API', () => {
  it('reset clears counts, faults, limits and the provider state', async () => {
    await get('/v1/records/a');
    await post('/_simulator/faults', { status: 500 });
    await post('/_simulator/config', { rateLimit: { requestsPerSecond: 1 }, odesli: { switch: 'on' } });
    const before = providerResets;
    await post('/_simulator/reset', {});
    expect(providerResets).toBe(before + 1);
    expect((await body(get('/_simulator/odesli/switch'))).switch).toBe('off');
    const s = await stats();
    expect(s.total).toBe(0);
    expect(s.pendingFaults).toBe(0);
    expect((await body(get('/_simulator/config'))).rateLimit).toBeNull();
  });

  it('passes provider options to the module and refuses options for another provider', async () => {
    expect((await post('/_simulator/config', { odesli: { switch: 'on' } })).status).toBe(200);
    expect(providerSwitch).toBe('on');
    const wrongProvider = await post('/_simulator/config', { spotify: { severalItems: false } });
    expect(wrongProvider.status).toBe(400);
    expect((await body(wrongProvider)).error).toContain('odesli');
    expect((await post('/_simulator/config', { odesli: { switch: 3 } })).status).toBe(400);
    expect((await post('/_simulator/config', { latencyMs: -5 })).status).toBe(400);
  });

  it('moves the shared clock forward', async () => {
    const before = Date.parse((await body(get('/_simulator/clock'))).now);
    const after = Date.parse((await body(post('/_simulator/clock', { advanceMs: 3_600_000 }))).now);
    expect(after - before).toBeGreaterThanOrEqual(3_600_000);
    expect(after - before).toBeLessThan(3_660_000);
  });

  it('shows a track with its ground truth and uploads', async () => {
    const trackId = [...catalogue.tracks.keys()][3]!;
    const view = await body(get(`/_simulator/truth/tracks/${trackId}`));
    expect(view.track.id).toBe(trackId);
    expect(view.truth.trackId).toBe(trackId);
    expect(view.videos.map((v: { id: string }) => v.id)).toEqual(view.truth.uploads.map((u: { videoId: string }) => u.videoId));
    expect((await get('/_simulator/truth/tracks/nope')).status).toBe(404);
  });

  it('lists catalogue tracks with filters and paging', async () => {
    const all = await body(get('/_simulator/catalogue/tracks?limit=1000'));
    expect(all.total).toBe(300);
    const without = await body(get('/_simulator/catalogue/tracks?hasAcceptableUpload=false&limit=1000'));
    expect(without.items.every((t: { hasAcceptableUpload: boolean }) => !t.hasAcceptableUpload)).toBe(true);
    expect(without.total).toBe([...catalogue.truth.values()].filter((t) => t.acceptableVideoIds.length === 0).length);
    const english = await body(get('/_simulator/catalogue/tracks?language=en&offset=2&limit=3'));
    expect(english.items).toHaveLength(3);
    expect(english.offset).toBe(2);
    expect(english.items.every((t: { language: string }) => t.language === 'en')).toBe(true);
    expect((await get('/_simulator/catalogue/tracks?limit=0')).status).toBe(400);
  });

  it('offers the same operations in process', async () => {
    server.addFaults([{ status: 418 }]);
    expect((await get('/v1/records/a')).status).toBe(418);
    expect(server.stats().requests).toEqual({ 'GET /v1/records/{id}': 1 });
    server.configure({ rateLimit: { requestsPerSecond: 1, burst: 1, retryAfterSeconds: 9 } });
    await get('/v1/records/a');
    const limited = await get('/v1/records/a');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('9');
  });
});
