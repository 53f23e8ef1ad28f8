/**
 * The catalogue side of the Web API: single and several-items endpoints with their limits and the
 * development-mode 403 switch, search (limit 10, matching, filters, paging), error shapes, the
 * quota switch, framework faults in Spotify's shape, and request counts per endpoint template.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimTrack } from '../catalogue/types.js';
import { bearer, startSpotify, type SpotifyUnderTest } from './testing.js';

let spotify: SpotifyUnderTest;
let auth: RequestInit;
let tracks: SimTrack[];
beforeAll(async () => {
  spotify = await startSpotify(15111);
  tracks = [...spotify.catalogue.tracks.values()];
});
afterAll(async () => {
  await spotify.stop();
});
beforeEach(async () => {
  spotify.server.reset();
  auth = bearer(await spotify.appToken());
});

const get = (path: string) => spotify.call(path, auth);
const UNKNOWN = '0000000000000000000000';

describe('tracks, albums, artists', () => {
  it('answers a track as TrackObject, with its album and artists', async () => {
    const track = tracks.find((t) => t.artistIds.length > 1)!;
    const { status, body } = await get(`/v1/tracks/${track.id}?market=US`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: track.id, name: track.name, type: 'track', uri: `spotify:track:${track.id}`, duration_ms: track.durationMs, explicit: track.explicit,
      external_ids: { isrc: track.isrc }, external_urls: { spotify: `https://open.spotify.com/track/${track.id}` }, href: `${spotify.api}/tracks/${track.id}`,
      is_playable: true, is_local: false, disc_number: track.discNumber, track_number: track.trackNumber, popularity: track.popularity,
      album: { id: track.albumId, type: 'album', uri: `spotify:album:${track.albumId}` },
    });
    expect(body.artists.map((a: { id: string }) => a.id)).toEqual(track.artistIds);
    expect(body.album.images[0]).toEqual({ url: expect.stringMatching(/^https:\/\/i\.scdn\.co\/image\//), height: 640, width: 640 });
  });

  it('answers several tracks in order, duplicates kept, unknown ids as null; 50 at most', async () => {
    const ids = [tracks[0]!.id, UNKNOWN, tracks[0]!.id, tracks[1]!.id];
    const { body } = await get(`/v1/tracks?ids=${ids.join(',')}`);
    expect(body.tracks.map((t: { id: string } | null) => t?.id ?? null)).toEqual([tracks[0]!.id, null, tracks[0]!.id, tracks[1]!.id]);
    expect((await get(`/v1/tracks?ids=${tracks.slice(0, 50).map((t) => t.id).join(',')}`)).body.tracks).toHaveLength(50);
    const tooMany = await get(`/v1/tracks?ids=${tracks.slice(0, 51).map((t) => t.id).join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({ error: { status: 400, message: 'Too many ids requested' } });
  });

  it('limits several albums to 20 and several artists to 50', async () => {
    const albums = [...spotify.catalogue.albums.keys()];
    const artists = [...spotify.catalogue.artists.keys()];
    expect((await get(`/v1/albums?ids=${albums.slice(0, 20).join(',')}`)).body.albums).toHaveLength(20);
    expect((await get(`/v1/albums?ids=${albums.slice(0, 21).join(',')}`)).status).toBe(400);
    expect((await get(`/v1/artists?ids=${artists.slice(0, 50).join(',')}`)).body.artists).toHaveLength(50);
    expect((await get(`/v1/artists?ids=${artists.slice(0, 51).join(',')}`)).status).toBe(400);
  });

  it('refuses the several-items endpoints with 403 when switched off, single gets still answer', async () => {
    await spotify.call('/_simulator/config', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spotify: { severalItems: false } }) });
    for (const path of [`/v1/tracks?ids=${tracks[0]!.id}`, `/v1/albums?ids=${tracks[0]!.albumId}`, `/v1/artists?ids=${tracks[0]!.artistIds[0]}`]) {
      const refused = await get(path);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ error: { status: 403, message: 'This endpoint is not available to apps in development mode' } });
    }
    expect((await get(`/v1/tracks/${tracks[0]!.id}`)).status).toBe(200);
    expect(spotify.server.stats().provider.severalItemsRefused).toBe(3);
  });

  it('answers 404 for unknown ids and 400 for malformed ones, in Spotify error shape', async () => {
    expect(await get(`/v1/tracks/${UNKNOWN}`)).toMatchObject({ status: 404, body: { error: { status: 404, message: 'Resource not found' } } });
    expect(await get(`/v1/albums/${UNKNOWN}`)).toMatchObject({ status: 404 });
    expect(await get(`/v1/artists/${UNKNOWN}`)).toMatchObject({ status: 404 });
    expect(await get('/v1/tracks/not-an-id')).toMatchObject({ status: 400, body: { error: { status: 400, message: 'invalid id' } } });
    expect(await get(`/v1/tracks?ids=${tracks[0]!.id},bad!`)).toMatchObject({ status: 400 });
    expect(await get('/v1/no-such-endpoint')).toMatchObject({ status: 404, body: { error: { status: 404, message: 'Service not found' } } });
  });

  it('pages an album\'s tracks and an artist\'s albums, with next and previous links', async () => {
    const album = [...spotify.catalogue.albums.values()].find((a) => a.trackIds.length >= 8)!;
    const page = (await get(`/v1/albums/${album.id}/tracks?limit=3&offset=3`)).body;
    expect(page).toMatchObject({ limit: 3, offset: 3, total: album.trackIds.length });
    expect(page.items.map((t: { id: string }) => t.id)).toEqual(album.trackIds.slice(3, 6));
    expect(page.next).toBe(`${spotify.api}/albums/${album.id}/tracks?offset=6&limit=3`);
    expect(page.previous).toBe(`${spotify.api}/albums/${album.id}/tracks?offset=0&limit=3`);
    expect((await get(`/v1/albums/${album.id}/tracks?limit=51`)).status).toBe(400);

    const artistId = album.artistIds[0]!;
    const releases = (await get(`/v1/artists/${artistId}/albums?include_groups=album,single&limit=10`)).body;
    expect(releases.items.length).toBeGreaterThan(0);
    expect(releases.items.every((a: { album_group: string }) => ['album', 'single'].includes(a.album_group))).toBe(true);
    expect((await get(`/v1/artists/${artistId}/albums?limit=11`)).status).toBe(400);
    expect((await get(`/v1/artists/${artistId}/albums?include_groups=bootlegs`)).status).toBe(400);
    const top = (await get(`/v1/artists/${artistId}/top-tracks?market=US`)).body.tracks;
    expect(top.length).toBeGreaterThan(0);
    expect(top.every((t: { artists: { id: string }[] }) => t.artists[0]!.id === artistId)).toBe(true);
  });
});

describe('search', () => {
  it('refuses limits above 10, and requires q and type', async () => {
    expect(await get('/v1/search?q=love&type=track&limit=11')).toMatchObject({ status: 400, body: { error: { status: 400, message: 'Invalid limit' } } });
    expect((await get('/v1/search?q=love&type=track&limit=10')).status).toBe(200);
    expect((await get('/v1/search?type=track')).status).toBe(400);
    expect((await get('/v1/search?q=love')).status).toBe(400);
    expect((await get('/v1/search?q=love&type=podcast')).status).toBe(400);
  });

  it('finds a track by name and artist, ignoring case and accents, most relevant first', async () => {
    const track = tracks.find((t) => /[áéíóúãç]/.test(t.name))!;
    const artist = spotify.catalogue.artists.get(track.artistIds[0]!)!;
    const q = `${track.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()} ${artist.name}`;
    const found = (await get(`/v1/search?q=${encodeURIComponent(q)}&type=track&limit=10`)).body.tracks;
    expect(found.items.map((t: { id: string }) => t.id)).toContain(track.id);
    const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    expect(fold(found.items[0].name).startsWith(fold(track.baseName))).toBe(true);
  });

  it('applies isrc:, track: and artist: filters and pages with next links', async () => {
    const track = tracks[42]!;
    const byIsrc = (await get(`/v1/search?q=${encodeURIComponent(`isrc:${track.isrc}`)}&type=track`)).body.tracks;
    expect(byIsrc.items.length).toBeGreaterThan(0);
    expect(byIsrc.items.every((t: { external_ids: { isrc: string } }) => t.external_ids.isrc === track.isrc)).toBe(true);
    const artist = spotify.catalogue.artists.get(track.artistIds[0]!)!;
    const filtered = (await get(`/v1/search?q=${encodeURIComponent(`track:"${track.baseName}" artist:"${artist.name}"`)}&type=track,artist&limit=5`)).body;
    expect(filtered.tracks.items.map((t: { id: string }) => t.id)).toContain(track.id);
    expect(filtered.artists.items).toEqual([]); // track: does not apply to artists
    const broad = (await get('/v1/search?q=a&type=track&limit=10')).body.tracks;
    expect(broad.total).toBeGreaterThan(10);
    const next = await spotify.call(broad.next.replace(spotify.base, ''), auth);
    expect(next.body.tracks.offset).toBe(10);
    expect(next.body.tracks.items[0].id).not.toBe(broad.items[0].id);
  });

  it('answers albums, artists and playlists as their own paging objects', async () => {
    const artist = spotify.catalogue.artists.get(tracks[0]!.artistIds[0]!)!;
    const body = (await get(`/v1/search?q=${encodeURIComponent(artist.name)}&type=artist,album,playlist&limit=3`)).body;
    expect(body.artists.items[0].id).toBe(artist.id);
    expect(Object.keys(body).sort()).toEqual(['albums', 'artists', 'playlists']);
    for (const key of ['albums', 'artists', 'playlists']) expect(body[key]).toEqual(expect.objectContaining({ href: expect.any(String), limit: 3, offset: 0, total: expect.any(Number), items: expect.any(Array) }));
  });
});

describe('quota, faults and counts', () => {
  it('answers 429 with Retry-After and reason QUOTA_EXCEEDED when the quota is exhausted', async () => {
    spotify.server.configure({ spotify: { quotaExceeded: true, quotaRetryAfterSeconds: 120 } });
    const refused = await get(`/v1/tracks/${tracks[0]!.id}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('120');
    expect(refused.body).toEqual({ error: { status: 429, message: 'The app has exceeded its quota', reason: 'QUOTA_EXCEEDED' } });
    expect((await spotify.form('/api/token', { grant_type: 'client_credentials', client_id: 'simulator-spotify-client', client_secret: 'simulator-spotify-secret' })).status).toBe(200);
  });

  it('dresses framework-made 429s in Spotify\'s body', async () => {
    spotify.server.configure({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
    await get(`/v1/tracks/${tracks[0]!.id}`);
    const limited = await get(`/v1/tracks/${tracks[0]!.id}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toEqual({ error: { status: 429, message: 'API rate limit exceeded' } });
    spotify.server.configure({ rateLimit: null });
    spotify.server.addFaults([{ endpoint: 'GET /v1/tracks/{id}', status: 502 }]);
    expect(await get(`/v1/tracks/${tracks[0]!.id}`)).toMatchObject({ status: 502, body: { error: { status: 502, message: 'Bad gateway' } } });
  });

  it('counts requests per endpoint template', async () => {
    await get(`/v1/tracks/${tracks[0]!.id}`);
    await get(`/v1/tracks/${tracks[1]!.id}`);
    await get(`/v1/tracks?ids=${tracks[2]!.id}`);
    await get('/v1/search?q=x&type=track');
    const requests = (await spotify.call('/_simulator/stats')).body.requests;
    expect(requests).toEqual({ 'POST /api/token': 1, 'GET /v1/tracks/{id}': 2, 'GET /v1/tracks': 1, 'GET /v1/search': 1 });
  });
});
