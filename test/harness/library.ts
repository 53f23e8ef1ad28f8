/**
 * Helpers for the library e2e tests (test/e2e/library-*.test.ts): playlists through the gateway,
 * real track ids from the Spotify simulator's catalogue, the library's own PostgreSQL database (to
 * seed large playlists and check what was written), the library's SQL statement counter, and
 * identity tokens for calling the library subgraph directly as the gateway would.
 */
import { SignJWT } from 'jose';
import pg from 'pg';
import { expect } from 'vitest';
import { graphql, stack, type GraphQLResponse } from './client.js';
import { parseExposition } from './prometheus-text.js';

/**
 * The library files share one lock so they never run beside each other: one of them counts the
 * SQL statements the library runs, and the others' edits would be counted with them.
 */
export const LIBRARY_LOCK = 'library';

export interface CatalogueTrack {
  id: string;
  name: string;
  durationMs: number;
  artists: { id: string; name: string }[];
}

/** Filters of the simulator's catalogue listing: tracks YouTube has a good upload of, or Odesli knows. */
export interface CatalogueFilters {
  hasAcceptableUpload?: boolean;
  hasOdesli?: boolean;
}

/**
 * Tracks of the simulator's catalogue (its control API, never counted as Spotify calls), by offset
 * into the catalogue as `filters` narrow it.
 */
export async function catalogueTracks(offset: number, limit: number, filters: CatalogueFilters = {}): Promise<CatalogueTrack[]> {
  const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
  for (const [name, on] of Object.entries(filters)) if (on) query.set(name, 'true');
  const response = await fetch(`${stack().simulators.spotify}/_simulator/catalogue/tracks?${query}`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as { items: CatalogueTrack[] }).items;
}

/**
 * A confident mapping without the mapping engine (whose hints, Odesli's 10 a minute, the mapping
 * tests need for themselves): the admin verifies the track at `offset` among those with an acceptable
 * upload to the first such upload the simulator's truth names. Callers hold the YouTube simulator's
 * lock meanwhile.
 */
export async function verifiedMapping(adminToken: string, offset: number): Promise<{ id: string; videoId: string }> {
  const [track] = await catalogueTracks(offset, 1, { hasAcceptableUpload: true });
  const response = await fetch(`${stack().simulators.spotify}/_simulator/truth/tracks/${track!.id}`);
  const { truth } = (await response.json()) as { truth: { acceptableVideoIds: string[] } };
  const videoId = truth.acceptableVideoIds[0]!;
  await ok('mutation ($id: ID!, $videoId: ID) { verifyMapping(trackId: $id, videoId: $videoId) { status } }', { id: track!.id, videoId }, adminToken);
  return { id: track!.id, videoId };
}

/** The data of a request that must succeed. */
export async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await graphql<T>(query, variables, { token });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

/** Exactly one error, with this code (and, for BAD_USER_INPUT, the field it names). */
export function expectError(response: GraphQLResponse, code: string, field?: string | RegExp): Record<string, any> {
  expect(response.errors?.map((e) => e.extensions?.code), JSON.stringify(response.errors)).toEqual([code]);
  const extensions = response.errors![0]!.extensions!;
  if (typeof field === 'string') expect(extensions.field).toBe(field);
  else if (field) expect(extensions.field).toMatch(field);
  return extensions;
}

export const PLAYLIST = `id name description coverImageUrl tags isPublic version trackCount durationSeconds followerCount viewerFollows viewerAccess
  owner { id } createdAt updatedAt`;
// No literal `first`: the gateway's cost limit multiplies a selection by a literal `first` (not by a
// variable), and the default page (100 items) holds every playlist these edits make.
export const ITEMS = 'items { totalCount nodes { id position track { id } addedBy { id } addedAt } }';

export interface Item {
  id: string;
  position: number;
  track: { id: string };
  addedBy: { id: string };
  addedAt: string;
}

