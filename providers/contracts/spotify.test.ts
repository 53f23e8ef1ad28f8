// Spotify Web API contract: requests and responses against the OpenAPI file plus DESIGN.md's limits.
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from './validate.js';
import { spotifyApi } from './spotify.js';
import { SPOTIFY_IDS_LIMITS, SPOTIFY_SEARCH_PAGE_MAX } from './spotify-rules.js';
import { deref, matchOperation } from './openapi.js';
import {
  BEARER,
  SPOTIFY,
  TRACK_IDS,
  spotifyAlbum,
  spotifyError,
  spotifyFullArtist,
  spotifyIds,
  spotifyTrack,
  spotifyTrackSearch,
} from './fixtures.js';

const get = (path: string, headers: Record<string, string> = BEARER) => validateRequest('spotify', { method: 'GET', url: `${SPOTIFY}${path}`, headers });
const answer = (path: string, status: number, body: unknown, headers?: Record<string, string>) =>
  validateResponse('spotify', { method: 'GET', url: `${SPOTIFY}${path}`, status, body, ...(headers ? { headers } : {}) });

describe('Spotify requests', () => {
  it('accepts the catalogue requests the client makes', () => {
    expect(get('/tracks/11dFghVXANMlKmJXsNCbNl?market=ES')).toEqual([]);
    expect(get(`/tracks?ids=${TRACK_IDS.join(',')}`)).toEqual([]);
    expect(get('/albums/4aawyAB9vmqN3uQ7FjRGTy')).toEqual([]);
    expect(get('/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks?limit=50&offset=50')).toEqual([]);
    expect(get('/artists/0TnOYISbd1XYRBk9myaseg/albums?include_groups=album,single&limit=10')).toEqual([]);
    expect(get('/search?q=remaster%20track%3ADoxy%20artist%3AMiles%20Davis&type=track,artist&limit=10&offset=20')).toEqual([]);
  });

  it('refuses unknown operations and methods', () => {
    expect(get('/trackz/11dFghVXANMlKmJXsNCbNl')[0]).toMatch(/^unknown operation: no path/);
    expect(validateRequest('spotify', { method: 'DELETE', url: `${SPOTIFY}/tracks/11dFghVXANMlKmJXsNCbNl`, headers: BEARER })[0]).toMatch(
      /^unknown operation: DELETE is not defined for \/tracks\/\{id\}/,
    );
    expect(validateRequest('spotify', { method: 'GET', url: 'https://api.spotify.com/tracks/11dFghVXANMlKmJXsNCbNl', headers: BEARER })[0]).toMatch(
      /outside the API base path \/v1/,
    );
  });

  it('prefers the literal template: /me/tracks/contains is not /me/tracks/{id}', () => {
    const match = matchOperation(spotifyApi(), 'GET', '/v1/me/tracks/contains');
    expect('op' in match && match.op.template).toBe('/me/tracks/contains');
  });

  it('refuses unknown and duplicated query parameters', () => {
    expect(get('/tracks/11dFghVXANMlKmJXsNCbNl?country=ES')).toEqual(["unknown query parameter 'country'"]);
    expect(get('/tracks/11dFghVXANMlKmJXsNCbNl?market=ES&market=DE')).toEqual(["query parameter 'market' given 2 times, expected once"]);
  });

  it('enforces the several-items limits of DESIGN.md: 50 tracks and artists, 20 albums', () => {
    expect(get(`/tracks?ids=${spotifyIds(50).join(',')}`)).toEqual([]);
    expect(get(`/tracks?ids=${spotifyIds(51).join(',')}`)).toEqual(["query parameter 'ids' has 51 items, at most 50 allowed"]);
    expect(get(`/artists?ids=${spotifyIds(51).join(',')}`)).toEqual(["query parameter 'ids' has 51 items, at most 50 allowed"]);
    expect(get(`/albums?ids=${spotifyIds(20).join(',')}`)).toEqual([]);
    expect(get(`/albums?ids=${spotifyIds(21).join(',')}`)).toEqual(["query parameter 'ids' has 21 items, at most 20 allowed"]);
  });

  it('takes other ids limits from the spec prose', () => {
    expect(get(`/shows?ids=${spotifyIds(51).join(',')}`)).toEqual(["query parameter 'ids' has 51 items, at most 50 allowed"]);
  });

  it('agrees with the spec prose on the pinned limits (a spec update would show here)', () => {
    const api = spotifyApi();
    for (const [key, limit] of Object.entries(SPOTIFY_IDS_LIMITS)) {
      const [method, template] = key.split(' ') as [string, string];
      const operation = (api.doc.paths as Record<string, Record<string, { parameters: unknown[] }>>)[template]?.[method.toLowerCase()];
      const ids = operation?.parameters.map((p) => deref(api.doc, p)).find((p) => p.name === 'ids');
      expect(String((ids?.schema as { description?: string }).description)).toContain(`Maximum: ${limit} IDs`);
    }
  });

  it('refuses malformed, missing or empty ids', () => {
    expect(get('/tracks/not-an-id')).toEqual([`path parameter 'id' must match pattern "^[0-9A-Za-z]{22}$", got "not-an-id"`]);
    expect(get('/tracks')).toEqual(["missing required query parameter 'ids'"]);
    expect(get(`/tracks?ids=${TRACK_IDS[0]},,${TRACK_IDS[1]}`)).toEqual(["query parameter 'ids' has an empty list item"]);
  });

  it('caps search pages at 10 (DESIGN.md) and checks the type list', () => {
    expect(SPOTIFY_SEARCH_PAGE_MAX).toBe(10);
    expect(get('/search?q=doxy&type=track&limit=11')).toEqual(["query parameter 'limit' must be <= 10, got 11"]);
    expect(get('/search?q=doxy&type=track&limit=0')).toEqual(["query parameter 'limit' must be >= 1, got 0"]);
    expect(get('/search?q=doxy&type=track&limit=ten')).toEqual([`query parameter 'limit' must be integer, got "ten"`]);
    expect(get('/search?q=doxy&type=track,song')).toEqual([
      `query parameter 'type' item 2 must be one of "album", "artist", "playlist", "track", "show", "episode", "audiobook", got "song"`,
    ]);
    expect(get('/search?type=track')).toEqual(["missing required query parameter 'q'"]);
    expect(get('/search?q=&type=track')).toEqual(["query parameter 'q' is empty"]);
  });

  it("accepts `query` for `q` on /search, as Spotify's own next links spell it", () => {
    expect(get('/search?offset=10&limit=10&query=cut%20to%20the%20feeling&type=track')).toEqual([]);
    expect(get('/search?query=a&q=b&type=track')).toEqual(["unknown query parameter 'query'"]);
    expect(get('/tracks/11dFghVXANMlKmJXsNCbNl?query=a')).toEqual(["unknown query parameter 'query'"]);
  });

  it('checks what the spec says only in prose: include_groups values, artist albums limit >= 1', () => {
    expect(get('/artists/0TnOYISbd1XYRBk9myaseg/albums?include_groups=album,ep')).toEqual([
      `query parameter 'include_groups' item 2 must be one of "album", "single", "appears_on", "compilation", got "ep"`,
    ]);
    expect(get('/artists/0TnOYISbd1XYRBk9myaseg/albums?limit=0')).toEqual(["query parameter 'limit' must be >= 1, got 0"]);
    expect(get('/artists/0TnOYISbd1XYRBk9myaseg/albums?limit=11')).toEqual(["query parameter 'limit' must be <= 10, got 11"]);
  });

  it('needs a bearer token', () => {
    expect(get('/tracks/11dFghVXANMlKmJXsNCbNl', {})).toEqual(['missing Authorization: Bearer <access token>']);
    expect(get('/tracks/11dFghVXANMlKmJXsNCbNl', { authorization: 'Basic abc=' })).toEqual(['missing Authorization: Bearer <access token>']);
  });

  it('validates JSON request bodies where the spec has one', () => {
    const put = (body: string) =>
      validateRequest('spotify', { method: 'PUT', url: `${SPOTIFY}/me/tracks`, headers: { ...BEARER, 'content-type': 'application/json' }, body });
    expect(put(JSON.stringify({ ids: TRACK_IDS }))).toEqual([]);
    expect(put(JSON.stringify({ ids: 'not-a-list' }))).toEqual(['request body/ids must be array, got string "not-a-list"']);
  });
});

