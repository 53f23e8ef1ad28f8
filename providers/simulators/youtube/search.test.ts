// search.list over HTTP: relevance for song queries ("artist title" finds the track's topic and
// official uploads among the kinds real search mixes in), paging, filters, snippets without durations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import type { SimCatalogue, SimTrack, UploadKind } from '../catalogue/types.js';
import { discoveryValidators } from './discovery-schema.js';
import { youtubeSimulator } from './index.js';
import { startSimulator, type RunningSimulator } from './test-support.js';

const KEY = 'key=simulator-youtube-key';
let catalogue: SimCatalogue;
let sim: RunningSimulator;
const schema = discoveryValidators();

beforeAll(async () => {
  catalogue = generateCatalogue({ seed: 1, tracks: 500, artists: 50 });
  sim = await startSimulator(youtubeSimulator, catalogue, 15202);
  sim.module.configure!({ searchLimit: 100_000 });
});
afterAll(() => sim.close());

const songQuery = (track: SimTrack) => `${catalogue.artists.get(track.artistIds[0]!)!.name} ${track.baseName}`;
const search = async (params: Record<string, string>) =>
  sim.get(`/youtube/v3/search?${new URLSearchParams({ part: 'snippet', type: 'video', ...params }).toString()}&${KEY}`);

/** Tracks whose truth lists a topic upload, spread over the catalogue. */
function tracksWithTopicUploads(count: number): SimTrack[] {
  const withTopic = [...catalogue.truth.values()].filter((t) => t.uploads.some((u) => u.kind === 'topic'));
  const step = Math.max(1, Math.floor(withTopic.length / count));
  return withTopic.filter((_, i) => i % step === 0).slice(0, count).map((t) => catalogue.tracks.get(t.trackId)!);
}

