// The Genius simulator over HTTP: bearer auth, the {meta, response} wrapping, song / artist /
// album objects as the OpenAPI document types them (no lyrics text), search relevance over title
// and artist names, artist song lists with sorting and paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import type { SimCatalogue, SimGeniusSong } from '../catalogue/types.js';
import { startSimulator, type RunningSimulator } from '../youtube/test-support.js';
import { geniusSimulator } from './index.js';
import { geniusValidators } from './openapi-schema.js';

const AUTH = { headers: { authorization: 'Bearer simulator-genius-token' } };
let catalogue: SimCatalogue;
let sim: RunningSimulator;
const schema = geniusValidators();
const valid = (name: string, body: unknown) => {
  const validate = schema(name);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
};

beforeAll(async () => {
  catalogue = generateCatalogue({ seed: 1, tracks: 500, artists: 50 });
  sim = await startSimulator(geniusSimulator, catalogue, 15220);
});
afterAll(() => sim.close());

const songs = () => [...catalogue.geniusSongs.values()];
const artistName = (geniusId: number) => catalogue.artists.get(catalogue.geniusArtists.get(geniusId)!.artistId)!.name;
const bare = (song: SimGeniusSong) => song.title.replace(/\s*\(Ft\. [^)]*\)$/, '');

describe('auth', () => {
  it('needs the access token, as a bearer header or an access_token parameter', async () => {
    const id = songs()[0]!.id;
    const missing = await sim.get(`/songs/${id}`);
    expect(missing.status).toBe(401);
    expect(missing.body.meta).toMatchObject({ status: 401, message: expect.stringContaining('access_token') });
    valid('ErrorResponse', missing.body);
    const wrong = await sim.get(`/songs/${id}`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.meta).toMatchObject({ status: 401, error: 'invalid_token' });
    expect((await sim.get(`/songs/${id}?access_token=simulator-genius-token`)).status).toBe(200);
  });
});

describe('framework-made errors', () => {
  it('carry meta.status and a message', () => {
    expect(sim.module.errorBody!({ status: 429, cause: 'rate_limit' })).toEqual({ meta: { status: 429, message: 'Too many requests' } });
    expect(sim.module.errorBody!({ status: 500, message: 'boom', cause: 'fault' })).toEqual({ meta: { status: 500, message: 'boom' } });
  });

  it('refuse settings the simulator does not have', () => {
    expect(() => sim.module.configure!({ accessTokens: [] as string[], perPage: 3 })).toThrow(/perPage/);
    expect(() => sim.module.configure!({ accessTokens: 'x' })).toThrow(/accessTokens/);
  });
});

describe('/songs/:id', () => {
  it('wraps the song in {meta, response} with its metadata, media links and no lyrics', async () => {
    const song = songs().find((s) => s.youtubeVideoId && s.featuredArtistIds.length > 0 && s.pageviews >= 5000) ?? songs().find((s) => s.youtubeVideoId)!;
    const { status, body } = await sim.get(`/songs/${song.id}`, AUTH);
    expect(status).toBe(200);
    valid('SongResponse', body);
    expect(body.meta).toEqual({ status: 200 });
    const result = body.response.song;
    const primary = artistName(song.primaryArtistId);
    expect(result).toMatchObject({
      id: song.id,
      url: song.url,
      title: bare(song),
      primary_artist: { id: song.primaryArtistId, name: primary, api_path: `/artists/${song.primaryArtistId}` },
      release_date: song.releaseDate,
      song_art_image_url: song.songArtImageUrl,
      language: song.language,
      api_path: `/songs/${song.id}`,
    });
    // Genius writes non-breaking spaces after "by".
    const ft = song.featuredArtistIds.length ? ` (Ft. ${song.featuredArtistIds.map(artistName).join(' & ')})` : '';
    if (song.featuredArtistIds.length <= 2) expect(result.full_title).toBe(`${bare(song)} by\u00a0${primary.replace(/ /g, '\u00a0')}${ft}`);
    expect(result.featured_artists.map((a: { id: number }) => a.id)).toEqual(song.featuredArtistIds);
    if (song.featuredArtistIds.length) expect(result.title_with_featured).toMatch(/\(Ft\. .+\)$/);
    expect(result.media).toContainEqual({ provider: 'youtube', start: 0, type: 'video', url: `https://www.youtube.com/watch?v=${song.youtubeVideoId}` });
    expect(JSON.stringify(result)).not.toMatch(/"lyrics"\s*:/);
    expect(result.album.api_path).toMatch(/^\/albums\/\d+$/);
    const album = await sim.get(result.album.api_path, AUTH);
    valid('AlbumResponse', album.body);
    expect(album.body.response.album.name).toBe(result.album.name);
  });

  it('lists no YouTube media for songs without a video, and hides small page counts', async () => {
    const song = songs().find((s) => !s.youtubeVideoId && s.pageviews < 5000)!;
    const { body } = await sim.get(`/songs/${song.id}`, AUTH);
    expect(body.response.song.media.some((m: { provider: string }) => m.provider === 'youtube')).toBe(false);
    expect(body.response.song.stats).not.toHaveProperty('pageviews');
  });

  it('answers 404 in Genius shape for unknown and malformed ids', async () => {
    for (const path of ['/songs/1', '/songs/abc', '/artists/1', '/artists/1/songs']) {
      const { status, body } = await sim.get(path, AUTH);
      expect(status, path).toBe(404);
      expect(body).toEqual({ meta: { status: 404, message: 'Not found' } });
    }
  });

  it('answers descriptions in the text formats asked for', async () => {
    const id = songs()[0]!.id;
    const dom = await sim.get(`/songs/${id}`, AUTH);
    expect(Object.keys(dom.body.response.song.description)).toEqual(['dom']);
    const both = await sim.get(`/songs/${id}?text_format=plain,html`, AUTH);
    expect(Object.keys(both.body.response.song.description).sort()).toEqual(['html', 'plain']);
  });
});

