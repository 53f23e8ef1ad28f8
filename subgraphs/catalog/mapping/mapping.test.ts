/**
 * The mapping engine against the simulators over HTTP, the real Redis and the embedded MongoDB:
 * which candidate source is used and which skipped (exact call counts from the simulators'
 * counters), each outcome, concurrency, and what a provider failure or an exhausted quota does.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { redisKey } from '../../../platform/redis/connection.js';
import { pacificDay } from '../../../providers/quota/pacific-day.js';
import { decideMapping } from './scoring/index.js';
import { useMappingTestbed, type CatalogueTrack, type TruthView } from './testing.js';

const bed = useMappingTestbed({ spotify: 16100, youtube: 16101, genius: 16102, odesli: 16103 });

const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

/** Tracks grouped by their first artist. */
function byArtist(tracks: readonly CatalogueTrack[]): Map<string, CatalogueTrack[]> {
  const groups = new Map<string, CatalogueTrack[]>();
  for (const track of tracks) groups.set(track.artists[0]!.id, [...(groups.get(track.artists[0]!.id) ?? []), track]);
  return groups;
}

/** Tracks Odesli pairs with their own best upload (an Art Track), by artists with no other track in `avoid`. */
async function odesliTracks(): Promise<CatalogueTrack[]> {
  return (await bed.catalogue({ hasOdesli: true, hasAcceptableUpload: true, version: 'studio' })).filter((t) => t.odesliVideoId && t.odesliVideoId === t.bestVideoId);
}

async function acceptable(trackId: string): Promise<string[]> {
  return (await bed.truth(trackId)).truth.acceptableVideoIds;
}

