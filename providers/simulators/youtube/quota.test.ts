// The simulated project's quota over HTTP: 1 unit per videos / channels / playlistItems /
// playlists call, search.list from its own bucket, 403 quotaExceeded that costs nothing, and the
// day that ends at midnight in Los Angeles (moved with the injected clock).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import type { SimCatalogue } from '../catalogue/types.js';
import { youtubeSimulator } from './index.js';
import { startSimulator, type RunningSimulator } from './test-support.js';

const KEY = 'key=simulator-youtube-key';
const QUOTA_MESSAGE =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';
let catalogue: SimCatalogue;
let sim: RunningSimulator;

beforeAll(async () => {
  catalogue = generateCatalogue({ seed: 1, tracks: 500, artists: 50 });
  sim = await startSimulator(youtubeSimulator, catalogue, 15203);
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.module.reset!();
  await sim.post('/_simulator/youtube/quota', { unitsLimit: 10_000, searchLimit: 100 });
});

const usage = async () => (await sim.get('/_simulator/youtube/quota')).body;
const channel = () => [...catalogue.channels.values()][0]!;
const calls = {
  videos: () => sim.get(`/youtube/v3/videos?part=id&id=${[...catalogue.videos.keys()][0]}&${KEY}`),
  search: () => sim.get(`/youtube/v3/search?part=snippet&type=video&q=love&${KEY}`),
  channels: () => sim.get(`/youtube/v3/channels?part=id&id=${channel().id}&${KEY}`),
  playlistItems: () => sim.get(`/youtube/v3/playlistItems?part=id&playlistId=${channel().uploadsPlaylistId}&${KEY}`),
  playlists: () => sim.get(`/youtube/v3/playlists?part=id&id=${channel().uploadsPlaylistId}&${KEY}`),
};

describe('quota accounting', () => {
  it('charges one unit per list call and one search call, no units, per search', async () => {
    for (const [name, call] of Object.entries(calls)) expect((await call()).status, name).toBe(200);
    expect(await usage()).toMatchObject({
      unitsUsed: 4,
      searchCallsUsed: 1,
      callsByMethod: { 'videos.list': 1, 'channels.list': 1, 'playlistItems.list': 1, 'playlists.list': 1, 'search.list': 1 },
    });
    expect(sim.module.stats!()).toMatchObject({ youtube: { unitsUsed: 4, searchCallsUsed: 1, unitsLimit: 10_000, searchLimit: 100 } });
  });

  it('charges invalid requests, as Google does, but not unauthenticated ones', async () => {
    expect((await sim.get(`/youtube/v3/videos?id=x&${KEY}`)).status).toBe(400);
    expect((await sim.get(`/youtube/v3/videos?part=id&id=x&key=wrong`)).status).toBe(400);
    expect((await sim.get(`/youtube/v3/videos?part=id&id=x`)).status).toBe(403);
    expect((await usage()).unitsUsed).toBe(1);
  });

  it('refuses search with 403 quotaExceeded once its bucket is spent, for free, while units still work', async () => {
    await sim.post('/_simulator/youtube/quota', { searchCallsUsed: 99 });
    expect((await calls.search()).status).toBe(200);
    const refused = await calls.search();
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: { code: 403, message: QUOTA_MESSAGE, errors: [{ message: QUOTA_MESSAGE, domain: 'youtube.quota', reason: 'quotaExceeded' }] },
    });
    expect((await calls.videos()).status).toBe(200);
    expect(await usage()).toMatchObject({ searchCallsUsed: 100, unitsUsed: 1 });
  });

  it('refuses unit calls once the units are spent, while search still works', async () => {
    await sim.post('/_simulator/youtube/quota', { unitsLimit: 2 });
    expect((await calls.videos()).status).toBe(200);
    expect((await calls.channels()).status).toBe(200);
    for (const call of [calls.videos, calls.channels, calls.playlistItems, calls.playlists]) {
      const refused = await call();
      expect(refused.status).toBe(403);
      expect(refused.body.error.errors[0].reason).toBe('quotaExceeded');
    }
    expect((await calls.search()).status).toBe(200);
    expect(await usage()).toMatchObject({ unitsUsed: 2, unitsLimit: 2, searchCallsUsed: 1 });
  });

  it('starts a new day at midnight Pacific time', async () => {
    sim.clock.now = Date.parse('2026-07-02T06:58:00Z'); // 23:58 on 1 July in Los Angeles (PDT)
    sim.module.reset!();
    await sim.post('/_simulator/youtube/quota', { searchLimit: 1 });
    expect((await calls.search()).status).toBe(200);
    expect((await calls.search()).status).toBe(403);
    expect((await usage()).resetsAt).toBe('2026-07-02T07:00:00.000Z');
    sim.clock.advance(60_000); // 23:59
    expect((await calls.search()).status).toBe(403);
    sim.clock.advance(60_000); // midnight
    expect((await calls.search()).status).toBe(200);
    expect(await usage()).toMatchObject({ searchCallsUsed: 1, searchLimit: 1, resetsAt: '2026-07-03T07:00:00.000Z' });
  });

  it('is emptied by reset() and checked by the control route', async () => {
    await calls.videos();
    sim.module.reset!();
    expect((await usage()).unitsUsed).toBe(0);
    const bad = await sim.post('/_simulator/youtube/quota', { unitsUsed: -1 });
    expect(bad.status).toBe(400);
    const unknown = await sim.post('/_simulator/youtube/quota', { units: 3 });
    expect(unknown.status).toBe(400);
  });
});
