// Contract test of the provider simulators: every endpoint they serve is driven with plain fetch
// requests, and each request must be valid per validateRequest and each answer per validateResponse.
// Requests made invalid on purpose (to provoke a 400/401) must be refused by validateRequest too, so
// validator and simulator agree on what the real API refuses; their answers must still be in contract.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type RunningSimulators } from '../simulators/index.js';
import type { ProviderExchange, ProviderName } from './exchange.js';
import { describeRequest } from './exchanges.js';
import { validateRequest, validateResponse } from './validate.js';
import { mediaType } from './wire.js';

const PORTS = { spotify: 15300, youtube: 15301, genius: 15302, odesli: 15303 };
const SPOTIFY_CLIENT = { id: 'simulator-spotify-client', secret: 'simulator-spotify-secret' };
const GOOGLE_CLIENT = { id: 'simulator-google-client', secret: 'simulator-google-secret' };
const YOUTUBE_KEY = 'simulator-youtube-key';
const GENIUS_TOKEN = 'simulator-genius-token';
const REDIRECT_URI = 'http://127.0.0.1:4000/account-link/callback';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** Well-formed Spotify id no catalogue holds. */
const UNKNOWN_SPOTIFY_ID = '0000000000000000000000';

let sims: RunningSimulators;
let appToken: string;

