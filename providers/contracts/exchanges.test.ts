// Routing recorded exchanges to their validators, and the readable failure lines.
import { describe, expect, it } from 'vitest';
import type { ProviderExchange } from './exchange.js';
import { assertExchangesValid, checkExchanges, ContractViolationError, describeRequest, recordExchanges } from './exchanges.js';
import { BEARER, SPOTIFY, TRACK_IDS, YOUTUBE, odesliLinks, spotifyTrack, youtubeVideoList } from './fixtures.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function spotifyExchange(body: unknown): ProviderExchange {
  return {
    provider: 'spotify',
    method: 'GET',
    url: `${SPOTIFY}/tracks?ids=${TRACK_IDS.join(',')}`,
    requestHeaders: BEARER,
    status: 200,
    responseHeaders: JSON_HEADERS,
    responseBody: body,
  };
}

describe('checkExchanges', () => {
  it('passes valid traffic of every provider', () => {
    const exchanges: ProviderExchange[] = [
      spotifyExchange({ tracks: [spotifyTrack()] }),
      {
        provider: 'youtube',
        method: 'GET',
        url: `${YOUTUBE}/videos?part=contentDetails&id=dQw4w9WgXcQ&key=k`,
        requestHeaders: {},
        status: 200,
        responseHeaders: JSON_HEADERS,
        responseBody: youtubeVideoList(),
      },
      {
        provider: 'odesli',
        method: 'GET',
        url: `https://api.song.link/v1-alpha.1/links?url=${encodeURIComponent('https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl')}`,
        requestHeaders: {},
        status: 200,
        responseHeaders: JSON_HEADERS,
        responseBody: odesliLinks(),
      },
      {
        provider: 'spotify-accounts',
        method: 'POST',
        url: 'https://accounts.spotify.com/api/token',
        requestHeaders: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('id:secret').toString('base64')}` },
        requestBody: 'grant_type=client_credentials',
        status: 200,
        responseHeaders: JSON_HEADERS,
        responseBody: { access_token: 'BQDx', token_type: 'Bearer', expires_in: 3600 },
      },
    ];
    expect(checkExchanges(exchanges)).toEqual([]);
    expect(assertExchangesValid(exchanges)).toBe(4);
  });

  it('reports request and response failures in readable lines', () => {
    const track = spotifyTrack();
    delete (track.album as Partial<typeof track.album>).album_type;
    const broken = { ...spotifyExchange({ tracks: [track] }), url: `${SPOTIFY}/tracks?ids=${TRACK_IDS.join(',')}&foo=1`, requestHeaders: {} };
    const [failure] = checkExchanges([broken]);
    expect(failure?.errors).toEqual([
      "spotify: GET /v1/tracks?ids=7ouMYWpwJ422jRcDASZB7P,4VqPOruhp5EdPBeR9…&foo=1 (request): unknown query parameter 'foo'",
      'spotify: GET /v1/tracks?ids=7ouMYWpwJ422jRcDASZB7P,4VqPOruhp5EdPBeR9…&foo=1 (request): missing Authorization: Bearer <access token>',
      "spotify: GET /v1/tracks?ids=7ouMYWpwJ422jRcDASZB7P,4VqPOruhp5EdPBeR9…&foo=1 → 200: /tracks/0/album must have required property 'album_type'",
    ]);
    expect(() => assertExchangesValid([broken])).toThrow(ContractViolationError);
    expect(() => assertExchangesValid([broken])).toThrow(/1 provider exchange\(s\) break their contract:\n {2}- spotify: GET/);
  });

  it('masks secrets in the lines', () => {
    expect(describeRequest('get', `${YOUTUBE}/videos?part=id&key=AIzaSecret&id=x`)).toBe('GET /youtube/v3/videos?part=id&key=***&id=x');
  });
});

describe('recordExchanges', () => {
  it('collects what the clients publish until stopped', () => {
    const listeners = new Set<(e: ProviderExchange) => void>();
    const observe = (listener: (e: ProviderExchange) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    };
    const recording = recordExchanges(observe);
    const exchange = spotifyExchange({ tracks: [] });
    for (const l of listeners) l(exchange);
    recording.stop();
    for (const l of listeners) l(exchange);
    expect(recording.exchanges).toEqual([exchange]);
    expect(listeners.size).toBe(0);
  });
});