describe('candidate sources, cheapest first', () => {
  it('settles a track on a confident Odesli hint: one videos.list, no Genius, no uploads, no search', async () => {
    const world = await bed.fresh();
    const track = (await odesliTracks())[0]!;
    const doc = await world.service.map(track.id, { priority: 'interactive' });
    expect(doc).toMatchObject({ spotifyTrackId: track.id, status: 'confident', youtubeVideoId: track.odesliVideoId, source: 'odesli' });
    expect(doc.confidence).toBeGreaterThanOrEqual(70);
    expect(await bed.youtubeCalls()).toEqual({ videos: 1, search: 0, playlistItems: 0, channels: 0 });
    expect(await bed.calls('odesli')).toEqual({ 'GET /v1-alpha.1/links': 1 });
    expect(await bed.calls('genius')).toEqual({});
  });

  it('serves a stored mapping without any provider call, and re-maps it when forced', async () => {
    const world = await bed.fresh();
    const track = (await odesliTracks())[1]!;
    const first = await world.service.map(track.id, { priority: 'background' });

    // Another replica with cold caches: anything it asked a provider for would be counted.
    await bed.sims.control.reset();
    const again = await world.replica().map(track.id, { priority: 'background' });
    expect(again).toEqual(first);
    for (const provider of ['spotify', 'youtube', 'genius', 'odesli'] as const) expect(await bed.calls(provider)).toEqual({});
    expect(await world.service.get(track.id)).toEqual(first);
    expect((await world.service.getMany([track.id, 'unknownTrackIdxxxxxxxxx'])).get('unknownTrackIdxxxxxxxxx')).toBeNull();

    const forced = await world.replica().map(track.id, { priority: 'background', force: true });
    expect(forced._id).toEqual(first._id);
    expect(forced.mappedAt.getTime()).toBeGreaterThan(first.mappedAt.getTime());
    // The first mapping taught the artist's Topic channel (the hint sits on it): the re-map lists it, no hint lookup.
    expect(forced.source).toBe('artist-channel');
    expect(await acceptable(track.id)).toContain(forced.youtubeVideoId);
    expect(await bed.youtubeCalls()).toMatchObject({ playlistItems: 1, search: 0 });
    expect(await bed.calls('odesli')).toEqual({});
  });

  it('asks Genius when Odesli has nothing and the artist is unknown: its media link settles the track', async () => {
    const world = await bed.fresh();
    let subject: TruthView | undefined;
    for (const track of await bed.catalogue({ hasOdesli: false, hasGenius: true, hasAcceptableUpload: true, version: 'studio' })) {
      const view = await bed.truth(track.id);
      const link = view.geniusSong?.youtubeVideoId;
      // Genius links the song's Art Track when it has no official video: this track's own.
      if (link && view.truth.bestVideoId === link && view.videos.find((v) => v.id === link)?.kind === 'topic') subject = view;
      if (subject) break;
    }
    if (!subject) throw new Error('no track with a Genius link to its Art Track in this world');

    const doc = await world.service.map(subject.track.id, { priority: 'interactive' });
    expect(doc).toMatchObject({ status: 'confident', source: 'genius', youtubeVideoId: subject.truth.bestVideoId });
    expect(await bed.calls('genius')).toEqual({ 'GET /search': 1, 'GET /songs/{id}': 1 });
    expect(await bed.youtubeCalls()).toEqual({ videos: 1, search: 0, playlistItems: 0, channels: 0 });
    // The link's channel is the artist's Topic channel: learnt for the artist's next tracks.
    expect(await world.store.artistChannels.findOne({ _id: subject.artists[0]!.id })).toMatchObject({ topicChannelId: subject.artists[0]!.topicChannelId });
  });

  it("lists a known artist's Topic uploads once for all its tracks", async () => {
    const world = await bed.fresh();
    const groups = byArtist(await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: true, version: 'studio' }));
    const tracks = [...groups.values()].find((group) => group.length >= 4)!.slice(0, 4);
    await bed.knowChannels(world.store, await bed.truth(tracks[0]!.id));

    const results = await world.service.mapMany(tracks.map((t) => t.id), { priority: 'background' });
    for (const track of tracks) {
      const doc = results.get(track.id);
      if (!doc || doc instanceof Error) throw doc ?? new Error('no result');
      expect(doc).toMatchObject({ status: 'confident', source: 'artist-channel' });
      expect(await acceptable(track.id)).toContain(doc.youtubeVideoId);
    }
    const youtube = await bed.youtubeCalls();
    expect(youtube).toMatchObject({ playlistItems: 1, search: 0, channels: 0 });
    expect(youtube.videos).toBe(1); // the artist's uploads: one batch of ≤ 50
    // The channel is known and its Art Tracks settle every track: no hint lookup at all.
    expect(await bed.calls('genius')).toEqual({});
    expect(await bed.calls('odesli')).toEqual({});
  });

  it("learns an artist's channel from a hint of one track and lists it for the others", async () => {
    const world = await bed.fresh();
    const withoutOdesli = byArtist(await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: true, version: 'studio' }));
    const hinted = (await odesliTracks()).find((t) => (withoutOdesli.get(t.artists[0]!.id)?.length ?? 0) >= 2)!;
    const others = withoutOdesli.get(hinted.artists[0]!.id)!.slice(0, 2);
    const view = await bed.truth(hinted.id);

    const results = await world.service.mapMany([hinted.id, ...others.map((t) => t.id)], { priority: 'background' });
    expect(results.get(hinted.id)).toMatchObject({ source: 'odesli', youtubeVideoId: hinted.odesliVideoId });
    for (const track of others) {
      const doc = results.get(track.id);
      expect(doc).toMatchObject({ status: 'confident', source: 'artist-channel' });
      expect(await acceptable(track.id)).toContain((doc as { youtubeVideoId: string }).youtubeVideoId);
    }
    expect(await world.store.artistChannels.findOne({ _id: view.artists[0]!.id })).toMatchObject({ topicChannelId: view.artists[0]!.topicChannelId });
    expect(await bed.youtubeCalls()).toMatchObject({ playlistItems: 1, search: 0 });
    // One lookup revealed the channel: the artist's other tracks asked Odesli nothing (it allows ten a minute).
    expect(await bed.calls('odesli')).toEqual({ 'GET /v1-alpha.1/links': 1 });
    expect(await bed.calls('genius')).toEqual({});
  });

  it("searches only as a last resort, once per artist: the search reveals the artist's channel for its other tracks", async () => {
    const world = await bed.fresh();
    const groups = byArtist(await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: true, version: 'studio' }));
    // An artist none of whose tracks has a Genius YouTube link: nothing free reveals its channel.
    let tracks: CatalogueTrack[] | undefined;
    for (const group of groups.values()) {
      if (group.length < 3) continue;
      const views = await Promise.all(group.map((t) => bed.truth(t.id)));
      if (views.every((v) => !v.geniusSong?.youtubeVideoId)) {
        tracks = group.slice(0, 3);
        break;
      }
    }
    if (!tracks) throw new Error('no artist without free hints in this world');
    const view = await bed.truth(tracks[0]!.id);

    const results = await world.service.mapMany(tracks.map((t) => t.id), { priority: 'background' });
    const youtube = await bed.youtubeCalls();
    expect(youtube.search).toBe(1);
    expect(youtube.playlistItems).toBe(1);
    expect(await world.store.artistChannels.findOne({ _id: view.artists[0]!.id })).toMatchObject({ topicChannelId: view.artists[0]!.topicChannelId });
    let correct = 0;
    for (const track of tracks) {
      const doc = results.get(track.id);
      if (doc && !(doc instanceof Error) && (await acceptable(track.id)).includes(doc.youtubeVideoId!)) correct++;
    }
    expect(correct).toBe(3);

    // The next track of that artist, another day: its channel is known, no search.
    await bed.sims.control.reset();
    const more = groups.get(view.artists[0]!.id)!.slice(3, 4);
    if (more.length) {
      await world.replica().mapMany(more.map((t) => t.id), { priority: 'background' });
      expect((await bed.youtubeCalls()).search).toBe(0);
    }
  });
});