interface Call {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

async function call(provider: ProviderName, url: string, init: Call = {}): Promise<ProviderExchange> {
  const method = init.method ?? 'GET';
  const requestHeaders = init.headers ?? {};
  const res = await fetch(url, { method, headers: requestHeaders, redirect: 'manual', ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await res.text();
  const responseHeaders = Object.fromEntries(res.headers);
  let responseBody: unknown = text === '' ? undefined : text;
  if (text !== '' && (mediaType(responseHeaders['content-type']) ?? '').includes('json')) {
    try {
      responseBody = JSON.parse(text);
    } catch {
      // Kept as text: the validators then report a body that is not JSON.
    }
  }
  return {
    provider,
    method,
    url,
    requestHeaders,
    ...(init.body !== undefined ? { requestBody: init.body } : {}),
    status: res.status,
    responseHeaders,
    responseBody,
  };
}

function requestErrors(x: ProviderExchange): string[] {
  return validateRequest(x.provider, { method: x.method, url: x.url, headers: x.requestHeaders, ...(x.requestBody !== undefined ? { body: x.requestBody } : {}) });
}

function responseErrors(x: ProviderExchange): string[] {
  return validateResponse(x.provider, { method: x.method, url: x.url, status: x.status, body: x.responseBody, headers: x.responseHeaders });
}

const label = (x: ProviderExchange) => `${x.provider}: ${describeRequest(x.method, x.url)} → ${x.status}`;

/** A request the real API accepts, answered with `status` in contract. */
function expectInContract(x: ProviderExchange, status: number): void {
  expect(x.status, `${label(x)}: ${JSON.stringify(x.responseBody)?.slice(0, 300)}`).toBe(status);
  expect(requestErrors(x), `${label(x)} (request)`).toEqual([]);
  expect(responseErrors(x), `${label(x)} (response)`).toEqual([]);
}

/** A request made invalid on purpose: the validator refuses it, the simulator answers `status` in contract. */
function expectRefused(x: ProviderExchange, status: number, requestError: RegExp): void {
  expect(x.status, label(x)).toBe(status);
  expect(requestErrors(x).some((e) => requestError.test(e)), `${label(x)} request errors: ${JSON.stringify(requestErrors(x))}`).toBe(true);
  expect(responseErrors(x), `${label(x)} (response)`).toEqual([]);
}

function json<T>(x: ProviderExchange): T {
  return x.responseBody as T;
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url'); // 64 characters of the unreserved set
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

beforeAll(async () => {
  sims = await startSimulators({ ports: PORTS, tracks: 500, artists: 50 });
  const token = await call('spotify-accounts', `${sims.urls.spotifyAccounts}/api/token`, {
    method: 'POST',
    headers: { ...FORM, authorization: basic(SPOTIFY_CLIENT.id, SPOTIFY_CLIENT.secret) },
    body: 'grant_type=client_credentials',
  });
  expectInContract(token, 200);
  appToken = json<{ access_token: string }>(token).access_token;
});

afterAll(async () => {
  await sims?.stop();
});

const spotify = (path: string, token: string | null = appToken) =>
  call('spotify', `${sims.urls.spotifyApi}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('Spotify Web API simulator', () => {
  const ids = () => ({
    tracks: [...sims.catalogue.tracks.keys()],
    albums: [...sims.catalogue.albums.keys()],
    artists: [...sims.catalogue.artists.keys()],
  });

  it('single gets: track, album, artist, with and without market', async () => {
    const { tracks, albums, artists } = ids();
    expectInContract(await spotify(`/tracks/${tracks[0]}`), 200);
    expectInContract(await spotify(`/tracks/${tracks[1]}?market=US`), 200);
    expectInContract(await spotify(`/albums/${albums[0]}`), 200);
    expectInContract(await spotify(`/albums/${albums[1]}?market=DE`), 200);
    expectInContract(await spotify(`/artists/${artists[0]}`), 200);
  });

  it('several-items gets at their limits, unknown ids included', async () => {
    const { tracks, albums, artists } = ids();
    expectInContract(await spotify(`/tracks?ids=${[...tracks.slice(0, 49), UNKNOWN_SPOTIFY_ID].join(',')}`), 200);
    expectInContract(await spotify(`/albums?ids=${albums.slice(0, 20).join(',')}&market=US`), 200);
    expectInContract(await spotify(`/artists?ids=${[UNKNOWN_SPOTIFY_ID, ...artists.slice(0, 49)].join(',')}`), 200);
  });

  it('album tracks and artist albums, page by page', async () => {
    const { albums, artists } = ids();
    const album = albums.find((id) => (sims.catalogue.albums.get(id)?.trackIds.length ?? 0) > 2)!;
    let page = await spotify(`/albums/${album}/tracks?limit=2&offset=0`);
    for (let pages = 0; pages < 10; pages++) {
      expectInContract(page, 200);
      const next = json<{ next: string | null }>(page).next;
      if (!next) break;
      page = await call('spotify', next, { headers: { authorization: `Bearer ${appToken}` } });
    }
    page = await spotify(`/artists/${artists[0]}/albums?include_groups=album,single,appears_on,compilation&limit=2`);
    for (let pages = 0; pages < 10; pages++) {
      expectInContract(page, 200);
      const next = json<{ next: string | null }>(page).next;
      if (!next) break;
      page = await call('spotify', next, { headers: { authorization: `Bearer ${appToken}` } });
    }
    expectInContract(await spotify(`/artists/${artists[1]}/albums`), 200);
    expectInContract(await spotify(`/artists/${artists[0]}/top-tracks?market=US`), 200);
  });

  it('search per type, and its next page', async () => {
    const track = sims.catalogue.tracks.values().next().value!;
    const artist = sims.catalogue.artists.get(track.artistIds[0]!)!;
    const q = encodeURIComponent(track.baseName.split(' ')[0]!);
    for (const type of ['track', 'album', 'artist', 'playlist', 'show', 'episode', 'audiobook']) {
      expectInContract(await spotify(`/search?q=${q}&type=${type}&limit=10`), 200);
    }
    expectInContract(await spotify(`/search?q=${encodeURIComponent(`track:${track.baseName} artist:"${artist.name}"`)}&type=track,artist,album`), 200);
    const first = await spotify(`/search?q=a&type=track&limit=10&offset=0`);
    expectInContract(first, 200);
    const next = json<{ tracks: { next: string | null } }>(first).tracks.next;
    if (next) expectInContract(await call('spotify', next, { headers: { authorization: `Bearer ${appToken}` } }), 200);
  });

  it('answers 404 and 400 errors in the Web API error shape', async () => {
    expectInContract(await spotify(`/tracks/${UNKNOWN_SPOTIFY_ID}`), 404);
    expectInContract(await spotify(`/albums/${UNKNOWN_SPOTIFY_ID}`), 404);
    expectInContract(await spotify(`/artists/${UNKNOWN_SPOTIFY_ID}/albums`), 404);
    expectRefused(await spotify('/tracks/not-a-spotify-id'), 400, /path parameter 'id' must match pattern/);
    expectRefused(await spotify(`/tracks?ids=${ids().tracks.slice(0, 51).join(',')}`), 400, /has 51 items, at most 50/);
    expectRefused(await spotify(`/albums?ids=${ids().albums.slice(0, 21).join(',')}`), 400, /has 21 items, at most 20/);
    expectRefused(await spotify('/search?q=a&type=track&limit=11'), 400, /'limit' must be <= 10/);
    expectRefused(await spotify(`/artists/${ids().artists[0]}/albums?include_groups=ep`), 400, /'include_groups' must be one of/);
  });

  it('answers 401 without or with a bad token', async () => {
    expectRefused(await spotify(`/tracks/${ids().tracks[0]}`, null), 401, /missing Authorization: Bearer/);
    expectInContract(await spotify(`/tracks/${ids().tracks[0]}`, 'not-a-token-the-simulator-issued'), 401);
  });

  it('answers 403 for several-items when the app may not use them', async () => {
    sims.control.spotify.configure({ spotify: { severalItems: false } });
    try {
      expectInContract(await spotify(`/tracks?ids=${ids().tracks.slice(0, 3).join(',')}`), 403);
      expectInContract(await spotify(`/albums?ids=${ids().albums.slice(0, 3).join(',')}`), 403);
      expectInContract(await spotify(`/artists?ids=${ids().artists.slice(0, 3).join(',')}`), 403);
    } finally {
      sims.control.spotify.configure({ spotify: { severalItems: true } });
    }
  });

  it('answers 429 with Retry-After for an exhausted quota and for rate limits', async () => {
    sims.control.spotify.configure({ spotify: { quotaExceeded: true, quotaRetryAfterSeconds: 30 } });
    try {
      expectInContract(await spotify(`/tracks/${ids().tracks[0]}`), 429);
    } finally {
      sims.control.spotify.configure({ spotify: { quotaExceeded: false } });
    }
    sims.control.spotify.addFaults([{ endpoint: 'GET /v1/search', status: 429, retryAfterSeconds: 2 }]);
    expectInContract(await spotify('/search?q=a&type=track'), 429);
    sims.control.spotify.addFaults([{ endpoint: 'GET /v1/tracks/{id}', status: 503 }]);
    expectInContract(await spotify(`/tracks/${ids().tracks[0]}`), 503);
  });

  it('authorization code with PKCE, refresh, and the user endpoints', async () => {
    const { verifier, challenge } = pkce();
    const authorize = await call(
      'spotify-accounts',
      `${sims.urls.spotifyAccounts}/authorize?${new URLSearchParams({
        client_id: SPOTIFY_CLIENT.id,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        state: 'state-123',
        scope: 'user-read-private user-read-email playlist-read-private playlist-read-collaborative user-library-read',
        code_challenge_method: 'S256',
        code_challenge: challenge,
      })}`,
    );
    expectInContract(authorize, 302);
    const code = new URL(authorize.responseHeaders.location!).searchParams.get('code')!;
    const token = await call('spotify-accounts', `${sims.urls.spotifyAccounts}/api/token`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: SPOTIFY_CLIENT.id, code_verifier: verifier }).toString(),
    });
    expectInContract(token, 200);
    const { refresh_token: refreshToken } = json<{ refresh_token: string }>(token);
    const refreshed = await call('spotify-accounts', `${sims.urls.spotifyAccounts}/api/token`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: SPOTIFY_CLIENT.id }).toString(),
    });
    expectInContract(refreshed, 200);
    const userToken = json<{ access_token: string }>(refreshed).access_token;

    expectInContract(await spotify('/me', userToken), 200);
    const playlists = await spotify('/me/playlists?limit=5', userToken);
    expectInContract(playlists, 200);
    const playlistId = json<{ items: { id: string }[] }>(playlists).items[0]?.id;
    expect(playlistId, 'the simulated user has a playlist').toBeDefined();
    expectInContract(await spotify(`/playlists/${playlistId}`, userToken), 200);
    expectInContract(await spotify(`/playlists/${playlistId}/items?limit=10`, userToken), 200);
    expectInContract(await spotify(`/playlists/${playlistId}/tracks?limit=10`, userToken), 200);
    expectInContract(await spotify('/me/tracks?limit=10&market=US', userToken), 200);
    expectInContract(await spotify('/me', appToken), 401);
  });

  it('refuses bad token requests with OAuth errors', async () => {
    const token = (body: string, headers: Record<string, string> = FORM) =>
      call('spotify-accounts', `${sims.urls.spotifyAccounts}/api/token`, { method: 'POST', headers, body });
    expectInContract(await token('grant_type=client_credentials', { ...FORM, authorization: basic(SPOTIFY_CLIENT.id, 'wrong-secret') }), 400);
    expectInContract(
      await token(new URLSearchParams({ grant_type: 'authorization_code', code: 'never-issued', redirect_uri: REDIRECT_URI, client_id: SPOTIFY_CLIENT.id, code_verifier: pkce().verifier }).toString()),
      400,
    );
    expectRefused(
      await token(new URLSearchParams({ grant_type: 'authorization_code', code: 'never-issued', redirect_uri: REDIRECT_URI, client_id: SPOTIFY_CLIENT.id }).toString()),
      400,
      /missing form field 'code_verifier'/,
    );
  });
});

const youtube = (path: string, headers: Record<string, string> = {}) => call('youtube', `${sims.urls.youtubeApi}${path}`, { headers });
const key = `key=${YOUTUBE_KEY}`;

describe('YouTube Data API simulator', () => {
  it('videos.list by ids, unknown ids included', async () => {
    const videos = [...sims.catalogue.videos.keys()];
    expectInContract(await youtube(`/videos?part=snippet,contentDetails,statistics,status&id=${videos.slice(0, 50).join(',')}&${key}`), 200);
    expectInContract(await youtube(`/videos?part=id&id=${videos[0]},unknownvid1&${key}`), 200);
    expectInContract(await youtube(`/videos?part=snippet&part=contentDetails&id=${videos[1]}&${key}`), 200);
  });

  it('search.list and its next page', async () => {
    const track = sims.catalogue.tracks.values().next().value!;
    const artist = sims.catalogue.artists.get(track.artistIds[0]!)!;
    const first = await youtube(`/search?part=snippet&q=${encodeURIComponent(`${artist.name} ${track.baseName}`)}&type=video&maxResults=10&${key}`);
    expectInContract(first, 200);
    const token = json<{ nextPageToken?: string }>(first).nextPageToken;
    if (token) {
      expectInContract(await youtube(`/search?part=snippet&q=${encodeURIComponent(`${artist.name} ${track.baseName}`)}&type=video&maxResults=10&pageToken=${token}&${key}`), 200);
    }
    expectInContract(await youtube(`/search?part=id&q=${encodeURIComponent(track.baseName)}&type=video&videoCategoryId=10&maxResults=5&${key}`), 200);
    expectInContract(await youtube(`/search?part=snippet&q=${encodeURIComponent(artist.name)}&type=channel&${key}`), 200);
  });

  it('channels.list and the uploads playlist, page by page', async () => {
    const channel = [...sims.catalogue.channels.values()].find((c) => c.kind === 'topic')!;
    expectInContract(await youtube(`/channels?part=snippet,contentDetails,statistics&id=${channel.id}&${key}`), 200);
    expectInContract(await youtube(`/channels?part=id&id=UCunknownunknownunknown1&${key}`), 200);
    let page = await youtube(`/playlistItems?part=snippet,contentDetails&playlistId=${channel.uploadsPlaylistId}&maxResults=2&${key}`);
    for (let pages = 0; pages < 5; pages++) {
      expectInContract(page, 200);
      const token = json<{ nextPageToken?: string }>(page).nextPageToken;
      if (!token) break;
      page = await youtube(`/playlistItems?part=snippet,contentDetails&playlistId=${channel.uploadsPlaylistId}&maxResults=2&pageToken=${token}&${key}`);
    }
    expectInContract(await youtube(`/playlistItems?part=snippet&playlistId=UUnotaplaylistnotaplaylis&${key}`), 404);
  });

  it('answers request errors in Google error format', async () => {
    const video = sims.catalogue.videos.keys().next().value!;
    expectRefused(await youtube(`/videos?id=${video}&${key}`), 400, /missing required query parameter 'part'/);
    expectRefused(await youtube(`/search?part=snippet&q=x&maxResults=51&${key}`), 400, /'maxResults' must be <= 50/);
    expectRefused(await youtube(`/videos?part=snippets&id=${video}&${key}`), 400, /'part' must be one of/);
    expectRefused(await youtube(`/videos?part=snippet&${key}`), 400, /needs exactly one filter/);
    expectRefused(await youtube(`/videos?part=snippet&id=${video}`), 403, /missing credentials/);
    expectInContract(await youtube(`/videos?part=snippet&id=${video}&key=not-a-key`), 400);
  });

  it('answers 403 quotaExceeded when the search bucket and the unit budget are spent', async () => {
    const quota = `${sims.urls.control.youtube}/_simulator/youtube/quota`;
    const post = (body: object) => fetch(quota, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const snapshot = (await (await post({})).json()) as Record<string, unknown>;
    try {
      const searchLimit = Number((snapshot as { searchLimit?: number }).searchLimit ?? 100);
      const unitsLimit = Number((snapshot as { unitsLimit?: number }).unitsLimit ?? 10_000);
      expect((await post({ searchCallsUsed: searchLimit })).status).toBe(200);
      const search = await youtube(`/search?part=snippet&q=anything&type=video&${key}`);
      expectInContract(search, 403);
      expect(JSON.stringify(search.responseBody)).toContain('quotaExceeded');
      expect((await post({ unitsUsed: unitsLimit })).status).toBe(200);
      const videos = await youtube(`/videos?part=id&id=${sims.catalogue.videos.keys().next().value}&${key}`);
      expectInContract(videos, 403);
      expect(JSON.stringify(videos.responseBody)).toContain('quotaExceeded');
    } finally {
      sims.control.youtube.reset();
    }
  });

  it('Google OAuth: consent with PKCE, code exchange, refresh, the user’s channel and playlists, revoke', async () => {
    const { verifier, challenge } = pkce();
    const authorize = await call(
      'google-oauth',
      `${sims.urls.googleAuthorize}?${new URLSearchParams({
        client_id: GOOGLE_CLIENT.id,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'https://www.googleapis.com/auth/youtube.readonly openid email',
        access_type: 'offline',
        prompt: 'consent',
        state: 'g-state',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })}`,
    );
    expectInContract(authorize, 302);
    const code = new URL(authorize.responseHeaders.location!).searchParams.get('code')!;
    const token = await call('google-oauth', sims.urls.googleToken, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: GOOGLE_CLIENT.id,
        client_secret: GOOGLE_CLIENT.secret,
        code_verifier: verifier,
      }).toString(),
    });
    expectInContract(token, 200);
    const { access_token: accessToken, refresh_token: refreshToken } = json<{ access_token: string; refresh_token: string }>(token);
    const refreshed = await call('google-oauth', sims.urls.googleToken, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: GOOGLE_CLIENT.id, client_secret: GOOGLE_CLIENT.secret }).toString(),
    });
    expectInContract(refreshed, 200);

    const bearer = { authorization: `Bearer ${accessToken}` };
    expectInContract(await youtube('/channels?part=snippet,contentDetails&mine=true', bearer), 200);
    expectInContract(await youtube('/playlists?part=snippet,contentDetails&mine=true&maxResults=10', bearer), 200);

    const revokeUrl = sims.urls.googleToken.replace(/\/token$/, '/revoke');
    expectInContract(await call('google-oauth', revokeUrl, { method: 'POST', headers: FORM, body: `token=${encodeURIComponent(refreshToken)}` }), 200);
    expectInContract(await call('google-oauth', revokeUrl, { method: 'POST', headers: FORM, body: 'token=never-issued' }), 400);
    expectInContract(
      await call('google-oauth', sims.urls.googleToken, {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: GOOGLE_CLIENT.id, client_secret: GOOGLE_CLIENT.secret }).toString(),
      }),
      400,
    );
  });
});

const genius = (path: string, headers: Record<string, string> = { authorization: `Bearer ${GENIUS_TOKEN}` }) =>
  call('genius', `${sims.urls.genius}${path}`, { headers });

describe('Genius simulator', () => {
  const song = () => [...sims.catalogue.geniusSongs.values()][0]!;

  it('search, song (every text format), artist, artist songs page by page, album', async () => {
    const { id, title, primaryArtistId } = song();
    expectInContract(await genius(`/search?q=${encodeURIComponent(title)}&per_page=5`), 200);
    expectInContract(await genius(`/search?q=${encodeURIComponent(title)}&page=2&access_token=${GENIUS_TOKEN}`, {}), 200);
    const full = await genius(`/songs/${id}`);
    expectInContract(full, 200);
    for (const format of ['plain', 'html', 'markdown', 'dom']) expectInContract(await genius(`/songs/${id}?text_format=${format}`), 200);
    expectInContract(await genius(`/artists/${primaryArtistId}`), 200);
    let page = 1;
    for (let pages = 0; pages < 5; pages++) {
      const list = await genius(`/artists/${primaryArtistId}/songs?sort=popularity&per_page=2&page=${page}`);
      expectInContract(list, 200);
      const next = json<{ response: { next_page: number | null } }>(list).response.next_page;
      if (next === null) break;
      page = next;
    }
    expectInContract(await genius(`/artists/${primaryArtistId}/songs?sort=release_date`), 200);
    const albumId = json<{ response: { song: { album?: { id: number } | null } } }>(full).response.song.album?.id;
    if (albumId) expectInContract(await genius(`/albums/${albumId}`), 200);
  });

  it('answers errors with meta.status', async () => {
    expectInContract(await genius('/songs/999999999'), 404);
    expectInContract(await genius('/artists/999999999'), 404);
    expectRefused(await genius('/songs/not-a-number'), 404, /path parameter 'id' must be integer/);
    expectRefused(await genius('/search'), 400, /missing required query parameter 'q'/);
    expectRefused(await genius(`/artists/${song().primaryArtistId}/songs?sort=newest`), 400, /'sort' must be one of/);
    expectRefused(await genius(`/songs/${song().id}`, {}), 401, /missing Authorization: Bearer/);
    expectInContract(await genius(`/songs/${song().id}`, { authorization: 'Bearer wrong-token' }), 401);
  });
});

const odesli = (query: string) => call('odesli', `${sims.urls.odesli}/links?${query}`);

describe('Odesli simulator', () => {
  const withVideo = () => [...sims.catalogue.truth.values()].find((t) => t.odesliVideoId)!;
  const unknownToOdesli = () => [...sims.catalogue.truth.values()].find((t) => !t.odesliVideoId);

  it('links by Spotify URL, by platform/type/id and by YouTube URL', async () => {
    const truth = withVideo();
    expectInContract(await odesli(`url=${encodeURIComponent(`https://open.spotify.com/track/${truth.trackId}`)}&userCountry=US`), 200);
    expectInContract(await odesli(`url=${encodeURIComponent(`spotify:track:${truth.trackId}`)}&songIfSingle=true`), 200);
    expectInContract(await odesli(`platform=spotify&type=song&id=${truth.trackId}&userCountry=GB`), 200);
    expectInContract(await odesli(`url=${encodeURIComponent(`https://www.youtube.com/watch?v=${truth.odesliVideoId}`)}`), 200);
    const other = unknownToOdesli();
    if (other) {
      const x = await odesli(`url=${encodeURIComponent(`https://open.spotify.com/track/${other.trackId}`)}`);
      expect([200, 404]).toContain(x.status); // Odesli knows some tracks without a YouTube match
      expectInContract(x, x.status);
    }
  });

  it('answers 404, 400 and 429 as {statusCode, code}', async () => {
    expectInContract(await odesli(`url=${encodeURIComponent(`https://open.spotify.com/track/${UNKNOWN_SPOTIFY_ID}`)}`), 404);
    expectInContract(await odesli(`url=${encodeURIComponent('https://example.com/not-music')}`), 400);
    expectRefused(await odesli('userCountry=US'), 400, /missing required query parameter 'url'/);
    sims.control.odesli.configure({ odesli: { requestsPerMinute: 1 } });
    try {
      sims.control.odesli.reset();
      const url = `url=${encodeURIComponent(`https://open.spotify.com/track/${withVideo().trackId}`)}`;
      expectInContract(await odesli(url), 200);
      const limited = await odesli(url);
      expectInContract(limited, 429);
      expect(limited.responseHeaders['retry-after']).toMatch(/^\d+$/);
    } finally {
      sims.control.odesli.configure({ odesli: { requestsPerMinute: 600 } });
    }
  });
});
