/**
 * Every request our provider clients send is one the real API accepts, and every answer they got
 * from the simulators is what the real API documents: the clients are driven through each method
 * (catalogue batches and single gets, search, albums, artists; a user's Spotify library under their
 * token; YouTube videos, search, channels, uploads; Genius; Odesli; the OAuth token endpoints), their
 * traffic recorded on the wire through observeProviderExchanges, and all of it checked against
 * ../shared/apis.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { observeProviderExchanges } from '../http/exchanges.js';
import { createProviders } from '../index.js';
import { authorizeUrl, createPkcePair, exchangeCode, fetchExternalAccount, refreshAccessToken, type OAuthProvider } from '../oauth/index.js';
import { isolatedRedisPrefix } from '../testing/redis-prefix.js';
import { useSimulators } from '../testing/simulators.js';
import { assertExchangesValid, recordExchanges } from './index.js';

const isolation = isolatedRedisPrefix();
const sims = useSimulators({ spotify: 15310, youtube: 15311, genius: 15312, odesli: 15313 }, { env: { SPOTIFY_SEVERAL_ITEMS: 'auto' } });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(async () => {
  redis.disconnect();
  await isolation.cleanup();
});

describe('our clients speak the real APIs', () => {
  it('sends only valid requests and gets only documented answers, across every client method', async () => {
    const recording = recordExchanges(observeProviderExchanges);
    const providers = createProviders(redis);
    try {
      const ids = sims.trackIds().slice(0, 60);
      const tracks = await providers.spotify.tracks(ids.slice(0, 50));
      const single = await providers.spotify.tracks([ids[50]!]);
      const first = tracks.get(ids[0]!)!;
      const artistIds = [...new Set([...tracks.values()].flatMap((t) => t!.artists.map((a) => a.id)))].slice(0, 50);
      const albumIds = [...new Set([...tracks.values()].map((t) => t!.album.id))].slice(0, 20);
      await providers.spotify.artists(artistIds);
      await providers.spotify.albums(albumIds);
      await providers.spotify.albums([albumIds[0]!]);
      await providers.spotify.albumTracks(first.album.id, { limit: 50 });
      await providers.spotify.artistAlbums(first.artists[0]!.id);
      await providers.spotify.artistTopTracks(first.artists[0]!.id);
      for (const types of [['track'], ['album', 'artist'], ['playlist']] as const) {
        await providers.spotify.search(first.name, types, { offset: 10 });
      }
      expect(await providers.spotify.tracks(['0000000000000000000000'])).toEqual(new Map([['0000000000000000000000', null]]));
      expect(single.get(ids[50]!)?.id).toBe(ids[50]);

      const truth = (await sims.control.get<{ truth: { uploads: { videoId: string }[] }; artists: { topicChannelId: string | null; name: string }[] }>(
        'spotify',
        `truth/tracks/${ids[0]}`,
      ));
      const videoIds = truth.truth.uploads.map((u) => u.videoId);
      await providers.youtube.videos(videoIds, 'interactive');
      const page = await providers.youtube.search(`${truth.artists[0]!.name} ${first.name}`, 'interactive', { maxResults: 25 });
      if (page.nextPageToken) await providers.youtube.search(`${truth.artists[0]!.name} ${first.name}`, 'interactive', { maxResults: 25, pageToken: page.nextPageToken });
      const topic = truth.artists.find((a) => a.topicChannelId)!.topicChannelId!;
      const channels = await providers.youtube.channels([topic], 'interactive');
      const uploads = channels.get(topic)?.contentDetails?.relatedPlaylists.uploads;
      expect(uploads).toMatch(/^UU/);
      await providers.loaders('interactive').youtubeUploads.load(uploads!);

      const hits = await providers.genius.search(`${truth.artists[0]!.name} ${first.name}`);
      expect(hits.length).toBeGreaterThan(0);
      await providers.genius.song(hits[0]!.id);
      await providers.genius.song(999_999_999);
      await providers.genius.artistSongs(hits[0]!.primary_artist.id, { perPage: 20 });

      await providers.odesli.spotifyTrack(ids[0]!, 'interactive');
      await providers.odesli.spotifyTrack('0000000000000000000000', 'interactive');

      assertExchangesValid(recording.exchanges);
      const seen = new Set(recording.exchanges.map((e) => `${e.provider} ${e.method} ${new URL(e.url).pathname.replace(/\/[A-Za-z0-9]{22}(?=\/|$)/, '/{id}').replace(/\/\d+(?=\/|$)/, '/{id}')}`));
      expect([...seen].sort()).toEqual(
        expect.arrayContaining([
          'spotify-accounts POST /api/token',
          'spotify GET /v1/tracks',
          'spotify GET /v1/tracks/{id}',
          'spotify GET /v1/artists',
          'spotify GET /v1/albums',
          'spotify GET /v1/albums/{id}',
          'spotify GET /v1/albums/{id}/tracks',
          'spotify GET /v1/artists/{id}/albums',
          'spotify GET /v1/artists/{id}/top-tracks',
          'spotify GET /v1/search',
          'youtube GET /youtube/v3/videos',
          'youtube GET /youtube/v3/search',
          'youtube GET /youtube/v3/channels',
          'youtube GET /youtube/v3/playlistItems',
          'genius GET /search',
          'genius GET /songs/{id}',
          'genius GET /artists/{id}/songs',
          'odesli GET /v1-alpha.1/links',
        ]),
      );
    } finally {
      recording.stop();
      await providers.close();
    }
  });

  it('keeps to the contract when falling back to single gets and when errors come back', async () => {
    const recording = recordExchanges(observeProviderExchanges);
    const providers = createProviders(redis);
    try {
      await sims.control.post('spotify', 'config', { spotify: { severalItems: false } });
      const ids = sims.trackIds().slice(100, 110);
      expect((await providers.spotify.tracks(ids)).size).toBe(10);
      await sims.control.post('spotify', 'faults', { endpoint: 'GET /v1/artists', status: 429, retryAfterSeconds: 1 });
      await providers.spotify.artists(['0000000000000000000000']);
      await sims.control.post('youtube', 'youtube/quota', { unitsUsed: 10_000 });
      await providers.youtube.videos(['aaaaaaaaaaa'], 'interactive').catch(() => undefined);
      expect(recording.exchanges.some((e) => e.status === 403)).toBe(true);
      expect(recording.exchanges.some((e) => e.status === 429)).toBe(true);
      assertExchangesValid(recording.exchanges);
    } finally {
      recording.stop();
      await providers.close();
      await sims.control.reset();
    }
  });

  it("reads a user's Spotify library (playlists, items, saved tracks, refusals) within the contract", async () => {
    const recording = recordExchanges(observeProviderExchanges);
    const providers = createProviders(redis);
    try {
      // A user token the way account linking gets one (the default simulated user and its library).
      const { codeVerifier, codeChallenge } = createPkcePair();
      const redirectUri = 'http://127.0.0.1:4000/account-link/callback';
      const redirect = await fetch(authorizeUrl('spotify', { state: 'contract-library', codeChallenge, redirectUri }), { redirect: 'manual' });
      const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
      const { accessToken } = await exchangeCode('spotify', { code, codeVerifier, redirectUri });
      const other = await sims.control.post<{ playlistIds: string[] }>('spotify', 'spotify/users', {
        id: 'contract-other',
        playlists: [{ name: 'Not yours', public: false, trackIds: sims.trackIds().slice(0, 3) }],
      });

      const lists = await providers.spotifyLibrary.myPlaylists(accessToken);
      const largest = lists.reduce((a, b) => (b.totalItems > a.totalItems ? b : a));
      expect(largest.totalItems).toBeGreaterThan(100);
      await providers.spotifyLibrary.playlist(accessToken, largest.id);
      expect(await providers.spotifyLibrary.playlistItems(accessToken, largest.id)).toHaveLength(largest.totalItems);
      expect((await providers.spotifyLibrary.savedTracks(accessToken)).length).toBeGreaterThan(0);
      await expect(providers.spotifyLibrary.playlist(accessToken, '0000000000000000000000')).rejects.toMatchObject({ status: 404 });
      await expect(providers.spotifyLibrary.playlist(accessToken, other.playlistIds[0]!)).rejects.toMatchObject({ status: 403 });
      await expect(providers.spotifyLibrary.savedTracks('revoked-token')).rejects.toMatchObject({ status: 401 });

      assertExchangesValid(recording.exchanges);
      const seen = new Set(recording.exchanges.map((e) => `${e.provider} ${e.method} ${new URL(e.url).pathname.replace(/\/[A-Za-z0-9]{22}(?=\/|$)/, '/{id}')} ${e.status}`));
      expect([...seen]).toEqual(
        expect.arrayContaining([
          'spotify GET /v1/me/playlists 200',
          'spotify GET /v1/playlists/{id} 200',
          'spotify GET /v1/playlists/{id}/items 200',
          'spotify GET /v1/me/tracks 200',
          'spotify GET /v1/playlists/{id} 404',
          'spotify GET /v1/playlists/{id} 403',
          'spotify GET /v1/me/tracks 401',
        ]),
      );
    } finally {
      recording.stop();
      await providers.close();
      await sims.control.reset();
    }
  });

  it.each(['spotify', 'google'] as const)('links a %s account with valid authorize, token, refresh and profile requests', async (provider: OAuthProvider) => {
    const recording = recordExchanges(observeProviderExchanges);
    try {
      const { codeVerifier, codeChallenge } = createPkcePair();
      const redirectUri = 'http://127.0.0.1:4000/account-link/callback';
      const consent = authorizeUrl(provider, { state: 'contract-state', codeChallenge, redirectUri });
      const redirect = await fetch(consent, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const back = new URL(redirect.headers.get('location')!);
      expect(back.searchParams.get('state')).toBe('contract-state');
      const linked = await exchangeCode(provider, { code: back.searchParams.get('code')!, codeVerifier, redirectUri });
      await fetchExternalAccount(provider, linked.accessToken);
      await refreshAccessToken(provider, linked.refreshToken);
      expect(recording.exchanges.map((e) => e.provider)).toEqual(
        provider === 'spotify' ? ['spotify-accounts', 'spotify', 'spotify-accounts'] : ['google-oauth', 'youtube', 'google-oauth'],
      );
      assertExchangesValid(recording.exchanges);
    } finally {
      recording.stop();
    }
  });
});