describe('outcomes', () => {
  it('is unavailable, without searching, when the artist is known and YouTube has nothing of the song', async () => {
    const world = await bed.fresh();
    const candidates = await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: false, version: 'studio' });
    let view: TruthView | undefined;
    for (const track of candidates) {
      const v = await bed.truth(track.id);
      if (v.truth.uploads.length === 0 && !v.geniusSong?.youtubeVideoId) {
        view = v;
        break;
      }
    }
    if (!view) throw new Error('no track without uploads in this world');
    await bed.knowChannels(world.store, view);

    const doc = await world.service.map(view.track.id, { priority: 'interactive' });
    expect(doc).toMatchObject({ status: 'unavailable', youtubeVideoId: null, source: null, alternatives: [], usageCount: 0 });
    expect(doc.confidence).toBe(0);
    expect((await bed.youtubeCalls()).search).toBe(0);
  });

  it('is uncertain with ranked alternatives when the scorer is not sure', async () => {
    // A scorer that doubts everything: the engine must store the choice and the runners-up.
    const doubtful: typeof decideMapping = (track, candidates) => {
      const decision = decideMapping(track, candidates);
      return decision.choice ? { ...decision, outcome: 'uncertain', confidence: 55 } : decision;
    };
    const world = await bed.fresh({ decide: doubtful });
    const groups = byArtist(await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: true }));
    // A track whose song has several faithful uploads on the Topic channel (album, single, compilation...).
    let view: TruthView | undefined;
    for (const group of groups.values()) {
      for (const track of group) {
        const v = await bed.truth(track.id);
        if (v.truth.acceptableVideoIds.filter((id) => v.videos.find((video) => video.id === id)?.kind === 'topic').length >= 2) view = v;
        if (view) break;
      }
      if (view) break;
    }
    if (!view) throw new Error('no track with two Art Tracks in this world');
    await bed.knowChannels(world.store, view);

    const doc = await world.service.map(view.track.id, { priority: 'background' });
    expect(doc.status).toBe('uncertain');
    expect(doc.confidence).toBe(55);
    expect(view.truth.acceptableVideoIds).toContain(doc.youtubeVideoId);
    expect(doc.alternatives.length).toBeGreaterThanOrEqual(1);
    expect(doc.alternatives.every((a) => a.videoId !== doc.youtubeVideoId && a.score >= 40 && a.reasons.length > 0)).toBe(true);
    expect(doc.candidates[0]!.videoId).toBe(doc.youtubeVideoId);
    expect(doc.candidates.length).toBeLessThanOrEqual(10);
  });
});

describe('stored mappings', () => {
  it('serves an unavailable mapping for a week, then maps the track again', async () => {
    let clock = new Date('2026-03-01T12:00:00Z');
    const world = await bed.fresh({ now: () => clock });
    const track = (await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: false, version: 'studio' }))[0]!;
    const first = await world.service.map(track.id, { priority: 'background' });
    expect(first.status).toBe('unavailable');

    clock = new Date('2026-03-07T12:00:00Z');
    await bed.sims.control.reset();
    expect(await world.replica().map(track.id, { priority: 'background' })).toEqual(first);
    expect(await bed.calls('spotify')).toEqual({});

    clock = new Date('2026-03-08T12:00:01Z');
    const again = await world.replica().map(track.id, { priority: 'background' });
    expect(again.mappedAt).toEqual(clock);
    expect(again._id).toEqual(first._id);
    expect(again.createdAt).toEqual(first.createdAt);
  });
});

