// YouTube Data API v3 contract: the discovery document (converted) plus the reference pages' rules.
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from './validate.js';
import { YOUTUBE, youtubeQuotaError, youtubeSearchList, youtubeVideo, youtubeVideoList } from './fixtures.js';

const get = (query: string, headers: Record<string, string> = {}) => validateRequest('youtube', { method: 'GET', url: `${YOUTUBE}${query}`, headers });
const answer = (path: string, status: number, body: unknown, headers?: Record<string, string>) =>
  validateResponse('youtube', { method: 'GET', url: `${YOUTUBE}${path}`, status, body, ...(headers ? { headers } : {}) });

describe('YouTube requests', () => {
  it('accepts the list calls the client makes', () => {
    expect(get('/videos?part=snippet,contentDetails,statistics&id=dQw4w9WgXcQ,9bZkp7q19f0&key=AIzaSyExample')).toEqual([]);
    expect(get('/search?part=snippet&q=never%20gonna&type=video&videoCategoryId=10&maxResults=50&key=k')).toEqual([]);
    expect(get('/channels?part=contentDetails&id=UCuAXFkgsw1L7xaCfnd5JJOw&key=k')).toEqual([]);
    expect(get('/channels?part=snippet&forHandle=%40RickAstleyYT&key=k')).toEqual([]);
    expect(get('/playlistItems?part=snippet,contentDetails&playlistId=UUuAXFkgsw1L7xaCfnd5JJOw&maxResults=50&pageToken=CDIQAA&key=k')).toEqual([]);
  });

  it('accepts repeated parameters both ways and an OAuth token instead of a key', () => {
    expect(get('/videos?part=snippet&part=statistics&id=dQw4w9WgXcQ', { Authorization: 'Bearer ya29.example' })).toEqual([]);
    expect(get('/videos?part=snippet&id=dQw4w9WgXcQ&access_token=ya29.example')).toEqual([]);
  });

  it('needs part, and only resource parts', () => {
    expect(get('/videos?id=dQw4w9WgXcQ&key=k')).toEqual(["missing required query parameter 'part'"]);
    expect(get('/search?part=id,contentDetails&q=x&key=k')).toEqual([
      `query parameter 'part' item 2 must be one of "id", "snippet", got "contentDetails"`,
    ]);
  });

  it('keeps maxResults within the method range (search 0-50, videos 1-50)', () => {
    expect(get('/search?part=snippet&q=x&maxResults=0&key=k')).toEqual([]);
    expect(get('/search?part=snippet&q=x&maxResults=51&key=k')).toEqual(["query parameter 'maxResults' must be <= 50, got 51"]);
    expect(get('/videos?part=snippet&chart=mostPopular&maxResults=0&key=k')).toEqual(["query parameter 'maxResults' must be >= 1, got 0"]);
    expect(get('/playlistItems?part=snippet&playlistId=UUx&maxResults=-1&key=k')).toEqual(["query parameter 'maxResults' must be >= 0, got -1"]);
  });

  it('refuses unknown parameters and wrong enum values', () => {
    expect(get('/videos?part=snippet&id=dQw4w9WgXcQ&key=k&limit=5')).toEqual(["unknown query parameter 'limit'"]);
    expect(get('/search?part=snippet&q=x&order=popularity&key=k')[0]).toMatch(/^query parameter 'order' must be one of .*got "popularity"$/);
  });

  it('needs credentials', () => {
    expect(get('/videos?part=snippet&id=dQw4w9WgXcQ')).toEqual(['missing credentials: key parameter or Authorization: Bearer <token>']);
  });

  it('needs exactly one filter on videos, channels and playlistItems', () => {
    expect(get('/videos?part=snippet&key=k')).toEqual(['youtube.videos.list needs exactly one filter of chart, id, myRating; none given']);
    expect(get('/videos?part=snippet&id=x&chart=mostPopular&key=k')).toEqual([
      'youtube.videos.list takes exactly one filter of chart, id, myRating; got chart, id',
    ]);
    expect(get('/playlistItems?part=snippet&key=k')).toEqual(['youtube.playlistItems.list needs exactly one filter of id, playlistId; none given']);
  });

  it('caps id lists at 50', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `vid${String(i).padStart(8, '0')}`).join(',');
    expect(get(`/videos?part=contentDetails&id=${ids(50)}&key=k`)).toEqual([]);
    expect(get(`/videos?part=contentDetails&id=${ids(51)}&key=k`)).toEqual(["query parameter 'id' has 51 items, at most 50 allowed"]);
  });

  it('applies the search rules of the reference page', () => {
    expect(get('/search?part=snippet&q=x&videoDuration=medium&key=k')).toEqual(["query parameter 'videoDuration' needs type=video"]);
    expect(get('/search?part=snippet&q=x&type=video,channel&videoCategoryId=10&key=k')).toEqual(["query parameter 'videoCategoryId' needs type=video"]);
    expect(get('/search?part=snippet&q=x&type=song&key=k')).toEqual([`query parameter 'type' must be one of "video", "channel", "playlist", got "song"`]);
    expect(get('/search?part=snippet&relatedToVideoId=dQw4w9WgXcQ&type=video&key=k')).toEqual([
      "query parameter 'relatedToVideoId' is no longer supported by youtube.search.list",
    ]);
    expect(get('/search?part=snippet&q=x&publishedAfter=yesterday&key=k')).toEqual([
      `query parameter 'publishedAfter' must match format "date-time", got "yesterday"`,
    ]);
  });

  it('refuses unknown operations', () => {
    expect(get('/songs?part=snippet&key=k')[0]).toMatch(/^unknown operation: no method/);
    expect(validateRequest('youtube', { method: 'PATCH', url: `${YOUTUBE}/videos?part=snippet&key=k` })[0]).toMatch(
      /^unknown operation: PATCH is not defined for \/youtube\/v3\/videos \(defined: (GET|POST|PUT|DELETE)(, (GET|POST|PUT|DELETE)){3}\)$/,
    );
  });
});

