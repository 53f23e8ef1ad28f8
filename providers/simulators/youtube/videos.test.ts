// videos.list and API-key authentication over HTTP: parts, the 50-id cap, unknown ids, ISO
// durations, counts as strings, Google's error shapes, strict conformance to the discovery document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import type { SimCatalogue } from '../catalogue/types.js';
import { discoveryValidators } from './discovery-schema.js';
import { youtubeSimulator } from './index.js';
import { isoDuration } from './iso-duration.js';
import { startSimulator, type RunningSimulator } from './test-support.js';
import { VIDEO_PARTS } from './video-resource.js';

const KEY = 'key=simulator-youtube-key';
let catalogue: SimCatalogue;
let sim: RunningSimulator;
const schema = discoveryValidators();

beforeAll(async () => {
  catalogue = generateCatalogue({ seed: 1, tracks: 500, artists: 50 });
  sim = await startSimulator(youtubeSimulator, catalogue, 15201);
});
afterAll(() => sim.close());

const videoIds = () => [...catalogue.videos.keys()];

describe('videos.list', () => {
  it('answers the listed parts only, in the discovery document shape', async () => {
    const [a, b] = videoIds();
    const { status, body } = await sim.get(`/youtube/v3/videos?part=snippet,contentDetails,statistics,status&id=${a},${b}&${KEY}`);
    expect(status).toBe(200);
    expect(schema('VideoListResponse')(body), JSON.stringify(schema('VideoListResponse').errors)).toBe(true);
    expect(body).toMatchObject({ kind: 'youtube#videoListResponse', pageInfo: { totalResults: 2, resultsPerPage: 2 } });
    expect(body.etag).toMatch(/^[A-Za-z0-9_-]{27}$/);
    const video = catalogue.videos.get(a!)!;
    const item = body.items[0];
    expect(item).toMatchObject({
      kind: 'youtube#video',
      id: a,
      snippet: { title: video.title, channelId: video.channelId, channelTitle: catalogue.channels.get(video.channelId)!.title, categoryId: video.categoryId, publishedAt: video.publishedAt },
      contentDetails: { duration: isoDuration(video.durationSeconds) },
      statistics: { viewCount: String(video.viewCount), likeCount: String(video.likeCount) },
      status: { embeddable: video.embeddable },
    });
    expect(Object.keys(item.snippet.thumbnails)).toEqual(['default', 'medium', 'high', 'standard', 'maxres']);

    const only = await sim.get(`/youtube/v3/videos?part=contentDetails&id=${a}&${KEY}`);
    expect(Object.keys(only.body.items[0]).sort()).toEqual(['contentDetails', 'etag', 'id', 'kind']);
    expect(only.body.items[0].contentDetails.duration).toMatch(/^P(T(\d+H)?(\d+M)?(\d+S)?|\d+D.*)$/);
  });

  it('validates with every part asked for', async () => {
    const ids = videoIds().slice(0, 50).join(',');
    const { body } = await sim.get(`/youtube/v3/videos?part=${VIDEO_PARTS.join(',')}&id=${ids}&${KEY}`);
    expect(body.items).toHaveLength(50);
    expect(schema('VideoListResponse')(body), JSON.stringify(schema('VideoListResponse').errors)).toBe(true);
  });

  it('leaves unknown ids out of items', async () => {
    const [a] = videoIds();
    const { body } = await sim.get(`/youtube/v3/videos?part=id&id=${a},doesNotExst,${a}&${KEY}`);
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([a]);
    const none = await sim.get(`/youtube/v3/videos?part=id&id=doesNotExst&${KEY}`);
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('takes 50 ids and refuses 51', async () => {
    const ids = videoIds();
    const fifty = await sim.get(`/youtube/v3/videos?part=id&id=${ids.slice(0, 50).join(',')}&${KEY}`);
    expect(fifty.status).toBe(200);
    expect(fifty.body.items).toHaveLength(50);
    const tooMany = await sim.get(`/youtube/v3/videos?part=id&id=${ids.slice(0, 51).join(',')}&${KEY}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 400, errors: [{ domain: 'youtube.parameter', reason: 'invalidParameter', location: 'id' }] });
  });

  it('requires part and refuses unknown parts and a missing filter', async () => {
    const [a] = videoIds();
    const missing = await sim.get(`/youtube/v3/videos?id=${a}&${KEY}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.errors[0]).toMatchObject({ reason: 'required', location: 'part' });
    const unknown = await sim.get(`/youtube/v3/videos?part=snippet,lyrics&id=${a}&${KEY}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.errors[0]).toMatchObject({ reason: 'unknownPart', message: "'lyrics'" });
    const noFilter = await sim.get(`/youtube/v3/videos?part=id&${KEY}`);
    expect(noFilter.body.error.errors[0].reason).toBe('missingRequiredParameter');
  });

  it('pages the mostPopular chart', async () => {
    const first = await sim.get(`/youtube/v3/videos?part=statistics&chart=mostPopular&maxResults=3&${KEY}`);
    expect(first.body.items).toHaveLength(3);
    const views = first.body.items.map((i: { statistics: { viewCount: string } }) => Number(i.statistics.viewCount));
    expect([...views].sort((x, y) => y - x)).toEqual(views);
    const second = await sim.get(`/youtube/v3/videos?part=statistics&chart=mostPopular&maxResults=3&pageToken=${first.body.nextPageToken}&${KEY}`);
    expect(Number(second.body.items[0].statistics.viewCount)).toBeLessThanOrEqual(views[2]);
    expect(second.body.prevPageToken).toBeTruthy();
  });
});

describe('framework-made errors', () => {
  it("dress rate limits and injected faults in Google's shape", () => {
    expect(sim.module.errorBody!({ status: 429, cause: 'rate_limit' })).toEqual({
      error: {
        code: 429,
        message: 'Too many requests',
        errors: [{ message: 'Too many requests', domain: 'global', reason: 'rateLimitExceeded' }],
        status: 'RESOURCE_EXHAUSTED',
      },
    });
    expect(sim.module.errorBody!({ status: 403, reason: 'quotaExceeded', cause: 'fault' })).toMatchObject({
      error: { code: 403, errors: [{ domain: 'youtube.quota', reason: 'quotaExceeded' }] },
    });
    expect(sim.module.errorBody!({ status: 503, cause: 'fault' })).toMatchObject({ error: { code: 503, errors: [{ reason: 'backendError' }], status: 'UNAVAILABLE' } });
  });
});

describe('API key', () => {
  it('answers 403 without a key and 400 with a wrong one, in Google shape', async () => {
    const [a] = videoIds();
    const missing = await sim.get(`/youtube/v3/videos?part=id&id=${a}`);
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual({
      error: {
        code: 403,
        message: 'The request is missing a valid API key.',
        errors: [{ message: 'The request is missing a valid API key.', domain: 'global', reason: 'forbidden' }],
        status: 'PERMISSION_DENIED',
      },
    });
    const wrong = await sim.get(`/youtube/v3/videos?part=id&id=${a}&key=nope`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      errors: [{ domain: 'global', reason: 'badRequest' }],
      status: 'INVALID_ARGUMENT',
    });
  });

  it('accepts the keys configured instead', async () => {
    const [a] = videoIds();
    sim.module.configure!({ apiKeys: ['another-key'] });
    try {
      expect((await sim.get(`/youtube/v3/videos?part=id&id=${a}&key=another-key`)).status).toBe(200);
      expect((await sim.get(`/youtube/v3/videos?part=id&id=${a}&${KEY}`)).status).toBe(400);
    } finally {
      sim.module.configure!({ apiKeys: ['simulator-youtube-key'] });
    }
  });
});
