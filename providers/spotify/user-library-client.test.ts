/**
 * The user library client against the Spotify simulator over HTTP, under real user tokens: paging
 * in order with added_at / added_by, saved tracks, playlists, what is skipped, and how refusals,
 * faults and malformed answers reach the caller.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderUnavailableError, QuotaExhaustedError } from '../http/errors.js';
import { ProviderHttp } from '../http/provider-http.js';
import type { SpotifyQuota } from '../quota/spotify-quota.js';
import { startSpotify, type SpotifyUnderTest } from '../simulators/spotify/testing.js';
import { SpotifyAccessRefused, SpotifyPlaylistNotFound, SpotifyUserLibrary, type LibraryPageProgress } from './user-library-client.js';

process.env.LOG_LEVEL ??= 'silent'; // the malformed answers are logged on purpose

let spotify: SpotifyUnderTest;
let trackIds: string[];
let library: SpotifyUserLibrary;
const resilience = { timeoutMs: 5_000, maxRetries: 3, maxRetryAfterMs: 5_000, breakerFailures: 50, halfOpenAfterMs: 1_000, concurrency: 8, queue: 100, backoffBaseMs: 5 };

beforeAll(async () => {
  spotify = await startSpotify(15510);
  trackIds = [...spotify.catalogue.tracks.keys()];
  library = new SpotifyUserLibrary({ apiUrl: spotify.api, http: new ProviderHttp('spotify', resilience) });
});
afterAll(async () => {
  await spotify.stop();
});
beforeEach(() => {
  spotify.server.reset();
});

interface NewPlaylist {
  size: number;
  from?: number;
  public?: boolean;
  collaborative?: boolean;
  description?: string;
}
async function createUser(id: string, playlists: NewPlaylist[], saved = 0): Promise<{ token: string; playlistIds: string[] }> {
  const answer = await spotify.call('/_simulator/spotify/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      playlists: playlists.map((p, i) => ({ name: `Mix ${i + 1}`, description: p.description, public: p.public, collaborative: p.collaborative, trackIds: trackIds.slice(p.from ?? 0, (p.from ?? 0) + p.size) })),
      savedTrackIds: trackIds.slice(1000, 1000 + saved),
    }),
  });
  expect(answer.status).toBe(201);
  return { token: (await spotify.userToken(id)).access_token, playlistIds: answer.body.playlistIds };
}
const requests = (endpoint: string): number => spotify.server.stats().requests[endpoint] ?? 0;
const ITEMS = 'GET /v1/playlists/{playlist_id}/items';

describe('playlists', () => {
  it('reads a 120-item playlist in 3 pages, in order, with added_at and added_by', async () => {
    const { token, playlistIds } = await createUser('ana', [{ size: 120, from: 200 }]);
    const progress: LibraryPageProgress[] = [];
    const entries = await library.playlistItems(token, playlistIds[0]!, (p) => void progress.push(p));
    expect(entries.map((e) => e.trackId)).toEqual(trackIds.slice(200, 320));
    expect(progress).toEqual([{ fetched: 50, total: 120 }, { fetched: 100, total: 120 }, { fetched: 120, total: 120 }]);
    expect(requests(ITEMS)).toBe(3);
    const first = spotify.catalogue.tracks.get(trackIds[200]!)!;
    expect(entries[0]).toEqual({ trackId: first.id, name: first.name, durationMs: first.durationMs, addedAt: expect.any(Date), addedBy: 'ana' });
    // The simulator adds them a minute apart, in order.
    expect(entries[1]!.addedAt.getTime() - entries[0]!.addedAt.getTime()).toBe(60_000);
    expect(entries[119]!.addedAt.getTime() - entries[0]!.addedAt.getTime()).toBe(119 * 60_000);
  });

  it('reads a 500-item playlist whole and in order', async () => {
    const { token, playlistIds } = await createUser('bo', [{ size: 500 }]);
    const entries = await library.playlistItems(token, playlistIds[0]!);
    expect(entries.map((e) => e.trackId)).toEqual(trackIds.slice(0, 500));
    expect(requests(ITEMS)).toBe(10);
  });

  it('summarises a playlist, and lists every playlist of the user across pages', async () => {
    const lists: NewPlaylist[] = Array.from({ length: 53 }, (_, i) => ({ size: 1 + (i % 3), from: i, public: i % 2 === 0 }));
    lists[0] = { size: 7, description: 'for the road', collaborative: true, public: false };
    const { token, playlistIds } = await createUser('cy', lists);
    const one = await library.playlist(token, playlistIds[0]!);
    expect(one).toEqual({ id: playlistIds[0], name: 'Mix 1', description: 'for the road', isPublic: false, collaborative: true, ownerId: 'cy', snapshotId: expect.any(String), totalItems: 7 });
    const all = await library.myPlaylists(token);
    expect(all.map((p) => p.id)).toEqual(playlistIds);
    expect(all[0]).toEqual(one);
    expect(all[1]).toMatchObject({ name: 'Mix 2', description: null, isPublic: false, totalItems: 2 });
    expect(requests('GET /v1/me/playlists')).toBe(2);
  });

  it('prefers `item`, falls back to `track`, and skips local files, episodes and unavailable items', async () => {
    const { token, playlistIds } = await createUser('di', [{ size: 3 }]);
    const track = (id: string) => ({ id, name: `Song ${id}`, duration_ms: 1000, type: 'track', explicit: false, artists: [{ id: 'a', name: 'A' }] });
    const items = [
      { added_at: '2024-05-01T10:00:00Z', added_by: { id: 'di' }, is_local: false, item: track('new'), track: track('old') },
      { added_at: '2024-05-01T10:01:00Z', added_by: { id: 'di' }, is_local: false, track: track('legacy') },
      { added_at: '2024-05-01T10:02:00Z', added_by: { id: 'di' }, is_local: true, item: { id: null, name: 'a file.mp3', duration_ms: 1, type: 'track' } },
      { added_at: '2024-05-01T10:03:00Z', added_by: { id: 'di' }, is_local: false, item: { id: 'ep', type: 'episode', name: 'An episode' } },
      { added_at: '2024-05-01T10:04:00Z', added_by: { id: 'di' }, is_local: false, item: { ...track('dressed'), episode: true } },
      { added_at: '2024-05-01T10:05:00Z', added_by: { id: 'di' }, is_local: false, item: null, track: null },
      { added_at: null, added_by: null, is_local: false, item: track('ancient') },
    ];
    spotify.server.addFaults([{ endpoint: ITEMS, status: 200, body: { href: 'x', items, limit: 50, offset: 0, total: items.length, next: null, previous: null } }]);
    const entries = await library.playlistItems(token, playlistIds[0]!);
    expect(entries.map((e) => [e.trackId, e.addedBy])).toEqual([['new', 'di'], ['legacy', 'di'], ['ancient', null]]);
    expect(entries[0]!.addedAt).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect(Math.abs(entries[2]!.addedAt.getTime() - Date.now())).toBeLessThan(60_000); // no date from Spotify: the time of the read
  });
});

describe('saved tracks', () => {
  it('reads every saved track, most recently saved first, without added_by', async () => {
    const { token } = await createUser('ed', [], 60);
    const progress: LibraryPageProgress[] = [];
    const saved = await library.savedTracks(token, async (p) => void progress.push(p));
    expect(saved.map((s) => s.trackId)).toEqual(trackIds.slice(1000, 1060));
    expect(saved.every((s) => s.addedBy === null)).toBe(true);
    expect(saved[0]!.addedAt.getTime() - saved[1]!.addedAt.getTime()).toBe(3_600_000);
    expect(progress).toEqual([{ fetched: 50, total: 60 }, { fetched: 60, total: 60 }]);
  });

  it('gives an empty library in one call', async () => {
    const { token } = await createUser('fi', []);
    expect(await library.savedTracks(token)).toEqual([]);
    expect(await library.myPlaylists(token)).toEqual([]);
    expect(requests('GET /v1/me/tracks')).toBe(1);
  });
});

describe('refusals', () => {
  it('turns a 404 playlist into SpotifyPlaylistNotFound, for the summary and the items', async () => {
    const { token } = await createUser('gu', []);
    for (const read of [() => library.playlist(token, '0000000000000000000000'), () => library.playlistItems(token, '0000000000000000000000')]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpotifyPlaylistNotFound);
      expect(error).toMatchObject({ status: 404, playlistId: '0000000000000000000000' });
    }
  });

  it("refuses someone else's private playlist, and the items of their public one", async () => {
    const owner = await createUser('ha', [{ size: 3, public: false }, { size: 3, public: true }]);
    const { token } = await createUser('io', []);
    await expect(library.playlist(token, owner.playlistIds[0]!)).rejects.toSatisfy((e) => e instanceof SpotifyAccessRefused && e.reason === 'NOT_ALLOWED' && e.status === 403);
    expect((await library.playlist(token, owner.playlistIds[1]!)).ownerId).toBe('ha');
    await expect(library.playlistItems(token, owner.playlistIds[1]!)).rejects.toSatisfy((e) => e instanceof SpotifyAccessRefused && e.reason === 'NOT_ALLOWED');
  });

  it('tells a refused token from a missing scope', async () => {
    await createUser('ju', [], 2);
    await expect(library.savedTracks(await spotify.appToken())).rejects.toSatisfy((e) => e instanceof SpotifyAccessRefused && e.reason === 'TOKEN_REFUSED' && e.status === 401);
    await expect(library.savedTracks('not-a-token')).rejects.toSatisfy((e) => e instanceof SpotifyAccessRefused && e.reason === 'TOKEN_REFUSED');
    const noLibraryScope = (await spotify.userToken('ju', ['playlist-read-private'])).access_token;
    await expect(library.savedTracks(noLibraryScope)).rejects.toSatisfy((e) => e instanceof SpotifyAccessRefused && e.reason === 'INSUFFICIENT_SCOPE');
  });
});

describe('faults', () => {
  it('retries a transient 500 transparently, mid-playlist', async () => {
    const { token, playlistIds } = await createUser('ka', [{ size: 120 }]);
    spotify.server.addFaults([{ endpoint: ITEMS, status: 500, times: 2 }]);
    const entries = await library.playlistItems(token, playlistIds[0]!);
    expect(entries.map((e) => e.trackId)).toEqual(trackIds.slice(0, 120));
    expect(requests(ITEMS)).toBe(5);
  });

  it('gives SERVER_ERROR when the 500s outlast the retries', async () => {
    const { token } = await createUser('lu', [], 3);
    spotify.server.addFaults([{ endpoint: 'GET /v1/me/tracks', status: 503, times: 10 }]);
    await expect(library.savedTracks(token)).rejects.toMatchObject({ reason: 'SERVER_ERROR' });
  });

  it("spends the app's quota: QUOTA_EXCEEDED blocks at once, without retries", async () => {
    const { token } = await createUser('no', [], 3);
    const marked: (number | undefined)[] = [];
    const quota = { check: async () => undefined, markExceeded: async (ms?: number) => (marked.push(ms), new QuotaExhaustedError('spotify', 'requests', new Date())) };
    const withQuota = new SpotifyUserLibrary({ apiUrl: spotify.api, http: new ProviderHttp('spotify', resilience), quota: quota as unknown as SpotifyQuota });
    await spotify.call('/_simulator/config', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spotify: { quotaExceeded: true } }) });
    await expect(withQuota.savedTracks(token)).rejects.toBeInstanceOf(QuotaExhaustedError);
    expect(marked).toEqual([3_600_000]);
    expect(requests('GET /v1/me/tracks')).toBe(1);
  });

  it('turns a malformed body into MALFORMED_RESPONSE', async () => {
    const { token, playlistIds } = await createUser('mo', [{ size: 3 }]);
    spotify.server.addFaults([{ endpoint: 'GET /v1/playlists/{playlist_id}', match: 'exact', body: 'malformed' }]);
    const error = await library.playlist(token, playlistIds[0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ reason: 'MALFORMED_RESPONSE' });
    // A well-formed JSON body of the wrong shape (a track without its id) is malformed too.
    spotify.server.addFaults([{ endpoint: ITEMS, body: { items: [{ added_at: '2024-05-01T10:00:00Z', item: { type: 'track', name: 'x', duration_ms: 1 } }], total: 1, limit: 50, offset: 0, next: null } }]);
    await expect(library.playlistItems(token, playlistIds[0]!)).rejects.toMatchObject({ reason: 'MALFORMED_RESPONSE' });
  });
});