describe('YouTube responses', () => {
  it('accepts real-looking answers', () => {
    expect(answer('/videos?part=snippet', 200, youtubeVideoList(), { 'content-type': 'application/json; charset=UTF-8' })).toEqual([]);
    expect(answer('/search?part=snippet', 200, youtubeSearchList())).toEqual([]);
    expect(answer('/videos?part=snippet', 200, youtubeVideoList([]))).toEqual([]);
  });

  it('wants 64-bit counts as strings, like Google sends them', () => {
    const video = youtubeVideo();
    (video.statistics as Record<string, unknown>).viewCount = 1523456789;
    expect(answer('/videos?part=statistics', 200, youtubeVideoList([video]))).toEqual(['/items/0/statistics/viewCount must be string, got number 1523456789']);
    video.statistics.viewCount = '1.5e9';
    expect(answer('/videos?part=statistics', 200, youtubeVideoList([video]))).toEqual([
      '/items/0/statistics/viewCount must match format "google-uint64", got "1.5e9"',
    ]);
  });

  it('reports wrong types, enums, dates and kinds', () => {
    const video = youtubeVideo();
    video.contentDetails.definition = 'uhd';
    video.snippet.publishedAt = '25/10/2009';
    (video.snippet.thumbnails.default as Record<string, unknown>).width = '120';
    video.kind = 'youtube#track';
    expect(answer('/videos?part=snippet', 200, youtubeVideoList([video]))).toEqual([
      '/items/0/contentDetails/definition must be one of "sd", "hd", got "uhd"',
      '/items/0/kind must be "youtube#video", got "youtube#track"',
      '/items/0/snippet/publishedAt must match format "date-time", got "25/10/2009"',
      '/items/0/snippet/thumbnails/default/width must be integer, got string "120"',
    ]);
  });

  it('validates Google error bodies, the quota 403 included', () => {
    expect(answer('/search?part=snippet', 403, youtubeQuotaError())).toEqual([]);
    const noReasons = youtubeQuotaError();
    delete (noReasons.error as Partial<typeof noReasons.error>).errors;
    expect(answer('/search?part=snippet', 403, noReasons)).toEqual(["/error must have required property 'errors'"]);
    expect(answer('/search?part=snippet', 400, youtubeQuotaError())).toEqual(['/error/code is 403 but the HTTP status is 400']);
    expect(answer('/search?part=snippet', 403, 'Forbidden')[0]).toMatch(/^response body is not JSON/);
  });

  it('refuses non-JSON content types and odd statuses', () => {
    expect(answer('/videos?part=snippet', 200, youtubeVideoList(), { 'content-type': 'text/plain' })).toEqual([
      'Content-Type must be application/json, got "text/plain"',
    ]);
    expect(answer('/videos?part=snippet', 304, undefined)).toEqual(['status 304 is not an answer of youtube.videos.list']);
  });
});
