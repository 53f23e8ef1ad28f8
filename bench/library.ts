/**
 * `npm run bench -- library`: reading a 1,000-item playlist with its tracks' titles, artists and
 * YouTube ids through the gateway, on a whole stack of its own (every subgraph, real PostgreSQL and
 * Redis, the simulators), in pages of 100 (the page size `Playlist.items` allows).
 *
 * Set-up: 700 distinct tracks with an acceptable upload, 300 of them twice (1,000 items), written
 * straight into the library's tables, so the catalog has never seen these tracks and the first read
 * is cold (Spotify's answers not cached yet, no mappings yet). Then an admin verifies every track's
 * mapping, so that the warm reads carry a YouTube id on every item.
 *
 * Figures: the first (cold) read's provider calls (Spotify and YouTube, from the simulators'
 * counters) against the naive one call per item; SQL statements the library ran per full read
 * (its `postgres_queries_total`); p50/p99 of 30 warm full reads; and the same 1,000 tracks read one
 * `track(id)` request at a time, the N+1 a client without the playlist's connection would make.
 *
 * Ends with one JSON line: {"p50Ms", "p99Ms", "sqlQueries", "providerCalls", "coldMs", "items",
 * "naiveProviderCalls", "perItemRequestsMs", "speedupOverPerItem"}.
 */
import pg from 'pg';

import { startBenchStack } from './support/stack.js';
import { TEST_ADMIN } from '../test/harness/test-env.js';
import { parseExposition } from '../test/harness/prometheus-text.js';

const DISTINCT = 700;
const REPEATS = 300;
const PAGE = 100;
const WARM_READS = 30;

const { stack, env, stop, gql } = await startBenchStack('library', 14720);

async function simulator(provider: 'spotify' | 'youtube', path: string): Promise<any> {
  return (await fetch(`${stack.simulators[provider]}/_simulator${path}`)).json();
}

const providerCalls = async () => {
  const [spotify, youtube] = await Promise.all([simulator('spotify', '/stats'), simulator('youtube', '/stats')]);
  return (spotify.total as number) + (youtube.total as number);
};

async function libraryQueries(): Promise<number> {
  const port = stack.env.LIBRARY_PORT;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return parseExposition(text).sum('postgres_queries_total', { subgraph: 'library' });
}

const AUTH = 'accessToken user { id }';
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

