/**
 * Playlists under concurrent edits, and what reading a big one costs. Edits against the same
 * version: exactly one wins, the others get CONFLICT with the current version and write nothing;
 * 20 clients moving items at once, each retrying, end with gap-free positions and one version per
 * successful move, in an order every response agrees with. Reading 300 items with their catalogue
 * fields costs the library a constant number of SQL statements (its /metrics counter) and Spotify
 * one call per 50 distinct tracks, none when cached. It counts Spotify calls, so it holds the Spotify
 * simulator's lock, which every library test file takes: none of them runs beside it either.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, register, type GraphQLResponse, type SignedIn } from '../harness/client.js';
import {
  ADD, addTracks, catalogueTracks, createPlaylist, expectError, expectTotals, libraryDb, librarySqlDuring, MOVE, readPlaylist,
  seedItems, type CatalogueTrack, type Item,
} from '../harness/library.js';
import { spotifyCatalogueCalls } from '../harness/spotify-calls.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';

let db: pg.Client;
let owner: SignedIn;
let tracks: CatalogueTrack[];
const durations = new Map<string, number>();

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  db = await libraryDb();
  owner = await register();
  tracks = await catalogueTracks(14_000, 24);
  for (const track of tracks) durations.set(track.id, track.durationMs);
}, LOCK_WAIT_MS + 30_000);
afterAll(async () => {
  await db?.end();
  await releaseSimulatorLock('spotify');
});

const send = (query: string, variables: Record<string, unknown>) => graphql(query, variables, { token: owner.accessToken });
const itemIds = (playlist: Record<string, any>) => (playlist.items.nodes as Item[]).map((item) => item.id);

describe('concurrent edits', () => {
  it('lets exactly one of several edits against the same version win; the rest get CONFLICT and write nothing', async () => {
    // The catalog knows the tracks already, so the clients' edits reach the database together.
    expect((await send('query ($ids: [ID!]!) { tracks(ids: $ids) { id } }', { ids: tracks.map((t) => t.id) })).errors).toBeUndefined();
    const p = await createPlaylist(owner.accessToken, { name: 'Race' });
    let current = await addTracks(owner.accessToken, p.id, 1, [tracks[0]!.id, tracks[1]!.id]);
    // Rounds of 2, 2, 2 and 6 clients, each adding its own tracks at the version all of them read.
    for (const clients of [2, 2, 2, 6]) {
      const v = current.version as number;
      const offers = Array.from({ length: clients }, (_, i) => [tracks[2 + i * 2]!.id, tracks[3 + i * 2]!.id].slice(0, 1 + (i % 2)));
      const responses = await Promise.all(offers.map((offer) => send(ADD, { id: p.id, v, tracks: offer })));
      const winners = responses.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      for (const loser of responses.filter((r) => r.errors)) expect(expectError(loser, 'CONFLICT').currentVersion).toBe(v + 1);
      const winner = offers[responses.indexOf(winners[0]!)]!;
      const after = (await readPlaylist(owner.accessToken, p.id))!;
      expect(after.version).toBe(v + 1);
      expect(after.items.nodes.map((item: Item) => item.track.id)).toEqual([...current.items.nodes.map((item: Item) => item.track.id), ...winner]);
      expect(itemIds(after).slice(0, current.items.nodes.length)).toEqual(itemIds(current));
      expect(after).toEqual(winners[0]!.data!.addPlaylistItems);
      expectTotals(after, durations);
      current = after;
    }
  });

  it('keeps positions gap-free through 20 concurrent moves, each client retrying on CONFLICT', async () => {
    const p = await createPlaylist(owner.accessToken, { name: 'Shuffle' });
    const initial = await addTracks(owner.accessToken, p.id, 1, tracks.slice(0, 12).map((t) => t.id));
    const order0 = itemIds(initial);
    const v0 = initial.version as number;
    const n = order0.length;
    type Success = { version: number; item: string; to: number; order: string[]; attempts: number };

    // Even clients move an item to a fixed place, retrying with the currentVersion the CONFLICT
    // gives; odd ones move an item two places from where it is, so they re-read its place first.
    const client = async (k: number): Promise<Success> => {
      const item = order0[(k * 5) % n]!;
      let version = v0;
      for (let attempts = 1; attempts <= 100; attempts++) {
        let to = (k * 7) % n;
        if (k % 2 === 1) {
          const read = (await readPlaylist(owner.accessToken, p.id))!;
          version = read.version;
          to = Math.max(0, itemIds(read).indexOf(item) + (k % 4 === 1 ? 2 : -2));
        }
        const response: GraphQLResponse = await send(MOVE, { id: p.id, v: version, item, to });
        if (!response.errors) {
          const moved = response.data!.movePlaylistItem;
          return { version: moved.version, item, to, order: itemIds(moved), attempts };
        }
        version = expectError(response, 'CONFLICT').currentVersion;
      }
      throw new Error(`client ${k} never got its move in`);
    };
    const successes = await Promise.all(Array.from({ length: 20 }, (_, k) => client(k)));

    // One version per successful move, no two alike, and someone had to retry.
    successes.sort((a, b) => a.version - b.version);
    expect(successes.map((s) => s.version)).toEqual(Array.from({ length: 20 }, (_, i) => v0 + 1 + i));
    expect(successes.some((s) => s.attempts > 1)).toBe(true);
    // Replaying the moves in version order gives what each response showed, and the end state.
    const replay = [...order0];
    for (const move of successes) {
      replay.splice(replay.indexOf(move.item), 1);
      replay.splice(Math.min(move.to, n - 1), 0, move.item);
      expect(move.order).toEqual(replay);
    }
    const final = (await readPlaylist(owner.accessToken, p.id))!;
    expect(final.version).toBe(v0 + 20);
    expect(itemIds(final)).toEqual(replay);
    expect([...itemIds(final)].sort()).toEqual([...order0].sort());
    expectTotals(final, durations);
    const { rows } = await db.query('SELECT position FROM playlist_items WHERE playlist_id = $1 ORDER BY position', [p.id]);
    expect(rows.map((row) => row.position)).toEqual([...Array(n).keys()]);
  }, 90_000); // about 200 moves and 200 reads through the gateway
});

describe('reading a big playlist', () => {
  // A page holds at most 100 items (the contract), so 300 items are read as three pages, one request
  // each. (Three aliased pages in one request would not help: the gateway plans each alias's tracks
  // as its own catalog fetch, so they would miss the cache side by side.) `first` is a variable:
  // the gateway's cost limit multiplies a selection by a literal `first`.
  const READ_PAGE = `query ($id: ID!, $first: Int!, $after: String) { playlist(id: $id) {
    items(first: $first, after: $after) { nodes { id track { name artists { name } youtube { status } } } pageInfo { hasNextPage endCursor } } } }`;

  /**
   * The SQL statements the library runs for one READ_PAGE, whatever the page or playlist size:
   *   1. `SELECT * FROM playlists WHERE id = ANY($1)`: the playlist DataLoader, for `playlist(id)`.
   *      Access is decided from that row: the viewer owns it, so no collaborator role is looked up,
   *      and the Playlist type's shield rule reuses the same (request-cached) answer.
   *   2. `SELECT * FROM playlist_items WHERE playlist_id = $1 AND position > $2 ORDER BY position
   *      LIMIT $3`: one keyset page of `first + 1` items (the extra row only sets hasNextPage).
   * Each item's track is only a reference ({ __typename, id }) that the gateway sends to the catalog
   * in one `_entities` batch: no library statement per item. Reads run outside a transaction, so no
   * BEGIN/COMMIT either.
   */
  const SQL_PER_PAGE = 2;

  type Node = { id: string; track: { name: string; artists: { name: string }[]; youtube: unknown } };
  type Page = { sql: number; spotify: Record<string, number>; nodes: Node[]; after: string | null };

  /** Every page of the playlist, each with the library statements and Spotify calls it cost. */
  async function readAll(id: string): Promise<Page[]> {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      let response!: GraphQLResponse;
      let sql = 0;
      const spotify = await spotifyCatalogueCalls(async () => (sql = await librarySqlDuring(async () => (response = await send(READ_PAGE, { id, first: 100, after })))));
      expect(response.errors).toBeUndefined();
      const { nodes, pageInfo } = response.data!.playlist.items;
      pages.push({ sql, spotify, nodes, after });
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after !== null);
    return pages;
  }

  /** The fewest statements seen over three reads of a page: tests that do not take the lock only ever add to the count. */
  async function sqlPerPage(id: string, after: string | null): Promise<number> {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push(await librarySqlDuring(() => send(READ_PAGE, { id, first: 100, after })));
    return Math.min(...counts);
  }

  /**
   * Tracks no other file asks the catalog about (the catalogue lists tracks by artist, so every
   * `step`-th spans many artists), without the ones a search for "love" or a language filter elsewhere
   * may have cached: their first read here must reach Spotify.
   */
  async function coldSample(offset: number, step: number, count: number): Promise<CatalogueTrack[]> {
    const listed = (await catalogueTracks(offset, 1000)) as (CatalogueTrack & { language: string })[];
    const sample = listed.filter((track, i) => i % step === 0 && !/love/i.test(track.name) && !['ja', 'ko'].includes(track.language));
    expect(sample.length).toBeGreaterThanOrEqual(count);
    return sample.slice(0, count);
  }

  /** A playlist of `count` items seeded in the database, so no edit has asked the catalog (and Spotify) about its tracks. */
  async function seeded(name: string, sample: CatalogueTrack[], count: number): Promise<string> {
    const p = await createPlaylist(owner.accessToken, { name });
    await seedItems(db, p.id, owner.user.id, sample, count);
    return p.id;
  }

  it('costs a constant number of SQL statements per page and one Spotify call per 50 distinct tracks, none when cached', async () => {
    const distinct = await coldSample(3_000, 7, 120);
    const bigId = await seeded('Three hundred', distinct, 300); // 120 distinct tracks, in turn

    const cold = await readAll(bigId);
    const nodes = cold.flatMap((page) => page.nodes);
    expect(nodes).toHaveLength(300);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(300);
    nodes.forEach((node, i) => {
      const track = distinct[i % 120]!;
      expect(node.track).toMatchObject({ name: track.name, artists: track.artists.map(({ name }) => ({ name })) });
      // Unmapped (null) unless another file happened to map it; reading it never maps anything.
      if (node.track.youtube !== null) expect(node.track.youtube).toEqual({ status: expect.any(String) });
    });
    expect(new Set(nodes.flatMap((node) => node.track.artists.map((a) => a.name))).size).toBeGreaterThanOrEqual(10);
    // Page 1 holds tracks 0-99 (two calls of 50), page 2 the 20 new tracks 100-119 (one call) and
    // 80 cached ones, page 3 only cached ones: ceil(120 / 50) calls in all.
    expect(cold.map((page) => page.spotify)).toEqual([{ 'GET /v1/tracks': 2 }, { 'GET /v1/tracks': 1 }, {}]);
    expect(cold.map((page) => page.sql)).toEqual([SQL_PER_PAGE, SQL_PER_PAGE, SQL_PER_PAGE]);

    const warm = await readAll(bigId);
    expect(warm.map((page) => page.spotify)).toEqual([{}, {}, {}]);
    expect(warm.flatMap((page) => page.nodes)).toEqual(nodes);
    for (const page of warm) expect(await sqlPerPage(bigId, page.after)).toBe(SQL_PER_PAGE);

    // A playlist ten times smaller costs the same statements per page, and one Spotify call for its 20 tracks.
    const smallId = await seeded('Thirty', await coldSample(4_200, 20, 20), 30);
    const small = await readAll(smallId);
    expect(small.map((page) => [page.nodes.length, page.spotify, page.sql])).toEqual([[30, { 'GET /v1/tracks': 1 }, SQL_PER_PAGE]]);
    expect(await sqlPerPage(smallId, null)).toBe(SQL_PER_PAGE);
  });
});
