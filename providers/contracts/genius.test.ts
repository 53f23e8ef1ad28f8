// Genius contract: the unofficial OpenAPI file, which types fields but requires almost none.
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from './validate.js';
import { BEARER, GENIUS, geniusArtist, geniusSearch, geniusSong } from './fixtures.js';

const get = (path: string, headers: Record<string, string> = BEARER) => validateRequest('genius', { method: 'GET', url: `${GENIUS}${path}`, headers });
const answer = (path: string, status: number, body: unknown) => validateResponse('genius', { method: 'GET', url: `${GENIUS}${path}`, status, body });

describe('Genius requests', () => {
  it('accepts search, song and artist-songs calls', () => {
    expect(get('/search?q=Kendrick%20Lamar%20Alright&per_page=5&page=2')).toEqual([]);
    expect(get('/songs/378195?text_format=plain')).toEqual([]);
    expect(get('/artists/1421')).toEqual([]);
    expect(get('/artists/1421/songs?sort=popularity&per_page=50&page=3')).toEqual([]);
  });

  it('takes the token as a bearer header or as access_token', () => {
    expect(get('/songs/378195?access_token=abc', {})).toEqual([]);
    expect(get('/songs/378195', {})).toEqual(['missing Authorization: Bearer <token> (or access_token parameter)']);
  });

  it('checks parameters against the spec', () => {
    expect(get('/search')).toEqual(["missing required query parameter 'q'"]);
    expect(get('/search?q=x&per_page=6')).toEqual(["query parameter 'per_page' must be <= 5, got 6"]);
    expect(get('/artists/1421/songs?per_page=51')).toEqual(["query parameter 'per_page' must be <= 50, got 51"]);
    expect(get('/artists/1421/songs?page=0')).toEqual(["query parameter 'page' must be >= 1, got 0"]);
    expect(get('/artists/1421/songs?sort=newest')).toEqual([
      `query parameter 'sort' must be one of "title", "popularity", "release_date", got "newest"`,
    ]);
    expect(get('/songs/alright')).toEqual([`path parameter 'id' must be integer, got "alright"`]);
    expect(get('/search?q=x&text_format=plain')).toEqual(["unknown query parameter 'text_format'"]);
    expect(get('/lyrics/378195')[0]).toMatch(/^unknown operation/);
  });
});

describe('Genius responses', () => {
  it('accepts real-looking answers', () => {
    expect(answer('/search?q=alright', 200, geniusSearch())).toEqual([]);
    expect(answer('/songs/378195', 200, { meta: { status: 200 }, response: { song: geniusSong() } })).toEqual([]);
    expect(answer('/artists/1421', 200, { meta: { status: 200 }, response: { artist: geniusArtist() } })).toEqual([]);
    expect(answer('/artists/1421/songs', 200, { meta: { status: 200 }, response: { songs: [geniusSong()], next_page: null } })).toEqual([]);
  });

  it('reports wrong types and formats', () => {
    const song = { ...geniusSong(), id: '378195', url: 'genius.com/Kendrick-lamar-alright-lyrics', release_date: 'March 2015' };
    expect(answer('/songs/378195', 200, { meta: { status: 200 }, response: { song } })).toEqual([
      '/response/song/id must be integer, got string "378195"',
      '/response/song/url must match format "uri", got "genius.com/Kendrick-lamar-alright-lyrics"',
      '/response/song/release_date must match format "date", got "March 2015"',
    ]);
    expect(answer('/artists/1421/songs', 200, { meta: { status: 200 }, response: { songs: [], next_page: '2' } })).toEqual([
      '/response/next_page must be integer, got string "2"',
    ]);
  });

  it('needs meta.status, echoing the HTTP status', () => {
    expect(answer('/songs/378195', 200, { response: { song: geniusSong() } })).toEqual([]); // the spec does not require meta on success
    expect(answer('/songs/1', 404, { meta: { status: 404, message: 'Not found' } })).toEqual([]);
    expect(answer('/songs/1', 404, { meta: { message: 'Not found' } })).toEqual(["/meta must have required property 'status'"]);
    expect(answer('/songs/1', 404, { error: 'not_found' })).toEqual(["/ must have required property 'meta'"]);
    expect(answer('/songs/1', 404, { meta: { status: 200 } })).toEqual(['/meta/status is 200 but the HTTP status is 404']);
    expect(answer('/artists/1/songs', 401, { meta: { status: 401, message: 'invalid token' } })).toEqual([]);
  });
});
