/**
 * Users' libraries: simulated users made through the control route, /v1/me, playlists and their
 * items with paging, playlist changes for sync, saved tracks, and the token and scope rules.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, startSpotify, type SpotifyUnderTest } from './testing.js';

let spotify: SpotifyUnderTest;
let trackIds: string[];
beforeAll(async () => {
  spotify = await startSpotify(15112);
  trackIds = [...spotify.catalogue.tracks.keys()];
});
afterAll(async () => {
  await spotify.stop();
});
beforeEach(() => {
  spotify.server.reset();
});

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function createUser(id: string, playlistSizes: number[], saved = 0) {
  const answer = await spotify.call('/_simulator/spotify/users', json('POST', {
    id,
    displayName: `Listener ${id}`,
    playlists: playlistSizes.map((size, i) => ({ name: `Mix ${i + 1}`, trackIds: trackIds.slice(i * 200, i * 200 + size) })),
    savedTrackIds: trackIds.slice(1000, 1000 + saved),
  }));
  expect(answer.status).toBe(201);
  return answer.body as { id: string; playlistIds: string[] };
}

describe('simulated users', () => {
  it('creates a user with playlists and saved tracks; their token reads them', async () => {
    const created = await createUser('ana', [120, 3], 7);
    expect(created.playlistIds).toHaveLength(2);
    const token = (await spotify.userToken('ana')).access_token;
    const me = await spotify.call('/v1/me', bearer(token));
    expect(me.body).toMatchObject({ id: 'ana', display_name: 'Listener ana', type: 'user', uri: 'spotify:user:ana' });
    const lists = (await spotify.call('/v1/me/playlists', bearer(token))).body;
    expect(lists.total).toBe(2);
    expect(lists.items[0]).toMatchObject({ id: created.playlistIds[0], name: 'Mix 1', type: 'playlist', owner: { id: 'ana', type: 'user' }, items: { total: 120 }, tracks: { total: 120 } });
    const saved = (await spotify.call('/v1/me/tracks?limit=50', bearer(token))).body;
    expect(saved.total).toBe(7);
    expect(saved.items.map((s: { track: { id: string } }) => s.track.id)).toEqual(trackIds.slice(1000, 1007));
    expect(saved.items[0].added_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('refuses unknown track ids', async () => {
    const answer = await spotify.call('/_simulator/spotify/users', json('POST', { id: 'bo', savedTrackIds: ['0000000000000000000000'] }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain('unknown track ids');
  });
});

describe('playlist items', () => {
  it('pages /items up to 50 and /tracks up to 100, each item with added_at, added_by and the track', async () => {
    const { playlistIds } = await createUser('cy', [120]);
    const token = (await spotify.userToken('cy')).access_token;
    const path = `/v1/playlists/${playlistIds[0]}`;
    const first = (await spotify.call(`${path}/items?limit=50`, bearer(token))).body;
    expect(first).toMatchObject({ total: 120, limit: 50, offset: 0, previous: null });
    expect(first.items[0]).toMatchObject({ added_by: { id: 'cy', type: 'user' }, is_local: false, item: { id: trackIds[0], type: 'track' }, track: { id: trackIds[0] } });
    const last = (await spotify.call(first.next.replace(spotify.base, '').replace('offset=50', 'offset=100'), bearer(token))).body;
    expect(last.items).toHaveLength(20);
    expect(last.next).toBeNull();
    expect((await spotify.call(`${path}/items?limit=51`, bearer(token))).status).toBe(400);
    expect((await spotify.call(`${path}/tracks?limit=100`, bearer(token))).body.items).toHaveLength(100);
    const whole = (await spotify.call(path, bearer(token))).body;
    expect(whole).toMatchObject({ id: playlistIds[0], snapshot_id: expect.any(String), items: { total: 120, limit: 100 }, followers: { total: 0 } });
  });

  it('changes a playlist through the control route: new snapshot, kept tracks keep added_at', async () => {
    const { playlistIds } = await createUser('di', [5]);
    const token = (await spotify.userToken('di')).access_token;
    const path = `/v1/playlists/${playlistIds[0]}`;
    const before = (await spotify.call(path, bearer(token))).body;
    spotify.server.advanceClock(60_000);
    const changed = await spotify.call(`/_simulator/spotify/playlists/${playlistIds[0]}/items`, json('PUT', { trackIds: [trackIds[2], trackIds[500], trackIds[0]] }));
    expect(changed.status).toBe(200);
    const after = (await spotify.call(path, bearer(token))).body;
    expect(after.snapshot_id).toBe(changed.body.snapshotId);
    expect(after.snapshot_id).not.toBe(before.snapshot_id);
    expect(after.items.items.map((i: { track: { id: string } }) => i.track.id)).toEqual([trackIds[2], trackIds[500], trackIds[0]]);
    const addedAt = (items: { added_at: string; track: { id: string } }[], id: string) => items.find((i) => i.track.id === id)!.added_at;
    expect(addedAt(after.items.items, trackIds[2]!)).toBe(addedAt(before.items.items, trackIds[2]!));
    expect(Date.parse(addedAt(after.items.items, trackIds[500]!))).toBeGreaterThan(Date.parse(addedAt(before.items.items, trackIds[0]!)));
  });
});

describe('tokens and scopes', () => {
  it('needs a user token, the right scope, and ownership for /items', async () => {
    const { playlistIds } = await createUser('ed', [4]);
    await createUser('fi', [2]);
    const app = await spotify.appToken();
    expect((await spotify.call('/v1/me/playlists', bearer(app))).body).toEqual({ error: { status: 401, message: 'This request requires user authentication.' } });
    const noScopes = (await spotify.userToken('ed', [])).access_token;
    expect((await spotify.call('/v1/me/tracks', bearer(noScopes))).body).toEqual({ error: { status: 403, message: 'Insufficient client scope' } });
    const other = (await spotify.userToken('fi')).access_token;
    expect((await spotify.call(`/v1/playlists/${playlistIds[0]}/items`, bearer(other))).status).toBe(403);
    expect((await spotify.call(`/v1/playlists/${playlistIds[0]}`, bearer(other))).status).toBe(200); // public playlists can be read
    expect((await spotify.call('/v1/playlists/0000000000000000000000', bearer(other))).status).toBe(404);
  });

  it('starts with the default simulated user and its library after reset', async () => {
    const token = (await spotify.userToken()).access_token;
    expect((await spotify.call('/v1/me', bearer(token))).body.id).toBe('simulator-user');
    const lists = (await spotify.call('/v1/me/playlists?limit=1', bearer(token))).body;
    expect(lists.total).toBe(2);
    expect(lists.next).toBe(`${spotify.api}/me/playlists?offset=1&limit=1`);
  });
});
