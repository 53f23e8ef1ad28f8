// channels.list and playlistItems.list over HTTP: uploads playlists (a topic channel's uploads are
// all of its artist's topic uploads, newest first, 50 a page), handles, and the not-found shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import type { SimArtist, SimCatalogue } from '../catalogue/types.js';
import { discoveryValidators } from './discovery-schema.js';
import { youtubeSimulator } from './index.js';
import { CHANNEL_PARTS } from './channel-resource.js';
import { PLAYLIST_ITEM_PARTS, PLAYLIST_PARTS } from './playlist-resources.js';
import { startSimulator, type RunningSimulator } from './test-support.js';

const KEY = 'key=simulator-youtube-key';
let catalogue: SimCatalogue;
let sim: RunningSimulator;
let artist: SimArtist; // the artist with the most topic uploads
const schema = discoveryValidators();

beforeAll(async () => {
  catalogue = generateCatalogue({ seed: 1, tracks: 500, artists: 50 });
  sim = await startSimulator(youtubeSimulator, catalogue, 15205);
  const topicCount = (a: SimArtist) => [...catalogue.videos.values()].filter((v) => v.channelId === a.topicChannelId).length;
  artist = [...catalogue.artists.values()].filter((a) => a.topicChannelId).sort((a, b) => topicCount(b) - topicCount(a))[0]!;
});
afterAll(() => sim.close());

describe('channels.list', () => {
  it("gives a channel's uploads playlist, statistics as strings, in the document's shape", async () => {
    const topic = catalogue.channels.get(artist.topicChannelId!)!;
    const { status, body } = await sim.get(`/youtube/v3/channels?part=snippet,contentDetails,statistics&id=${topic.id}&${KEY}`);
    expect(status).toBe(200);
    expect(schema('ChannelListResponse')(body), JSON.stringify(schema('ChannelListResponse').errors)).toBe(true);
    expect(body.items[0]).toMatchObject({
      kind: 'youtube#channel',
      id: topic.id,
      snippet: { title: topic.title },
      contentDetails: { relatedPlaylists: { uploads: topic.uploadsPlaylistId } },
      statistics: { videoCount: expect.stringMatching(/^\d+$/), subscriberCount: expect.stringMatching(/^\d+$/) },
    });
    const byHandle = await sim.get(`/youtube/v3/channels?part=id&forHandle=${encodeURIComponent(body.items[0].snippet.customUrl)}&${KEY}`);
    expect(byHandle.body.items[0].id).toBe(topic.id);
  });

  it('validates with every part asked for, for every kind of channel', async () => {
    const ids = [...catalogue.channels.keys()].slice(0, 50).join(',');
    const { body } = await sim.get(`/youtube/v3/channels?part=${CHANNEL_PARTS.join(',')}&id=${ids}&${KEY}`);
    expect(body.items).toHaveLength(Math.min(50, catalogue.channels.size));
    expect(schema('ChannelListResponse')(body), JSON.stringify(schema('ChannelListResponse').errors)).toBe(true);
  });

  it('leaves items out entirely when nothing matches, and takes at most 50 ids', async () => {
    const { status, body } = await sim.get(`/youtube/v3/channels?part=id&id=UCnobodyxxxxxxxxxxxxxxx&${KEY}`);
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('items');
    expect(body.pageInfo.totalResults).toBe(0);
    const ids = [...catalogue.channels.keys()];
    const many = Array.from({ length: 51 }, (_, i) => ids[i % ids.length]).join(',');
    expect((await sim.get(`/youtube/v3/channels?part=id&id=${many}&${KEY}`)).status).toBe(400);
  });
});

describe('playlistItems.list', () => {
  it("lists all of an artist's topic uploads from the topic channel's uploads playlist, 50 a page, newest first", async () => {
    const topic = catalogue.channels.get(artist.topicChannelId!)!;
    const expected = [...catalogue.videos.values()].filter((v) => v.channelId === topic.id);
    const seen: { id: string; publishedAt: string }[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const { status, body } = await sim.get(
        `/youtube/v3/playlistItems?part=snippet,contentDetails&playlistId=${topic.uploadsPlaylistId}&maxResults=50${pageToken ? `&pageToken=${pageToken}` : ''}&${KEY}`,
      );
      expect(status).toBe(200);
      expect(schema('PlaylistItemListResponse')(body), JSON.stringify(schema('PlaylistItemListResponse').errors)).toBe(true);
      expect(body.items.length).toBeLessThanOrEqual(50);
      expect(body.pageInfo.totalResults).toBe(expected.length);
      for (const item of body.items) {
        expect(item.snippet).toMatchObject({ playlistId: topic.uploadsPlaylistId, channelId: topic.id, resourceId: { kind: 'youtube#video' } });
        seen.push({ id: item.contentDetails.videoId, publishedAt: item.contentDetails.videoPublishedAt });
      }
      pageToken = body.nextPageToken ?? '';
      pages++;
    } while (pageToken);
    expect(seen.map((s) => s.id).sort()).toEqual(expected.map((v) => v.id).sort());
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 50)));
    const dates = seen.map((s) => s.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const { id } of seen) expect(['topic', 'instrumental']).toContain(catalogue.videos.get(id)!.kind);
  });

  it('validates with every part asked for, and lists the uploads playlist itself', async () => {
    const topic = catalogue.channels.get(artist.topicChannelId!)!;
    const items = await sim.get(`/youtube/v3/playlistItems?part=${PLAYLIST_ITEM_PARTS.join(',')}&playlistId=${topic.uploadsPlaylistId}&maxResults=50&${KEY}`);
    expect(schema('PlaylistItemListResponse')(items.body), JSON.stringify(schema('PlaylistItemListResponse').errors)).toBe(true);
    const one = await sim.get(`/youtube/v3/playlistItems?part=contentDetails&id=${items.body.items[0].id}&${KEY}`);
    expect(one.body.items[0].contentDetails.videoId).toBe(items.body.items[0].contentDetails.videoId);
    const playlist = await sim.get(`/youtube/v3/playlists?part=${PLAYLIST_PARTS.join(',')}&id=${topic.uploadsPlaylistId}&${KEY}`);
    expect(schema('PlaylistListResponse')(playlist.body), JSON.stringify(schema('PlaylistListResponse').errors)).toBe(true);
    expect(playlist.body.items[0]).toMatchObject({ id: topic.uploadsPlaylistId, snippet: { channelId: topic.id }, contentDetails: { itemCount: items.body.pageInfo.totalResults } });
  });

  it('answers 404 playlistNotFound for an unknown playlist', async () => {
    const { status, body } = await sim.get(`/youtube/v3/playlistItems?part=id&playlistId=UUnobodyxxxxxxxxxxxxxxx&${KEY}`);
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 404, errors: [{ domain: 'youtube.playlistItem', reason: 'playlistNotFound' }] });
  });
});