describe('Spotify responses', () => {
  it('accepts real-looking answers', () => {
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 200, spotifyTrack())).toEqual([]);
    expect(answer('/albums/0tGPJ0bkWOUmH7MEOR77qc', 200, spotifyAlbum())).toEqual([]);
    expect(answer('/artists/6sFIWsNpZYqfjUpaCgueju', 200, spotifyFullArtist())).toEqual([]);
    expect(answer(`/tracks?ids=${TRACK_IDS.join(',')}`, 200, { tracks: [spotifyTrack(), spotifyTrack()] })).toEqual([]);
    expect(answer('/search?q=cut&type=track', 200, spotifyTrackSearch())).toEqual([]);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 200, JSON.stringify(spotifyTrack()), { 'content-type': 'application/json; charset=utf-8' })).toEqual([]);
  });

  it('accepts null for unknown ids in several-items answers', () => {
    expect(answer(`/tracks?ids=${TRACK_IDS.join(',')}`, 200, { tracks: [spotifyTrack(), null] })).toEqual([]);
    expect(answer('/artists?ids=x', 200, { artists: [null] })).toEqual([]);
  });

  it('reports a missing required field with its path', () => {
    const track = spotifyTrack();
    delete (track.album as Partial<typeof track.album>).album_type;
    expect(answer(`/tracks?ids=${TRACK_IDS[0]}`, 200, { tracks: [track] })).toEqual(["/tracks/0/album must have required property 'album_type'"]);
  });

  it('reports wrong types and enum values', () => {
    const track = { ...spotifyTrack(), duration_ms: '207959', type: 'song' };
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 200, track)).toEqual([
      '/duration_ms must be integer, got string "207959"',
      '/type must be one of "track", got "song"',
    ]);
    const album = spotifyAlbum();
    album.album_type = 'ep';
    expect(answer('/albums/0tGPJ0bkWOUmH7MEOR77qc', 200, album)).toEqual(['/album_type must be one of "album", "single", "compilation", got "ep"']);
  });

  it('checks paging objects and the 10-item search page', () => {
    const page = spotifyTrackSearch();
    delete (page.tracks as Partial<typeof page.tracks>).next;
    expect(answer('/search?q=cut&type=track', 200, page)).toEqual(["/tracks must have required property 'next'"]);
    const eleven = spotifyTrackSearch(Array.from({ length: 11 }, () => spotifyTrack()));
    expect(answer('/search?q=cut&type=track', 200, eleven)).toEqual(['/tracks/items holds 11 items, search pages hold at most 10']);
  });

  it('validates error answers, declared (401, 429) and undeclared (400, 404) alike', () => {
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 404, spotifyError(404, 'Resource not found'))).toEqual([]);
    expect(answer('/tracks/xyz', 400, spotifyError(400, 'Invalid base62 id'))).toEqual([]);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 401, spotifyError(401, 'The access token expired'))).toEqual([]);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 404, { error: { status: 404 } })).toEqual(["/error must have required property 'message'"]);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 404, { message: 'not found' })).toEqual(["/ must have required property 'error'"]);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 404, spotifyError(400, 'x'))).toEqual(['/error/status is 400 but the HTTP status is 404']);
  });

  it('needs Retry-After seconds on 429 when headers are known', () => {
    const body = spotifyError(429, 'API rate limit exceeded');
    const json = { 'content-type': 'application/json' };
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 429, body, { ...json, 'Retry-After': '3' })).toEqual([]);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 429, body, json)).toEqual(['429 without a Retry-After header']);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 429, body, { ...json, 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' })).toEqual([
      'Retry-After must be whole seconds, got "Wed, 21 Oct 2026 07:28:00 GMT"',
    ]);
  });

  it('refuses statuses the operation cannot answer, empty bodies and non-JSON content types', () => {
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 201, spotifyTrack())).toEqual([
      'status 201 is not a response of GET /tracks/{id} (declared: 200, 401, 403, 429)',
    ]);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 200, undefined)).toEqual(['response body is empty, expected JSON']);
    expect(answer('/tracks/11dFghVXANMlKmJXsNCbNl', 200, spotifyTrack(), { 'content-type': 'text/html' })).toEqual([
      'Content-Type must be application/json, got "text/html"',
    ]);
    expect(answer('/nope', 200, {})[0]).toMatch(/^unknown operation/);
  });
});