try {
  const admin = await gql(`mutation ($input: LoginInput!) { login(input: $input) { ${AUTH} } }`, {
    input: { email: TEST_ADMIN.email, password: TEST_ADMIN.password, deviceName: 'bench' },
  });
  const listener = await gql(`mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH} } }`, {
    input: { email: `bench.${Date.now()}@bench.example`, password: 'Correct-horse-9-battery', displayName: 'Bench listener', deviceName: 'bench' },
  });
  const token: string = listener.register.accessToken;

  // 700 tracks with an acceptable upload, 300 of them twice.
  const picked = (await simulator('spotify', `/catalogue/tracks?limit=${DISTINCT}&hasAcceptableUpload=true`)).items as { id: string }[];
  const truths = await Promise.all(picked.map((track) => simulator('spotify', `/truth/tracks/${track.id}`)));
  const items = [...truths, ...truths.slice(0, REPEATS)];
  const { createPlaylist } = await gql<{ createPlaylist: { id: string } }>('mutation { createPlaylist(input: { name: "Bench: 1,000 items" }) { id } }', {}, token);
  await seedItems(createPlaylist.id, listener.register.user.id, items.map((truth) => ({ trackId: truth.track.id, durationMs: truth.track.durationMs })));
  console.log(`playlist ${createPlaylist.id}: ${items.length} items, ${truths.length} distinct tracks`);

  const READ = `query ($id: ID!, $after: String) { playlist(id: $id) { items(first: ${PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { id track { name artists { name } youtube { video { id } } } } } } }`;
  const readAll = async () => {
    let read = 0;
    let withVideo = 0;
    for (let after: string | null = null; ; ) {
      const data: any = await gql(READ, { id: createPlaylist.id, after }, token);
      for (const node of data.playlist.items.nodes) {
        read++;
        if (node.track.youtube?.video?.id) withVideo++;
      }
      if (!data.playlist.items.pageInfo.hasNextPage) return { read, withVideo };
      after = data.playlist.items.pageInfo.endCursor;
    }
  };

  const [callsBefore, sqlBefore] = [await providerCalls(), await libraryQueries()];
  let started = performance.now();
  const cold = await readAll();
  const coldMs = performance.now() - started;
  const [callsCold, sqlCold] = [(await providerCalls()) - callsBefore, (await libraryQueries()) - sqlBefore];
  if (cold.read !== items.length) throw new Error(`read ${cold.read} items`);

  // Now every track gets its mapping (verified by the admin: videos.list, and Spotify for the track),
  // so that the warm reads carry a YouTube id on every item.
  for (let i = 0; i < truths.length; i += 20) {
    await Promise.all(
      truths.slice(i, i + 20).map((truth) =>
        gql('mutation ($id: ID!, $videoId: ID) { verifyMapping(trackId: $id, videoId: $videoId) { trackId } }', { id: truth.track.id, videoId: truth.truth.acceptableVideoIds[0] }, admin.login.accessToken),
      ),
    );
  }
  const mapped = await readAll();
  if (mapped.withVideo !== items.length) throw new Error(`${mapped.withVideo} of ${items.length} items have a YouTube id`);

  const warm: number[] = [];
  let sqlWarm = 0;
  for (let i = 0; i < WARM_READS; i++) {
    const before = await libraryQueries();
    started = performance.now();
    await readAll();
    warm.push(performance.now() - started);
    sqlWarm = (await libraryQueries()) - before;
  }
  warm.sort((a, b) => a - b);

  // The baseline: one request per item.
  const TRACK = 'query ($id: ID!) { track(id: $id) { name artists { name } youtube { video { id } } } }';
  started = performance.now();
  for (const item of items) await gql(TRACK, { id: item.track.id }, token);
  const perItemMs = performance.now() - started;

  const p50 = percentile(warm, 50);
  console.log(`cold read: ${round(coldMs)} ms, ${callsCold} provider calls (naive: ${items.length}), ${sqlCold} SQL statements`);
  console.log(`warm reads (${WARM_READS}): p50 ${round(p50)} ms, p99 ${round(percentile(warm, 99))} ms, ${sqlWarm} SQL statements each (${items.length / PAGE} pages)`);
  console.log(`the same tracks one request each: ${round(perItemMs)} ms (${(perItemMs / p50).toFixed(1)}× the paged read)`);
  console.log(
    JSON.stringify({
      p50Ms: round(p50),
      p99Ms: round(percentile(warm, 99)),
      sqlQueries: sqlWarm,
      providerCalls: callsCold,
      coldMs: round(coldMs),
      items: items.length,
      naiveProviderCalls: items.length,
      perItemRequestsMs: round(perItemMs),
      speedupOverPerItem: Math.round((perItemMs / p50) * 10) / 10,
    }),
  );
} finally {
  await stop();
}

/** Writes the items straight into the library's tables (positions 0…n-1, totals to match). */
async function seedItems(playlistId: string, addedBy: string, tracks: { trackId: string; durationMs: number }[]) {
  const url = new URL(stack.databaseUrl);
  url.pathname = `/${env.DATABASE_NAME_PREFIX}library`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO playlist_items (playlist_id, position, track_id, duration_ms, added_by)
       SELECT $1, t.position - 1, t.track_id, t.duration_ms, $2 FROM unnest($3::text[], $4::int[]) WITH ORDINALITY AS t(track_id, duration_ms, position)`,
      [playlistId, addedBy, tracks.map((t) => t.trackId), tracks.map((t) => t.durationMs)],
    );
    await client.query('UPDATE playlists SET track_count = $2, duration_ms = $3 WHERE id = $1', [playlistId, tracks.length, tracks.reduce((sum, t) => sum + t.durationMs, 0)]);
  } finally {
    await client.end();
  }
}
