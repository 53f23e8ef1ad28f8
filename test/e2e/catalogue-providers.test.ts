/**
 * Catalogue reads through the gateway reach Spotify (the simulator) through the provider layer:
 * batched 50 ids a call, cached for the next request, and a failing Spotify becomes a typed
 * PROVIDER_UNAVAILABLE on the fields it concerns while curated snapshots keep answering. It counts
 * the simulator's requests exactly, so it holds the Spotify simulator's lock while it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphql, stack, type GraphQLResponse } from '../harness/client.js';
import { spotifyCatalogueCalls } from '../harness/spotify-calls.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';
import { parseExposition } from '../harness/prometheus-text.js';

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
}, LOCK_WAIT_MS + 10_000);
afterAll(() => releaseSimulatorLock('spotify'));

const sim = () => stack().simulators.spotify;

async function simulator<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim()}/_simulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

async function someTrackIds(offset: number, limit: number): Promise<string[]> {
  const list = await simulator<{ items: { id: string }[] }>(`catalogue/tracks?offset=${offset}&limit=${limit}`);
  return list.items.map((track) => track.id);
}

const TRACKS = `query ($ids: [ID!]!) { tracks(ids: $ids) { id name durationMs isrc album { id name } } }`;

describe('catalogue through the provider layer', () => {
  it('resolves 100 distinct tracks (and their albums) with two Spotify calls, and the same again with none', async () => {
    const ids = await someTrackIds(5_000, 100);
    let response!: GraphQLResponse;
    const cold = await spotifyCatalogueCalls(async () => (response = await graphql(TRACKS, { ids })));
    expect(response.errors).toBeUndefined();
    expect(response.data!.tracks.map((track: { id: string }) => track.id)).toEqual(ids);
    const truth = await simulator<{ track: { name: string; durationMs: number; isrc: string } }>(`truth/tracks/${ids[0]}`);
    expect(response.data!.tracks[0]).toMatchObject({ name: truth.track.name, durationMs: truth.track.durationMs, isrc: truth.track.isrc });
    expect(cold).toEqual({ 'GET /v1/tracks': 2 }); // the albums came with the tracks

    const warm = await spotifyCatalogueCalls(async () => (response = await graphql(TRACKS, { ids: [...ids].reverse() })));
    expect(warm).toEqual({});
    expect(response.data!.tracks[0].id).toBe(ids[99]);
  });

  it("counts provider calls and cache lookups per level in the catalog's /metrics", async () => {
    const ids = await someTrackIds(9_000, 3);
    await graphql(TRACKS, { ids });
    await graphql(TRACKS, { ids });
    const metrics = parseExposition(await (await fetch(stack().subgraphUrls.catalog.replace(/\/graphql$/, '/metrics'))).text());
    expect(metrics.sum('provider_requests_total', { provider: 'spotify', endpoint: 'GET /tracks', outcome: '200' })).toBeGreaterThan(0);
    for (const [level, result] of [['l1', 'miss'], ['l2', 'miss'], ['l1', 'fresh']] as const) {
      expect(metrics.sum('provider_cache_lookups_total', { kind: 'spotify-track', level, result })).toBeGreaterThan(0);
    }
    expect(metrics.find('provider_circuit_open', { provider: 'spotify' }).map((s) => s.value)).toEqual([0]);
  });

  it('answers repeated ids in place and unknown ids with null, still one call', async () => {
    const [a, b] = await someTrackIds(6_000, 2);
    let response!: GraphQLResponse;
    const calls = await spotifyCatalogueCalls(async () => (response = await graphql(TRACKS, { ids: [a, b, a, '0000000000000000000000'] })));
    expect(response.data!.tracks.map((track: { id: string } | null) => track?.id ?? null)).toEqual([a, b, a, null]);
    expect(calls).toEqual({ 'GET /v1/tracks': 1 });
  });

  it('refuses bad ids and oversized lists with BAD_USER_INPUT before calling Spotify', async () => {
    const ids = await someTrackIds(7_000, 101);
    const calls = await spotifyCatalogueCalls(async () => {
      expect(errorCodes(await graphql(TRACKS, { ids }))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await graphql(TRACKS, { ids: ['not-a-spotify-id'] }))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await graphql(TRACKS, { ids: [] }))).toEqual(['BAD_USER_INPUT']);
    });
    expect(calls).toEqual({});
  });

  it('turns a failing Spotify into PROVIDER_UNAVAILABLE on the field, without a stack trace', async () => {
    const [id] = await someTrackIds(8_000, 1);
    await simulator('faults', { endpoint: 'GET /v1/tracks', status: 500, times: 4 }); // the first try and 3 retries
    const response = await graphql(`query ($id: ID!) { track(id: $id) { id name } }`, { id });
    expect(response.data?.track).toBeNull();
    expect(errorCodes(response)).toEqual(['PROVIDER_UNAVAILABLE']);
    expect(response.errors![0]!.extensions).toMatchObject({ provider: 'spotify', reason: 'SERVER_ERROR' });
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|at .*\.ts/);

    // Spotify is back: the same track resolves.
    const again = await graphql(`query ($id: ID!) { track(id: $id) { id } }`, { id });
    expect(again.data?.track).toEqual({ id });
  });
});
