/**
 * `npm run bench -- analytics`: one million listening events into analytics' PostgreSQL, then a
 * user's `stats(range: YEAR)` through the gateway (read from the rollups) against the same figures
 * computed by a direct SQL aggregation over the raw events, in the same run, on a stack of its own
 * (simulators on 14741-14744).
 *
 * Ingestion goes through the product's own write path, `recordEvents`
 * (subgraphs/analytics/store/event-recording.ts): validation, partition creation, and one
 * multi-row `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` per batch claiming the ids in
 * `listening_event_ids` and writing `listening_events` in the same statement; batches of 5,000,
 * two at a time. (The GraphQL mutation and the queue worker call it with one event each.) The events:
 * 2,000 users (one of them the bench's signed-in listener, with 2 % of them), 400 catalogue tracks,
 * played over the last 400 days. Then `refreshListeningRollups` folds them in (timed) and fetches
 * the tracks' facts.
 *
 * Ends with one JSON line: {"events", "eventsPerSecond", "statsMs", "rawSqlMs", "rollupMs",
 * "listenerEvents", "speedup"} (statsMs and rawSqlMs: medians of 15 runs after a warm-up).
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startBenchStack } from './support/stack.js';
import { TEST_ADMIN } from '../test/harness/test-env.js';
import { recordEvents, type NewListen } from '../subgraphs/analytics/store/event-recording.js';

const EVENTS = 1_000_000;
const USERS = 2_000;
const TRACKS = 400;
const BATCH = 5_000;
const PARALLEL = 2;
const LISTENER_SHARE = 0.02;
const RUNS = 15;
const DAY = 86_400_000;

const { stack, env, stop, gql } = await startBenchStack('analytics', 14740, { ANALYTICS_ROLLUP_EVERY_SECONDS: '3600' });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

const url = new URL(stack.databaseUrl);
url.pathname = `/${env.DATABASE_NAME_PREFIX}analytics`;
const db = new DataSource({ type: 'postgres', url: url.toString(), extra: { max: PARALLEL + 1 } });

const STATS = `query { me { stats(range: YEAR) {
  plays listeningMs
  topTracks(first: 10) { track { id } plays listeningMs }
  topArtists(first: 10) { artist { id } plays listeningMs }
  topLanguages(first: 10) { language plays listeningMs }
  playsPerDay { day plays listeningMs }
} } }`;

/** The same figures as STATS, straight from the raw events. */
const RAW = [
  `SELECT count(*)::int AS plays, coalesce(sum(played_ms), 0)::float8 AS ms FROM listening_events WHERE user_id = $1 AND played_at >= $2`,
  `SELECT track_id, count(*)::int AS plays, sum(played_ms)::float8 AS ms FROM listening_events WHERE user_id = $1 AND played_at >= $2
    GROUP BY track_id ORDER BY plays DESC, ms DESC, track_id LIMIT 10`,
  `SELECT a.artist_id, count(*)::int AS plays, sum(e.played_ms)::float8 AS ms FROM listening_events e JOIN track_facts f USING (track_id)
     CROSS JOIN LATERAL (SELECT DISTINCT unnest(f.artist_ids) AS artist_id) a WHERE e.user_id = $1 AND e.played_at >= $2
    GROUP BY a.artist_id ORDER BY plays DESC, ms DESC, a.artist_id LIMIT 10`,
  `SELECT f.language, count(*)::int AS plays, sum(e.played_ms)::float8 AS ms FROM listening_events e JOIN track_facts f USING (track_id)
    WHERE e.user_id = $1 AND e.played_at >= $2 AND f.language IS NOT NULL GROUP BY f.language ORDER BY plays DESC, ms DESC, f.language LIMIT 10`,
  `SELECT (played_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS plays, sum(played_ms)::float8 AS ms FROM listening_events
    WHERE user_id = $1 AND played_at >= $2 GROUP BY 1 ORDER BY 1`,
];

