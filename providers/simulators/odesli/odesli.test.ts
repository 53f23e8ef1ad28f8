// The Odesli simulator over HTTP: links for tracks Odesli knows (with the YouTube id the truth
// gives it, or without YouTube), 404 for those it does not, the accepted inputs, and its
// per-minute request limit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import type { SimCatalogue, TrackTruth } from '../catalogue/types.js';
import { startSimulator, type RunningSimulator } from '../youtube/test-support.js';
import { odesliSimulator } from './index.js';

let catalogue: SimCatalogue;
let sim: RunningSimulator;

beforeAll(async () => {
  catalogue = generateCatalogue({ seed: 1, tracks: 500, artists: 50 });
  sim = await startSimulator(odesliSimulator, catalogue, 15230);
});
afterAll(() => sim.close());
beforeEach(() => sim.module.reset!());

const links = (params: Record<string, string>) => sim.get(`/v1-alpha.1/links?${new URLSearchParams(params).toString()}`);
const truths = () => [...catalogue.truth.values()];
const withVideo = (): TrackTruth => truths().find((t) => t.odesliVideoId)!;

describe('/v1-alpha.1/links', () => {
  it('answers the YouTube id Odesli knows for a Spotify track URL', async () => {
    const truth = withVideo();
    const { status, body } = await links({ url: `https://open.spotify.com/track/${truth.trackId}`, userCountry: 'GB' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      entityUniqueId: `SPOTIFY_SONG::${truth.trackId}`,
      userCountry: 'GB',
      pageUrl: `https://song.link/s/${truth.trackId}`,
      linksByPlatform: {
        spotify: { url: `https://open.spotify.com/track/${truth.trackId}`, entityUniqueId: `SPOTIFY_SONG::${truth.trackId}` },
        youtube: { url: `https://www.youtube.com/watch?v=${truth.odesliVideoId}`, entityUniqueId: `YOUTUBE_VIDEO::${truth.odesliVideoId}` },
        youtubeMusic: { url: `https://music.youtube.com/watch?v=${truth.odesliVideoId}`, entityUniqueId: `YOUTUBE_VIDEO::${truth.odesliVideoId}` },
      },
    });
    // Every link names an entity the answer carries.
    for (const link of Object.values(body.linksByPlatform) as { entityUniqueId: string }[]) {
      expect(body.entitiesByUniqueId[link.entityUniqueId]).toMatchObject({ type: 'song', apiProvider: expect.any(String) });
    }
    expect(body.entitiesByUniqueId[`SPOTIFY_SONG::${truth.trackId}`]).toMatchObject({ id: truth.trackId, title: catalogue.tracks.get(truth.trackId)!.name });
  });

  it('accepts a spotify: URI, platform + id, and a YouTube URL of the matched video', async () => {
    const truth = withVideo();
    const uri = await links({ url: `spotify:track:${truth.trackId}` });
    const params = await links({ platform: 'spotify', type: 'song', id: truth.trackId });
    expect(uri.body.linksByPlatform.youtube.url).toBe(`https://www.youtube.com/watch?v=${truth.odesliVideoId}`);
    expect(params.body).toEqual(uri.body);
    const fromYouTube = await links({ url: `https://www.youtube.com/watch?v=${truth.odesliVideoId}` });
    expect(fromYouTube.status).toBe(200);
    expect(fromYouTube.body.entityUniqueId).toBe(`YOUTUBE_VIDEO::${truth.odesliVideoId}`);
    expect(fromYouTube.body.linksByPlatform.spotify).toBeDefined();
  });

  it('answers links without YouTube for some tracks it knows without a match, 404 for the others', async () => {
    const answers = await Promise.all(
      truths()
        .filter((t) => !t.odesliVideoId)
        .slice(0, 40)
        .map((t) => links({ url: `https://open.spotify.com/track/${t.trackId}` })),
    );
    const found = answers.filter((a) => a.status === 200);
    const missing = answers.filter((a) => a.status === 404);
    expect(found.length).toBeGreaterThan(0);
    expect(missing.length).toBeGreaterThan(0);
    expect(found.length + missing.length).toBe(answers.length);
    for (const answer of found) {
      expect(answer.body.linksByPlatform.spotify).toBeDefined();
      expect(answer.body.linksByPlatform).not.toHaveProperty('youtube');
      expect(answer.body.linksByPlatform).not.toHaveProperty('youtubeMusic');
    }
    for (const answer of missing) expect(answer.body).toEqual({ statusCode: 404, code: 'could_not_resolve_entity' });
  });

  it('answers 404 for a track Spotify does not have and 400 for what is not a track', async () => {
    expect((await links({ url: 'https://open.spotify.com/track/0000000000000000000000' })).body).toEqual({ statusCode: 404, code: 'could_not_resolve_entity' });
    expect((await links({ url: 'https://open.spotify.com/artist/0000000000000000000000' })).status).toBe(400);
    expect((await links({ url: 'https://open.spotify.com/track/short' })).status).toBe(400);
    expect((await links({})).status).toBe(400);
  });
});

describe('request limit', () => {
  it('answers 429 with Retry-After past the per-minute limit, per caller', async () => {
    sim.module.configure!({ requestsPerMinute: 3, requestsPerMinuteWithKey: 5 });
    try {
      const url = `https://open.spotify.com/track/${withVideo().trackId}`;
      for (let i = 0; i < 3; i++) expect((await links({ url })).status).toBe(200);
      const limited = await links({ url });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ statusCode: 429, code: 'too_many_requests' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // A key has its own, larger allowance.
      for (let i = 0; i < 5; i++) expect((await links({ url, key: 'my-key' })).status).toBe(200);
      expect((await links({ url, key: 'my-key' })).status).toBe(429);
      sim.clock.advance(60_000);
      expect((await links({ url })).status).toBe(200);
    } finally {
      sim.module.configure!({ requestsPerMinute: 600, requestsPerMinuteWithKey: 6000 });
    }
  });

  it("dresses the framework's errors in Odesli's shape", () => {
    expect(sim.module.errorBody!({ status: 429, cause: 'rate_limit' })).toEqual({ statusCode: 429, code: 'too_many_requests' });
    expect(sim.module.errorBody!({ status: 500, cause: 'fault' })).toEqual({ statusCode: 500, code: 'internal_server_error' });
  });

  it('refuses settings it does not know', () => {
    expect(() => sim.module.configure!({ requestsPerMinute: 0 })).toThrow(/requestsPerMinute/);
    expect(() => sim.module.configure!({ perSecond: 1 })).toThrow(/not a setting/);
  });
});