describe('search.list relevance', () => {
  it('finds the topic or official upload of a track by "artist title" on the first page', async () => {
    const tracks = tracksWithTopicUploads(40);
    let found = 0;
    for (const track of tracks) {
      const own = new Set(
        catalogue.truth.get(track.id)!.uploads.filter((u) => u.kind === 'topic' || u.kind === 'official_video').map((u) => u.videoId),
      );
      const { body } = await search({ q: songQuery(track), maxResults: '10' });
      if (body.items.some((item: { id: { videoId: string } }) => own.has(item.id.videoId))) found++;
    }
    expect(found / tracks.length).toBeGreaterThanOrEqual(0.9);
  });

  it('mixes in the other kinds of upload real search returns for a song', async () => {
    const kinds = new Set<UploadKind>();
    for (const track of tracksWithTopicUploads(15)) {
      const { body } = await search({ q: songQuery(track), maxResults: '25' });
      for (const item of body.items) kinds.add(catalogue.videos.get(item.id.videoId)!.kind);
    }
    expect(kinds.has('topic')).toBe(true);
    const others: UploadKind[] = ['lyric_video', 'live', 'cover', 'remix', 'sped_up', 'slowed', 'nightcore', 'karaoke', 'unrelated'];
    expect(others.filter((k) => kinds.has(k)).length).toBeGreaterThanOrEqual(4);
  });

  it('ranks the topic and official uploads above covers and edits of the same song', async () => {
    const ranks: Record<'own' | 'edits', number[]> = { own: [], edits: [] };
    for (const track of tracksWithTopicUploads(30)) {
      const uploads = new Map(catalogue.truth.get(track.id)!.uploads.map((u) => [u.videoId, u.kind]));
      const { body } = await search({ q: songQuery(track), maxResults: '50' });
      body.items.forEach((item: { id: { videoId: string } }, rank: number) => {
        const kind = uploads.get(item.id.videoId);
        if (kind === 'topic' || kind === 'official_video') ranks.own.push(rank);
        if (kind === 'cover' || kind === 'sped_up' || kind === 'slowed' || kind === 'nightcore' || kind === 'karaoke') ranks.edits.push(rank);
      });
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(ranks.edits.length).toBeGreaterThan(0);
    expect(mean(ranks.own)).toBeLessThan(mean(ranks.edits));
  });
});

describe('search.list answers', () => {
  it('carries ids and snippets, no durations, in the discovery document shape', async () => {
    const [track] = tracksWithTopicUploads(1);
    const { status, body } = await search({ q: songQuery(track!) });
    expect(status).toBe(200);
    expect(schema('SearchListResponse')(body), JSON.stringify(schema('SearchListResponse').errors)).toBe(true);
    expect(body).toMatchObject({ kind: 'youtube#searchListResponse', regionCode: 'US', pageInfo: { resultsPerPage: 5 } });
    expect(body.items).toHaveLength(5);
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual(['etag', 'id', 'kind', 'snippet']);
      expect(item.id.kind).toBe('youtube#video');
      expect(Object.keys(item.snippet.thumbnails)).toEqual(['default', 'medium', 'high']);
    }
  });

  it('pages with nextPageToken, and a token only works for its own query', async () => {
    const [track] = tracksWithTopicUploads(1);
    const q = songQuery(track!);
    const ten = await search({ q, maxResults: '10' });
    const first = await search({ q, maxResults: '5' });
    const second = await search({ q, maxResults: '5', pageToken: first.body.nextPageToken });
    const ids = (page: { body: { items: { id: { videoId: string } }[] } }) => page.body.items.map((i) => i.id.videoId);
    expect([...ids(first), ...ids(second)]).toEqual(ids(ten));
    expect(second.body.prevPageToken).toBeTruthy();
    const back = await search({ q, maxResults: '5', pageToken: second.body.prevPageToken });
    expect(ids(back)).toEqual(ids(first));
    const foreign = await search({ q: `${q} remix`, maxResults: '5', pageToken: first.body.nextPageToken });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.errors[0].reason).toBe('invalidPageToken');
  });

  it('escapes HTML in snippet titles, as the real search does', async () => {
    const video = [...catalogue.videos.values()].find((v) => /['&"]/.test(v.title))!;
    expect(video).toBeDefined();
    const { body } = await search({ q: video.title, channelId: video.channelId, maxResults: '50' });
    const item = body.items.find((i: { id: { videoId: string } }) => i.id.videoId === video.id);
    expect(item.snippet.title).toBe(video.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('restricts to one channel with channelId', async () => {
    const artist = [...catalogue.artists.values()].find((a) => a.topicChannelId)!;
    const { body } = await search({ q: artist.name, channelId: artist.topicChannelId!, maxResults: '50' });
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.snippet.channelId).toBe(artist.topicChannelId);
  });

  it('filters by videoCategoryId, which needs type=video', async () => {
    const [track] = tracksWithTopicUploads(1);
    const music = await search({ q: songQuery(track!), videoCategoryId: '10', maxResults: '50' });
    for (const item of music.body.items) expect(catalogue.videos.get(item.id.videoId)!.categoryId).toBe('10');
    const untyped = await sim.get(`/youtube/v3/search?part=snippet&q=x&videoCategoryId=10&${KEY}`);
    expect(untyped.status).toBe(400);
    expect(untyped.body.error.errors[0].reason).toBe('invalidSearchFilter');
  });

  it('excludes "-word" terms, as YouTube does', async () => {
    const track = tracksWithTopicUploads(40).find((t) => catalogue.truth.get(t.id)!.uploads.some((u) => u.kind === 'cover'))!;
    const all = await search({ q: songQuery(track), maxResults: '50' });
    const titles = (page: { body: { items: { snippet: { title: string } }[] } }) => page.body.items.map((i) => i.snippet.title);
    expect(titles(all).some((t) => /cover/i.test(t))).toBe(true);
    const without = await search({ q: `${songQuery(track)} -cover`, maxResults: '50' });
    expect(without.body.items.length).toBeGreaterThan(0);
    expect(titles(without).some((t) => /cover/i.test(t))).toBe(false);
  });

  it('checks maxResults against [0, 50]', async () => {
    const { status, body } = await search({ q: 'love', maxResults: '51' });
    expect(status).toBe(400);
    expect(body.error.errors[0]).toMatchObject({ reason: 'invalidParameter', location: 'maxResults' });
  });
});
