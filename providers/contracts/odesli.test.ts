// Odesli /links: the hand-written rule set from Odesli's public API documentation.
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from './validate.js';
import { ODESLI, odesliLinks } from './fixtures.js';

const SONG = 'https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl';
const get = (query: string) => validateRequest('odesli', { method: 'GET', url: `${ODESLI}/links?${query}` });
const answer = (status: number, body: unknown, headers?: Record<string, string>) =>
  validateResponse('odesli', { method: 'GET', url: `${ODESLI}/links?url=${encodeURIComponent(SONG)}`, status, body, ...(headers ? { headers } : {}) });

describe('Odesli requests', () => {
  it('accepts a lookup by url or by platform, type and id', () => {
    expect(get(`url=${encodeURIComponent(SONG)}&userCountry=US&songIfSingle=true&key=abc`)).toEqual([]);
    expect(get('platform=spotify&type=song&id=11dFghVXANMlKmJXsNCbNl')).toEqual([]);
  });

  it('refuses incomplete or malformed lookups', () => {
    expect(get('userCountry=US')).toEqual(["missing required query parameter 'url' (or platform, type and id)"]);
    expect(get('platform=spotify&id=11dFghVXANMlKmJXsNCbNl')).toEqual(['platform, type and id go together; missing type']);
    expect(get(`url=${encodeURIComponent(SONG)}&userCountry=usa`)).toEqual([`query parameter 'userCountry' must match pattern "^[A-Z]{2}$", got "usa"`]);
    expect(get(`url=${encodeURIComponent(SONG)}&songIfSingle=yes`)).toEqual([`query parameter 'songIfSingle' must be boolean, got "yes"`]);
    expect(get(`url=${encodeURIComponent(SONG)}&country=US`)).toEqual(["unknown query parameter 'country'"]);
    expect(get('url=open.spotify.com/track/x')).toEqual([`query parameter 'url' must match format "uri", got "open.spotify.com/track/x"`]);
    expect(get('platform=myspace&type=song&id=1')[0]).toMatch(/^query parameter 'platform' must be one of/);
    expect(validateRequest('odesli', { method: 'GET', url: `${ODESLI}/link?url=x` })[0]).toMatch(/^unknown operation/);
  });
});

describe('Odesli responses', () => {
  it('accepts a real-looking answer', () => {
    expect(answer(200, odesliLinks(), { 'content-type': 'application/json; charset=utf-8' })).toEqual([]);
  });

  it('reports missing fields and dangling entity ids', () => {
    const body = odesliLinks();
    delete (body as Partial<typeof body>).pageUrl;
    expect(answer(200, body)).toEqual(["/ must have required property 'pageUrl'"]);
    const dangling = odesliLinks();
    dangling.linksByPlatform.youtube.entityUniqueId = 'YOUTUBE_VIDEO::missing';
    expect(answer(200, dangling)).toEqual(['/linksByPlatform/youtube/entityUniqueId "YOUTUBE_VIDEO::missing" is not a key of /entitiesByUniqueId']);
    const badType = odesliLinks();
    (Object.values(badType.entitiesByUniqueId)[0] as { type: string }).type = 'track';
    expect(answer(200, badType)).toEqual(['/entitiesByUniqueId/SPOTIFY_SONG::11dFghVXANMlKmJXsNCbNl/type must be one of "song", "album", got "track"']);
  });

  it('checks error answers', () => {
    expect(answer(404, { statusCode: 404, code: 'could_not_resolve_entity' })).toEqual([]);
    expect(answer(429, { statusCode: 429 })).toEqual([]);
    expect(answer(404, { statusCode: 400 })).toEqual(['/statusCode is 400 but the HTTP status is 404']);
    expect(answer(404, { message: 'not found' })).toEqual(["/ must have required property 'statusCode'"]);
  });
});