describe('/search', () => {
  it('wraps song hits and finds a song by "artist title"', async () => {
    const sample = songs().filter((_, i) => i % 4 === 0);
    let top = 0;
    for (const song of sample) {
      const { status, body } = await sim.get(`/search?q=${encodeURIComponent(`${artistName(song.primaryArtistId)} ${bare(song)}`)}`, AUTH);
      expect(status).toBe(200);
      const ids = body.response.hits.map((h: { result: { id: number } }) => h.result.id);
      expect(ids.slice(0, 5)).toContain(song.id);
      if (ids[0] === song.id) top++;
    }
    expect(top / sample.length).toBeGreaterThanOrEqual(0.9);
  });

  it('answers the hit shape the document gives, ten hits a page', async () => {
    const song = songs().find((s) => s.pageviews > 10_000)!;
    const { body } = await sim.get(`/search?q=${encodeURIComponent(artistName(song.primaryArtistId))}`, AUTH);
    valid('SearchResponse', body);
    expect(body.response.hits.length).toBeGreaterThan(0);
    expect(body.response.hits.length).toBeLessThanOrEqual(10);
    expect(body.response.hits[0]).toMatchObject({ type: 'song', index: 'song', highlights: [], result: { api_path: expect.stringMatching(/^\/songs\//) } });
    const page = await sim.get(`/search?q=${encodeURIComponent(artistName(song.primaryArtistId))}&per_page=2&page=2`, AUTH);
    expect(page.body.response.hits.map((h: { result: { id: number } }) => h.result.id)).toEqual(
      body.response.hits.slice(2, 4).map((h: { result: { id: number } }) => h.result.id),
    );
    expect((await sim.get('/search?q=', AUTH)).status).toBe(400);
  });
});

describe('/artists', () => {
  it("gives an artist and pages its songs, sorted as asked", async () => {
    const [geniusId, entry] = [...catalogue.geniusArtists].sort(
      ([a], [b]) => songs().filter((s) => s.primaryArtistId === b).length - songs().filter((s) => s.primaryArtistId === a).length,
    )[0]!;
    const artist = await sim.get(`/artists/${geniusId}`, AUTH);
    valid('ArtistResponse', artist.body);
    expect(artist.body.response.artist).toMatchObject({ id: geniusId, name: catalogue.artists.get(entry.artistId)!.name });

    const own = songs().filter((s) => s.primaryArtistId === geniusId || s.featuredArtistIds.includes(geniusId));
    const seen: { id: number; pageviews?: number }[] = [];
    for (let page: number | null = 1; page !== null; ) {
      const { body }: { body: { response: { songs: { id: number; stats: { pageviews?: number } }[]; next_page: number | null } } } = await sim.get(
        `/artists/${geniusId}/songs?sort=popularity&per_page=3&page=${page}`,
        AUTH,
      );
      valid('SongListResponse', body);
      seen.push(...body.response.songs.map((s) => ({ id: s.id, pageviews: s.stats.pageviews })));
      page = body.response.next_page;
    }
    expect(seen.map((s) => s.id).sort()).toEqual(own.map((s) => s.id).sort());
    const views = seen.map((s) => catalogue.geniusSongs.get(s.id)!.pageviews);
    expect([...views].sort((a, b) => b - a)).toEqual(views);

    const byTitle = await sim.get(`/artists/${geniusId}/songs?per_page=50`, AUTH);
    const titles = byTitle.body.response.songs.map((s: { title: string }) => s.title);
    expect([...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))).toEqual(titles);
  });
});
