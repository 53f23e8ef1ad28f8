/**
 * What the library refuses, through the gateway: out-of-bounds details, malformed ids, tracks the
 * catalogue does not know, too many tracks at once, a playlist past 10,000 items, items that are not
 * the playlist's, and a stale expectedVersion. Each is one typed error (BAD_USER_INPUT naming the
 * field in `extensions.field`, or CONFLICT with `extensions.currentVersion`), and each leaves the
 * playlist exactly as it was, in the API and in the library's database. Unknown tracks are checked
 * at the catalog (Spotify), so the file holds the Spotify simulator's lock.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, register, type SignedIn } from '../harness/client.js';
import {
  ADD, addTracks, catalogueTracks, CREATE, createPlaylist, DELETE, expectError, libraryDb, MOVE, readPlaylist, REMOVE, seedItems,
  storedPlaylist, UPDATE, type CatalogueTrack, type Item,
} from '../harness/library.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';

let db: pg.Client;
let owner: SignedIn;
let tracks: CatalogueTrack[];
/** A private playlist of three items at version 2, which no test here may change. */
let guarded: { id: string; items: string[] };
let before: Awaited<ReturnType<typeof snapshot>>;

const snapshot = async (id: string) => ({ stored: await storedPlaylist(db, id), read: await readPlaylist(owner.accessToken, id) });
const expectUnchanged = async () => expect(await snapshot(guarded.id)).toEqual(before);
const playlistCount = async () =>
  (await db.query('SELECT count(*)::int AS n FROM playlists WHERE owner_id = $1', [owner.user.id])).rows[0].n as number;
const send = (query: string, variables: Record<string, unknown>) => graphql(query, variables, { token: owner.accessToken });

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  db = await libraryDb();
  owner = await register();
  tracks = await catalogueTracks(12_500, 5);
  const created = await createPlaylist(owner.accessToken, { name: 'Guarded', description: 'Keep out', tags: ['safe'] });
  const added = await addTracks(owner.accessToken, created.id, 1, tracks.slice(0, 3).map((t) => t.id));
  guarded = { id: created.id, items: added.items.nodes.map((item: Item) => item.id) };
  before = await snapshot(guarded.id);
  expect(before.stored).toMatchObject({ version: 2, track_count: 3, items: 3 });
}, LOCK_WAIT_MS + 30_000);
afterAll(async () => {
  await db?.end();
  await releaseSimulatorLock('spotify');
});

const BAD_DETAILS: [Record<string, unknown>, string][] = [
  [{ name: '' }, 'input.name'],
  [{ name: '    ' }, 'input.name'],
  [{ name: 'n'.repeat(101) }, 'input.name'],
  [{ description: 'd'.repeat(301) }, 'input.description'],
  [{ coverImageUrl: 'http://img.test/cover.jpg' }, 'input.coverImageUrl'],
  [{ coverImageUrl: 'ftp://img.test/cover.jpg' }, 'input.coverImageUrl'],
  [{ coverImageUrl: 'not a url' }, 'input.coverImageUrl'],
  [{ coverImageUrl: `https://img.test/${'c'.repeat(2000)}` }, 'input.coverImageUrl'],
  [{ tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }, 'input.tags'],
  [{ tags: ['fine', 't'.repeat(31)] }, 'input.tags.1'],
  [{ tags: ['fine', '   '] }, 'input.tags.1'],
];