try {
  await db.initialize();
  const admin = (await gql(`mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, {
    input: { email: TEST_ADMIN.email, password: TEST_ADMIN.password, deviceName: 'bench' },
  })).login.accessToken as string;
  const listener = (await gql(`mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`, {
    input: { email: `bench.${Date.now()}@bench.example`, password: 'Correct-horse-9-battery', displayName: 'Bench listener', deviceName: 'bench' },
  })).register as { accessToken: string; user: { id: string } };

  const listed = (await (await fetch(`${stack.simulators.spotify}/_simulator/catalogue/tracks?offset=17000&limit=${TRACKS}`)).json()) as {
    items: { id: string; durationMs: number }[];
  };
  const tracks = listed.items;
  const users = [listener.user.id, ...Array.from({ length: USERS - 1 }, () => randomUUID())];
  const now = Date.now();
  // A small deterministic generator, so runs compare.
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const event = (): NewListen => {
    const track = tracks[Math.floor(random() ** 2 * tracks.length)]!;
    const userId = random() < LISTENER_SHARE ? listener.user.id : users[1 + Math.floor(random() * (USERS - 1))]!;
    return {
      kind: 'LISTEN',
      eventId: randomUUID(),
      userId,
      trackId: track.id,
      playedMs: Math.floor(random() * track.durationMs),
      at: new Date(now - Math.floor(random() * 400 * DAY) - 60_000),
      deviceId: null,
      durationLimitMs: track.durationMs,
    };
  };

  console.log(`ingesting ${EVENTS} events in batches of ${BATCH}, ${PARALLEL} at a time, through recordEvents`);
  let created = 0;
  let produced = 0;
  const ingestStart = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (produced < EVENTS) {
        const size = Math.min(BATCH, EVENTS - produced);
        produced += size;
        const outcomes = await recordEvents(db, Array.from({ length: size }, event));
        created += outcomes.filter((o) => o.status === 'created').length;
      }
    }),
  );
  const ingestMs = performance.now() - ingestStart;
  if (created !== EVENTS) throw new Error(`only ${created} of ${EVENTS} events were created`);
  const eventsPerSecond = Math.round(EVENTS / (ingestMs / 1000));
  console.log(`ingested ${EVENTS} events in ${Math.round(ingestMs)} ms: ${eventsPerSecond} events/s`);

  const rollupStart = performance.now();
  const run = (await gql('mutation { refreshListeningRollups { events trackFacts } }', {}, admin)).refreshListeningRollups;
  const rollupMs = performance.now() - rollupStart;
  console.log(`rollups: ${run.events} events folded, ${run.trackFacts} track facts fetched, in ${Math.round(rollupMs)} ms`);

  const since = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 364));
  const listenerEvents = (await db.query(`SELECT count(*)::int AS n FROM listening_events WHERE user_id = $1`, [listener.user.id]))[0].n as number;

  // Warm-up, and a check that both ways agree on the totals.
  const stats = (await gql(STATS, {}, listener.accessToken)).me.stats;
  const [raw] = await db.query(RAW[0]!, [listener.user.id, since]);
  if (stats.plays !== raw.plays || stats.listeningMs !== raw.ms) throw new Error(`stats ${stats.plays}/${stats.listeningMs} != raw ${raw.plays}/${raw.ms}`);
  for (const sql of RAW) await db.query(sql, [listener.user.id, since]);

  const statsTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    await gql(STATS, {}, listener.accessToken);
    statsTimes.push(performance.now() - start);
    start = performance.now();
    for (const sql of RAW) await db.query(sql, [listener.user.id, since]);
    rawTimes.push(performance.now() - start);
  }
  const statsMs = round(median(statsTimes));
  const rawSqlMs = round(median(rawTimes));
  console.log(`stats(range: YEAR) of a user with ${listenerEvents} events (${stats.plays} in the year): through the gateway ${statsMs} ms (median of ${RUNS})`);
  console.log(`the same figures by direct SQL over the raw events: ${rawSqlMs} ms (median of ${RUNS}); ratio raw/stats ${round(rawSqlMs / statsMs)}`);
  console.log(
    JSON.stringify({ events: EVENTS, eventsPerSecond, statsMs, rawSqlMs, rollupMs: Math.round(rollupMs), listenerEvents, speedup: round(rawSqlMs / statsMs) }),
  );
} finally {
  if (db.isInitialized) await db.destroy();
  await stop();
}
