/**
 * A playlist's life through the gateway: created (validated, trimmed, defaults), changed field by
 * field and item by item (every edit one version, totals always the sum of the tracks' catalogue
 * lengths), paged with cursors, resolved with catalogue fields, followed, listed, deleted; and
 * saved tracks. Bad input of every kind is BAD_USER_INPUT naming the field, and a stale version
 * CONFLICT with the current one, and neither writes anything (checked in the library's database).
 * Edits ask the catalog (and so Spotify) about their tracks, so the file holds the Spotify
 * simulator's lock: files counting Spotify calls never run beside it.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, register, type SignedIn } from '../harness/client.js';
import {
  addTracks, catalogueTracks, createPlaylist, DELETE, expectError, expectTotals, libraryDb, MOVE, ok, readPlaylist, REMOVE,
  storedPlaylist, UPDATE, type CatalogueTrack, type Item,
} from '../harness/library.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';

let db: pg.Client;
let owner: SignedIn;
let tracks: CatalogueTrack[];
const durations = new Map<string, number>();
const ids = () => tracks.map((track) => track.id);

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  db = await libraryDb();
  owner = await register();
  // Every 9th track, so the sample spans several artists.
  tracks = (await catalogueTracks(12_000, 120)).filter((_, i) => i % 9 === 0).slice(0, 12);
  for (const track of tracks) durations.set(track.id, track.durationMs);
}, LOCK_WAIT_MS + 30_000);
afterAll(async () => {
  await db?.end();
  await releaseSimulatorLock('spotify');
});

const trackOrder = (playlist: Record<string, any>) => (playlist.items.nodes as Item[]).map((item) => item.track.id);
const itemOrder = (playlist: Record<string, any>) => (playlist.items.nodes as Item[]).map((item) => item.id);

describe("a playlist's life", () => {
  it('is created validated, trimmed, with defaults, and updated one version per change', async () => {
    const plain = await createPlaylist(owner.accessToken, { name: '  Road trip  ' });
    expect(plain).toMatchObject({
      name: 'Road trip', description: null, coverImageUrl: null, tags: [], isPublic: false, version: 1, trackCount: 0,
      durationSeconds: 0, followerCount: 0, viewerFollows: false, viewerAccess: 'OWNER', owner: { id: owner.user.id },
    });
    expect(plain.updatedAt).toBe(plain.createdAt);

    const full = await createPlaylist(owner.accessToken, {
      name: 'Full', description: '  For the drive  ', isPublic: true, coverImageUrl: 'https://img.test/c.jpg', tags: ['Chill', ' chill ', 'Road'],
    });
    expect(full).toMatchObject({ description: 'For the drive', isPublic: true, coverImageUrl: 'https://img.test/c.jpg', tags: ['chill', 'road'], version: 1 });

    const steps: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ name: ' Night drive ' }, { name: 'Night drive' }],
      [{ description: 'Songs after dark' }, { description: 'Songs after dark' }],
      [{ coverImageUrl: 'https://img.test/night.png' }, { coverImageUrl: 'https://img.test/night.png' }],
      [{ tags: ['Synth', 'night'] }, { tags: ['synth', 'night'] }],
      [{ isPublic: true }, { isPublic: true }],
      [{ isPublic: false }, { isPublic: false }],
      [{ description: null, coverImageUrl: null }, { description: null, coverImageUrl: null }],
      [{ description: '' }, { description: null }],
    ];
    let previous = plain;
    for (const [input, expected] of steps) {
      const { updatePlaylist } = await ok(UPDATE, { id: plain.id, v: previous.version, input }, owner.accessToken);
      // Only the fields given change.
      const { name, description, coverImageUrl, tags, isPublic } = previous;
      expect(updatePlaylist).toMatchObject({ name, description, coverImageUrl, tags, isPublic, ...expected, version: previous.version + 1 });
      expect(Date.parse(updatePlaylist.updatedAt)).toBeGreaterThanOrEqual(Date.parse(previous.updatedAt));
      expect(updatePlaylist.createdAt).toBe(plain.createdAt);
      previous = updatePlaylist;
    }
    expect(await readPlaylist(owner.accessToken, plain.id)).toMatchObject({ name: 'Night drive', tags: ['synth', 'night'], version: 1 + steps.length });
  });

  it('adds, removes and moves items, keeping totals and positions exact after every edit', async () => {
    const created = await createPlaylist(owner.accessToken, { name: 'Edits' });
    const [a, b, c, d, e] = ids() as [string, string, string, string, string];
    const before = Date.now();
    let p = await addTracks(owner.accessToken, created.id, 1, [a, b, c]);
    expect(p.version).toBe(2);
    expect(trackOrder(p)).toEqual([a, b, c]);
    for (const item of p.items.nodes as Item[]) {
      expect(item.addedBy.id).toBe(owner.user.id);
      expect(Date.parse(item.addedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(item.addedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expectTotals(p, durations);

    // At a position, the same track twice (two items), then past the end (appends).
    p = await addTracks(owner.accessToken, p.id, 2, [d, a], 1);
    expect(trackOrder(p)).toEqual([a, d, a, b, c]);
    expect(new Set(itemOrder(p)).size).toBe(5);
    expectTotals(p, durations);
    p = await addTracks(owner.accessToken, p.id, 3, [e], 99);
    expect(trackOrder(p)).toEqual([a, d, a, b, c, e]);
    expect(p.version).toBe(4);
    expectTotals(p, durations);
    const [i0, i1, i2, i3, i4, i5] = itemOrder(p) as [string, string, string, string, string, string];

    // Remove the first `a` and `d`: the second `a` stays with its id; positions close up.
    p = (await ok(REMOVE, { id: p.id, v: 4, items: [i0, i1] }, owner.accessToken)).removePlaylistItems;
    expect(itemOrder(p)).toEqual([i2, i3, i4, i5]);
    expect(p.version).toBe(5);
    expectTotals(p, durations);

    // Moves: last to the top, then the top past the end (= last), then into the middle.
    p = (await ok(MOVE, { id: p.id, v: 5, item: i5, to: 0 }, owner.accessToken)).movePlaylistItem;
    expect(itemOrder(p)).toEqual([i5, i2, i3, i4]);
    p = (await ok(MOVE, { id: p.id, v: 6, item: i5, to: 50 }, owner.accessToken)).movePlaylistItem;
    expect(itemOrder(p)).toEqual([i2, i3, i4, i5]);
    p = (await ok(MOVE, { id: p.id, v: 7, item: i2, to: 2 }, owner.accessToken)).movePlaylistItem;
    expect(itemOrder(p)).toEqual([i3, i4, i2, i5]);
    expect(p.version).toBe(8);
    expectTotals(p, durations);

    const stored = await readPlaylist(owner.accessToken, p.id);
    expect(itemOrder(stored!)).toEqual([i3, i4, i2, i5]);
    expect(stored).toMatchObject({ version: 8, trackCount: 4, durationSeconds: p.durationSeconds });
    expect(await storedPlaylist(db, p.id)).toMatchObject({ version: 8, track_count: 4, items: 4 });
  });

  it('pages items with cursors and resolves their tracks from the catalogue', async () => {
    const created = await createPlaylist(owner.accessToken, { name: 'Pages' });
    const full = await addTracks(owner.accessToken, created.id, 1, ids());
    const PAGE = `query ($id: ID!, $first: Int, $after: String) { playlist(id: $id) { items(first: $first, after: $after) {
      totalCount edges { cursor node { id position track { id name durationMs artists { name } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    const seen: any[] = [];
    let after: string | null = null;
    for (const [size, hasNextPage] of [[5, true], [5, true], [5, false]] as const) {
      const { items }: { items: any } = (await ok(PAGE, { id: created.id, first: size, after }, owner.accessToken)).playlist;
      expect(items.totalCount).toBe(12);
      expect(items.pageInfo).toMatchObject({ hasNextPage, hasPreviousPage: after !== null, startCursor: items.edges[0].cursor, endCursor: items.edges.at(-1).cursor });
      seen.push(...items.edges.map((edge: any) => edge.node));
      after = items.pageInfo.endCursor;
    }
    expect(seen.map((node) => node.id)).toEqual(itemOrder(full));
    expect(seen.map((node) => node.position)).toEqual([...Array(12).keys()]);
    for (const [i, node] of seen.entries()) {
      expect(node.track).toEqual({ id: tracks[i]!.id, name: tracks[i]!.name, durationMs: tracks[i]!.durationMs, artists: tracks[i]!.artists.map(({ name }) => ({ name })) });
    }
    // Any edge's cursor continues right after it.
    const { items } = (await ok(PAGE, { id: created.id, first: 2, after: null }, owner.accessToken)).playlist;
    const next = (await ok(PAGE, { id: created.id, first: 1, after: items.edges[0].cursor }, owner.accessToken)).playlist.items;
    expect(next.edges[0].node.id).toBe(seen[1].id);

    const foreign = (await ok('query { me { playlists(first: 1) { pageInfo { endCursor } } } }', {}, owner.accessToken)).me.playlists.pageInfo.endCursor;
    const forged = Buffer.from(JSON.stringify(['items', -5])).toString('base64url');
    for (const cursor of ['garbage', foreign, forged, 'x'.repeat(500)]) {
      expectError(await graphql(PAGE, { id: created.id, first: 2, after: cursor }, { token: owner.accessToken }), 'BAD_USER_INPUT', 'after');
    }
    for (const first of [0, 101]) {
      expectError(await graphql(PAGE, { id: created.id, first, after: null }, { token: owner.accessToken }), 'BAD_USER_INPUT', 'first');
    }
  });

  it('is followed and unfollowed idempotently, without a version change', async () => {
    const fan = await register();
    const first = await createPlaylist(owner.accessToken, { name: 'Followed 1', isPublic: true });
    const second = await createPlaylist(owner.accessToken, { name: 'Followed 2', isPublic: true });
    const hidden = await createPlaylist(owner.accessToken, { name: 'Hidden' });
    const FOLLOW = 'mutation ($id: ID!) { followPlaylist(id: $id) { id version followerCount viewerFollows } }';
    const UNFOLLOW = 'mutation ($id: ID!) { unfollowPlaylist(id: $id) { id version followerCount viewerFollows } }';
    const FOLLOWED = 'query ($after: String) { me { followedPlaylists(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }';
    for (let i = 0; i < 2; i++) {
      expect((await ok(FOLLOW, { id: first.id }, fan.accessToken)).followPlaylist).toEqual({ id: first.id, version: 1, followerCount: 1, viewerFollows: true });
    }
    await ok(FOLLOW, { id: second.id }, fan.accessToken);
    expectError(await graphql(FOLLOW, { id: hidden.id }, { token: fan.accessToken }), 'NOT_FOUND');
    expect((await readPlaylist(owner.accessToken, first.id))!).toMatchObject({ followerCount: 1, viewerFollows: false, version: 1 });

    // Most recently followed first, one per page.
    const page1 = (await ok(FOLLOWED, { after: null }, fan.accessToken)).me.followedPlaylists;
    expect(page1).toEqual({ nodes: [{ id: second.id }], pageInfo: { hasNextPage: true, endCursor: expect.any(String) } });
    const page2 = (await ok(FOLLOWED, { after: page1.pageInfo.endCursor }, fan.accessToken)).me.followedPlaylists;
    expect(page2).toEqual({ nodes: [{ id: first.id }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });

    for (let i = 0; i < 2; i++) {
      expect((await ok(UNFOLLOW, { id: first.id }, fan.accessToken)).unfollowPlaylist).toEqual({ id: first.id, version: 1, followerCount: 0, viewerFollows: false });
    }
    expect((await ok(FOLLOWED, { after: null }, fan.accessToken)).me.followedPlaylists.nodes).toEqual([{ id: second.id }]);
    // A followed playlist made private is no longer listed to the follower.
    await ok(UPDATE, { id: second.id, v: 1, input: { isPublic: false } }, owner.accessToken);
    expect((await ok(FOLLOWED, { after: null }, fan.accessToken)).me.followedPlaylists.nodes).toEqual([]);
  });

  it("lists the user's playlists most recently changed first, page by page, and deletes one", async () => {
    const user = await register();
    const [x, y, z] = [await createPlaylist(user.accessToken, { name: 'X' }), await createPlaylist(user.accessToken, { name: 'Y' }), await createPlaylist(user.accessToken, { name: 'Z' })];
    await ok(UPDATE, { id: x.id, v: 1, input: { name: 'X2' } }, user.accessToken);
    const LIST = 'query ($after: String) { me { playlists(first: 2, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } } }';
    const page1 = (await ok(LIST, { after: null }, user.accessToken)).me.playlists;
    expect(page1.nodes).toEqual([{ id: x.id, name: 'X2' }, { id: z.id, name: 'Z' }]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await ok(LIST, { after: page1.pageInfo.endCursor }, user.accessToken)).me.playlists;
    expect(page2).toEqual({ nodes: [{ id: y.id, name: 'Y' }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });

    expect(expectError(await graphql(DELETE, { id: x.id, v: 1 }, { token: user.accessToken }), 'CONFLICT').currentVersion).toBe(2);
    expect((await ok(DELETE, { id: x.id, v: 2 }, user.accessToken)).deletePlaylist).toEqual({ id: x.id });
    expect(await readPlaylist(user.accessToken, x.id)).toBeNull();
    expect(await storedPlaylist(db, x.id)).toBeUndefined();
    expect((await ok(LIST, { after: null }, user.accessToken)).me.playlists.nodes.map((p: { id: string }) => p.id)).toEqual([z.id, y.id]);
    expectError(await graphql(DELETE, { id: x.id, v: 2 }, { token: user.accessToken }), 'NOT_FOUND');
  });
});

describe('saved tracks', () => {
  it('saves and unsaves idempotently, lists newest first page by page, and counts', async () => {
    const user = await register();
    const SAVE = 'mutation ($id: ID!) { saveTrack(trackId: $id) { trackId saved savedTrackCount } }';
    const UNSAVE = 'mutation ($id: ID!) { unsaveTrack(trackId: $id) { trackId saved savedTrackCount } }';
    const SAVED = `query ($after: String) { me { savedTrackCount savedTracks(first: 2, after: $after) {
      totalCount nodes { savedAt track { id name } } pageInfo { hasNextPage endCursor } } } }`;
    const [a, b, c] = tracks as [CatalogueTrack, CatalogueTrack, CatalogueTrack];
    for (const [i, track] of [a, b, c].entries()) {
      expect((await ok(SAVE, { id: track.id }, user.accessToken)).saveTrack).toEqual({ trackId: track.id, saved: true, savedTrackCount: i + 1 });
    }
    expect((await ok(SAVE, { id: a.id }, user.accessToken)).saveTrack.savedTrackCount).toBe(3);
    expectError(await graphql(SAVE, { id: '0000000000000000000000' }, { token: user.accessToken }), 'BAD_USER_INPUT', 'trackId');
    expectError(await graphql(SAVE, { id: 'short' }, { token: user.accessToken }), 'BAD_USER_INPUT', 'trackId');

    const page1 = (await ok(SAVED, { after: null }, user.accessToken)).me;
    expect(page1.savedTrackCount).toBe(3);
    expect(page1.savedTracks.totalCount).toBe(3);
    expect(page1.savedTracks.nodes.map((s: any) => s.track)).toEqual([{ id: c.id, name: c.name }, { id: b.id, name: b.name }]);
    expect(Date.parse(page1.savedTracks.nodes[0].savedAt)).toBeGreaterThanOrEqual(Date.parse(page1.savedTracks.nodes[1].savedAt));
    const page2 = (await ok(SAVED, { after: page1.savedTracks.pageInfo.endCursor }, user.accessToken)).me.savedTracks;
    expect(page2.nodes.map((s: any) => s.track.id)).toEqual([a.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expectError(await graphql(SAVED, { after: 'garbage' }, { token: user.accessToken }), 'BAD_USER_INPUT', 'after');

    for (let i = 0; i < 2; i++) {
      expect((await ok(UNSAVE, { id: b.id }, user.accessToken)).unsaveTrack).toEqual({ trackId: b.id, saved: false, savedTrackCount: 2 });
    }
    expect((await ok(SAVED, { after: null }, user.accessToken)).me.savedTracks.nodes.map((s: any) => s.track.id)).toEqual([c.id, a.id]);
  });
});