describe('concurrency and failures', () => {
  it('leaves one document when two replicas map the same track at once', async () => {
    const world = await bed.fresh();
    const track = (await odesliTracks())[2]!;
    const [a, b, c] = await Promise.all([
      world.service.map(track.id, { priority: 'background' }),
      world.service.map(track.id, { priority: 'background' }),
      world.replica().map(track.id, { priority: 'background' }),
    ]);
    expect(await world.store.contentMappings.countDocuments({ spotifyTrackId: track.id })).toBe(1);
    expect(a._id).toEqual(c._id);
    expect(a).toBe(b); // the same process shares one run
  });

  it('propagates QUOTA_EXHAUSTED, keeping the tracks decided before it', async () => {
    const world = await bed.fresh();
    const hinted = (await odesliTracks())[3]!;
    const groups = byArtist(await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: true, version: 'studio' }));
    const needsUploads = [...groups.values()].find((g) => g[0]!.artists[0]!.id !== hinted.artists[0]!.id)![0]!;
    await bed.knowChannels(world.store, await bed.truth(needsUploads.id));
    await bed.sims.control.post('youtube', 'faults', { endpoint: 'GET /youtube/v3/playlistItems', status: 403, reason: 'quotaExceeded' });

    const run = world.service.mapMany([hinted.id, needsUploads.id], { priority: 'background' });
    await expect(run).rejects.toSatisfy((error) => codeOf(error) === 'QUOTA_EXHAUSTED');
    expect(await world.service.get(hinted.id)).toMatchObject({ status: 'confident', source: 'odesli' });
    expect(await world.service.get(needsUploads.id)).toBeNull();
  });

  it('spends quota with the caller’s priority: background stops at the interactive reserve', async () => {
    const world = await bed.fresh();
    const [first, second] = await odesliTracks();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    await redis.set(redisKey('quota', 'youtube', 'units', pacificDay(new Date())), 8_000); // of 10,000; background may use 80 %
    redis.disconnect();
    await expect(world.service.map(first!.id, { priority: 'background' })).rejects.toSatisfy((error) => codeOf(error) === 'QUOTA_EXHAUSTED');
    expect(await world.service.map(second!.id, { priority: 'interactive' })).toMatchObject({ status: 'confident' });
  });

  it('fails only the tracks a provider failure concerns, each with its own error', async () => {
    const world = await bed.fresh();
    const hinted = (await odesliTracks())[4]!;
    const groups = byArtist(await bed.catalogue({ hasOdesli: false, hasAcceptableUpload: true, version: 'studio' }));
    const needsUploads = [...groups.values()].find((g) => g[0]!.artists[0]!.id !== hinted.artists[0]!.id)![0]!;
    await bed.knowChannels(world.store, await bed.truth(needsUploads.id));
    await bed.sims.control.post('youtube', 'faults', { endpoint: 'GET /youtube/v3/playlistItems', status: 500, times: 10 });
    const progress: [number, number][] = [];

    const results = await world.service.mapMany([hinted.id, needsUploads.id, 'not-a-track', '0000000000000000000000'], {
      priority: 'background',
      onProgress: (done, total) => void progress.push([done, total]),
    });
    expect(results.get(hinted.id)).toMatchObject({ status: 'confident' });
    expect(codeOf(results.get(needsUploads.id))).toBe('PROVIDER_UNAVAILABLE');
    expect(codeOf(results.get('not-a-track'))).toBe('BAD_USER_INPUT');
    expect(codeOf(results.get('0000000000000000000000'))).toBe('NOT_FOUND');
    expect(await world.store.contentMappings.countDocuments()).toBe(1);
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);
  });

  it('rejects a malformed track id with BAD_USER_INPUT, writing nothing', async () => {
    const world = await bed.fresh();
    await expect(world.service.map('spotify:track:nope', { priority: 'interactive' })).rejects.toSatisfy((error) => codeOf(error) === 'BAD_USER_INPUT');
    expect(await world.store.contentMappings.countDocuments()).toBe(0);
    for (const provider of ['spotify', 'youtube', 'genius', 'odesli'] as const) expect(await bed.calls(provider)).toEqual({});
  });
});