describe('bad input is BAD_USER_INPUT naming the field, and writes nothing', () => {
  it('refuses out-of-bounds details when creating and updating', async () => {
    const count = await playlistCount();
    for (const [input, field] of BAD_DETAILS) {
      expectError(await send(CREATE, { input: { name: 'Fine', ...input } }), 'BAD_USER_INPUT', field);
      expectError(await send(UPDATE, { id: guarded.id, v: 2, input }), 'BAD_USER_INPUT', field);
    }
    expectError(await send(UPDATE, { id: guarded.id, v: 2, input: {} }), 'BAD_USER_INPUT', 'input');
    expectError(await send(UPDATE, { id: guarded.id, v: 2, input: { isPublic: null } }), 'BAD_USER_INPUT', 'input.isPublic');
    expect(await playlistCount()).toBe(count);
    await expectUnchanged();

    // The bounds themselves are accepted.
    const tags = Array.from({ length: 20 }, (_, i) => `${i}`.padStart(30, 't'));
    const edge = await createPlaylist(owner.accessToken, { name: 'n'.repeat(100), description: 'd'.repeat(300), tags, coverImageUrl: `https://i.test/${'c'.repeat(1980)}` });
    expect(edge).toMatchObject({ name: 'n'.repeat(100), description: 'd'.repeat(300), tags, version: 1 });
  });

  it('refuses malformed ids and out-of-range numbers', async () => {
    const [a, b] = tracks as [CatalogueTrack, CatalogueTrack];
    const cases: [string, Record<string, unknown>, string][] = [
      [UPDATE, { id: 'not-a-uuid', v: 2, input: { name: 'x' } }, 'id'],
      [UPDATE, { id: guarded.id, v: 0, input: { name: 'x' } }, 'expectedVersion'],
      [DELETE, { id: 'not-a-uuid', v: 2 }, 'id'],
      [ADD, { id: 'not-a-uuid', v: 2, tracks: [a.id] }, 'playlistId'],
      [ADD, { id: guarded.id, v: 2, tracks: ['short'] }, 'trackIds.0'],
      [ADD, { id: guarded.id, v: 2, tracks: [a.id, `${b.id.slice(0, 21)}-`] }, 'trackIds.1'],
      [ADD, { id: guarded.id, v: 2, tracks: [a.id], at: -1 }, 'position'],
      [ADD, { id: guarded.id, v: -3, tracks: [a.id] }, 'expectedVersion'],
      [REMOVE, { id: guarded.id, v: 2, items: ['nope'] }, 'itemIds.0'],
      [REMOVE, { id: guarded.id, v: 2, items: [] }, 'itemIds'],
      [MOVE, { id: guarded.id, v: 2, item: 'nope', to: 0 }, 'itemId'],
      [MOVE, { id: guarded.id, v: 2, item: guarded.items[0], to: -1 }, 'toPosition'],
    ];
    for (const [query, variables, field] of cases) expectError(await send(query, variables), 'BAD_USER_INPUT', field);
    expectError(await send('query { playlist(id: "not-a-uuid") { id } }', {}), 'BAD_USER_INPUT', 'id');
    // Not malformed: UUIDs are case-insensitive, so an upper-case id names the same playlist.
    const upper = guarded.id.toUpperCase();
    expect((await send('query ($id: ID!) { playlist(id: $id) { id version } }', { id: upper })).data).toEqual({ playlist: { id: guarded.id, version: 2 } });
    expect(expectError(await send(UPDATE, { id: upper, v: 1, input: { name: 'x' } }), 'CONFLICT').currentVersion).toBe(2);
    await expectUnchanged();
  });

  it('refuses tracks the catalogue does not know, and more than 100 at once, before writing anything', async () => {
    const known = tracks[3]!.id;
    const unknown = '0000000000000000000000';
    const response = await send(ADD, { id: guarded.id, v: 2, tracks: [known, unknown] });
    expectError(response, 'BAD_USER_INPUT', 'trackIds');
    expect(response.errors![0]!.message).toContain(unknown);
    expect(response.errors![0]!.message).not.toContain(known);
    const many = Array.from({ length: 101 }, (_, i) => tracks[i % tracks.length]!.id);
    expectError(await send(ADD, { id: guarded.id, v: 2, tracks: many }), 'BAD_USER_INPUT', 'trackIds');
    expectError(await send(ADD, { id: guarded.id, v: 2, tracks: [] }), 'BAD_USER_INPUT', 'trackIds');
    await expectUnchanged();
    // 100 (repeats included) is allowed: on another playlist.
    const other = await createPlaylist(owner.accessToken, { name: 'Hundred' });
    expect((await addTracks(owner.accessToken, other.id, 1, many.slice(0, 100))).trackCount).toBe(100);
  });

  it('refuses item ids that are not items of the playlist', async () => {
    const other = await createPlaylist(owner.accessToken, { name: 'Other' });
    const foreignItem = (await addTracks(owner.accessToken, other.id, 1, [tracks[4]!.id])).items.nodes[0].id as string;
    for (const stranger of [randomUUID(), foreignItem]) {
      expectError(await send(REMOVE, { id: guarded.id, v: 2, items: [guarded.items[0], stranger] }), 'BAD_USER_INPUT', 'itemIds');
      expectError(await send(MOVE, { id: guarded.id, v: 2, item: stranger, to: 0 }), 'BAD_USER_INPUT', 'itemId');
    }
    await expectUnchanged();
    expect((await readPlaylist(owner.accessToken, other.id))!.trackCount).toBe(1);
  });

  it('refuses an edit against a stale version with CONFLICT and the current version', async () => {
    for (const v of [1, 3, 99]) {
      const edits: [string, Record<string, unknown>][] = [
        [UPDATE, { id: guarded.id, v, input: { name: 'Stale' } }],
        [ADD, { id: guarded.id, v, tracks: [tracks[4]!.id] }],
        [REMOVE, { id: guarded.id, v, items: [guarded.items[0]] }],
        [MOVE, { id: guarded.id, v, item: guarded.items[0], to: 2 }],
        [DELETE, { id: guarded.id, v }],
      ];
      for (const [query, variables] of edits) expect(expectError(await send(query, variables), 'CONFLICT').currentVersion).toBe(2);
    }
    await expectUnchanged();
  });

  it('holds at most 10,000 items: an add past the limit fails whole and writes nothing', async () => {
    const LIGHT_ADD = `mutation ($id: ID!, $v: Int!, $tracks: [ID!]!, $at: Int) {
      addPlaylistItems(playlistId: $id, expectedVersion: $v, trackIds: $tracks, position: $at) { version trackCount durationSeconds } }`;
    const big = await createPlaylist(owner.accessToken, { name: 'Almost full' });
    await seedItems(db, big.id, owner.user.id, tracks, 9_998);
    const sumMs = (count: number, extra: CatalogueTrack[] = []) =>
      Array.from({ length: count }, (_, i) => tracks[i % tracks.length]!.durationMs).reduce((s, d) => s + d, 0) + extra.reduce((s, t) => s + t.durationMs, 0);
    const seeded = await storedPlaylist(db, big.id);
    expect(seeded).toMatchObject({ version: 1, track_count: 9_998, items: 9_998, duration_ms: String(sumMs(9_998)) });

    const three = tracks.slice(0, 3);
    const over = await send(LIGHT_ADD, { id: big.id, v: 1, tracks: three.map((t) => t.id) });
    expectError(over, 'BAD_USER_INPUT', 'trackIds');
    expect(over.errors![0]!.message).toMatch(/10,000/);
    expect(await storedPlaylist(db, big.id)).toEqual(seeded);

    // Exactly to the limit works (at the top: every seeded item shifts by two)...
    const two = tracks.slice(3, 5);
    const full = (await send(LIGHT_ADD, { id: big.id, v: 1, tracks: two.map((t) => t.id), at: 0 })).data!.addPlaylistItems;
    expect(full).toEqual({ version: 2, trackCount: 10_000, durationSeconds: Math.round(sumMs(9_998, two) / 1000) });
    const { rows } = await db.query('SELECT min(position)::int AS lo, max(position)::int AS hi, count(DISTINCT position)::int AS n FROM playlist_items WHERE playlist_id = $1', [big.id]);
    expect(rows[0]).toEqual({ lo: 0, hi: 9_999, n: 10_000 });
    // ...and one more does not.
    const atLimit = await storedPlaylist(db, big.id);
    expectError(await send(LIGHT_ADD, { id: big.id, v: 2, tracks: [tracks[0]!.id] }), 'BAD_USER_INPUT', 'trackIds');
    expect(await storedPlaylist(db, big.id)).toEqual(atLimit);
    expect((await readPlaylist(owner.accessToken, big.id))!).toMatchObject({ version: 2, trackCount: 10_000 });
  });
});