export const CREATE = `mutation ($input: CreatePlaylistInput!) { createPlaylist(input: $input) { ${PLAYLIST} } }`;
export const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdatePlaylistInput!) { updatePlaylist(id: $id, expectedVersion: $v, input: $input) { ${PLAYLIST} } }`;
export const ADD = `mutation ($id: ID!, $v: Int!, $tracks: [ID!]!, $at: Int) {
  addPlaylistItems(playlistId: $id, expectedVersion: $v, trackIds: $tracks, position: $at) { ${PLAYLIST} ${ITEMS} } }`;
export const REMOVE = `mutation ($id: ID!, $v: Int!, $items: [ID!]!) { removePlaylistItems(playlistId: $id, expectedVersion: $v, itemIds: $items) { ${PLAYLIST} ${ITEMS} } }`;
export const MOVE = `mutation ($id: ID!, $v: Int!, $item: ID!, $to: Int!) {
  movePlaylistItem(playlistId: $id, expectedVersion: $v, itemId: $item, toPosition: $to) { ${PLAYLIST} ${ITEMS} } }`;
export const DELETE = 'mutation ($id: ID!, $v: Int!) { deletePlaylist(id: $id, expectedVersion: $v) { id } }';
export const READ = `query ($id: ID!) { playlist(id: $id) { ${PLAYLIST} ${ITEMS} } }`;
export const SET_COLLABORATOR = `mutation ($id: ID!, $user: ID!, $role: CollaboratorRole!) {
  setCollaborator(playlistId: $id, userId: $user, role: $role) { id version collaborators { nodes { user { id } role invitedBy { id } } } } }`;
export const REMOVE_COLLABORATOR = 'mutation ($id: ID!, $user: ID!) { removeCollaborator(playlistId: $id, userId: $user) { id } }';

export async function createPlaylist(token: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  return (await ok<{ createPlaylist: Record<string, any> }>(CREATE, { input }, token)).createPlaylist;
}

/** The playlist with all its items as `token` sees it (null when it cannot). */
export async function readPlaylist(token: string | undefined, id: string): Promise<Record<string, any> | null> {
  return (await ok<{ playlist: Record<string, any> | null }>(READ, { id }, token)).playlist;
}

export async function addTracks(token: string, id: string, version: number, tracks: string[], at?: number): Promise<Record<string, any>> {
  return (await ok<{ addPlaylistItems: Record<string, any> }>(ADD, { id, v: version, tracks, at }, token)).addPlaylistItems;
}

/** Totals agree with the items: trackCount, totalCount and durationSeconds from the catalogue's lengths. */
export function expectTotals(playlist: Record<string, any>, durations: Map<string, number>): void {
  const items = playlist.items.nodes as Item[];
  expect(items.map((item) => item.position)).toEqual(items.map((_, i) => i));
  expect(playlist.trackCount).toBe(items.length);
  expect(playlist.items.totalCount).toBe(items.length);
  const totalMs = items.reduce((sum, item) => sum + durations.get(item.track.id)!, 0);
  expect(playlist.durationSeconds).toBe(Math.round(totalMs / 1000));
}

/** The library's own database, for seeding and for checking what was (not) written. */
export async function libraryDb(): Promise<pg.Client> {
  const url = new URL(stack().databaseUrl);
  url.pathname = `/${stack().env.DATABASE_NAME_PREFIX}library`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/**
 * Appends items straight into the database (as many as needed, one statement), keeping
 * track_count and duration_ms exact, without a version bump: `tracks` repeat in order until
 * `count` items are added.
 */
export async function seedItems(db: pg.Client, playlistId: string, addedBy: string, tracks: CatalogueTrack[], count: number): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query(
      `INSERT INTO playlist_items (playlist_id, position, track_id, duration_ms, added_by)
       SELECT $1, base.n + g - 1, ($3::text[])[1 + (g - 1) % cardinality($3::text[])], ($4::int[])[1 + (g - 1) % cardinality($4::int[])], $2
       FROM generate_series(1, $5::int) g, (SELECT count(*)::int AS n FROM playlist_items WHERE playlist_id = $1) base`,
      [playlistId, addedBy, tracks.map((t) => t.id), tracks.map((t) => t.durationMs), count],
    );
    await db.query(
      `UPDATE playlists p SET track_count = t.n, duration_ms = t.d
       FROM (SELECT count(*)::int AS n, coalesce(sum(duration_ms), 0) AS d FROM playlist_items WHERE playlist_id = $1) t
       WHERE p.id = $1`,
      [playlistId],
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** The playlist row and its item count as stored. */
export async function storedPlaylist(db: pg.Client, id: string) {
  const { rows } = await db.query(
    `SELECT version, track_count, duration_ms::bigint::text AS duration_ms, name, description, cover_image_url, tags,
            (SELECT count(*)::int FROM playlist_items WHERE playlist_id = $1) AS items
     FROM playlists WHERE id = $1`,
    [id],
  );
  return rows[0] as { version: number; track_count: number; duration_ms: string; name: string; items: number } | undefined;
}

const libraryMetricsUrl = () => stack().subgraphUrls.library.replace(/\/graphql$/, '/metrics');

/** `postgres_queries_total{subgraph="library"}`: every SQL statement the library process sent. */
export async function librarySqlStatements(): Promise<number> {
  const text = await (await fetch(libraryMetricsUrl())).text();
  const [sample, ...more] = parseExposition(text).find('postgres_queries_total', { subgraph: 'library' });
  if (!sample || more.length) throw new Error('the library exposes no single postgres_queries_total');
  return sample.value;
}

/** How many SQL statements the library ran while `run` ran. */
export async function librarySqlDuring(run: () => Promise<unknown>): Promise<number> {
  const before = await librarySqlStatements();
  await run();
  return (await librarySqlStatements()) - before;
}

/**
 * An identity token as the gateway signs it (the test knows the stack's secret), for calling the
 * library subgraph directly the way the gateway's query plan does.
 */
export async function gatewayIdentity(userId: string | undefined, roles: string[] = ['USER']): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('supergraph-gateway')
    .setAudience('supergraph-subgraphs')
    .setSubject(userId ?? '')
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(new TextEncoder().encode(stack().env.IDENTITY_TOKEN_SECRET));
}
