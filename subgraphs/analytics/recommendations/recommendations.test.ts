/**
 * Recommendations against a real PostgreSQL (DATABASE_URL, database `test_recs_analytics`, migrated
 * by the subgraph's own migrations): sessions split at the gap, co-occurrence scored by cosine over
 * recency-weighted sessions, every played track excluded (also one played after the run), the
 * language filter and preferred languages, and a random world whose whole ranking equals a brute
 * force computed here from the same events, written independently of the SQL.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

process.env.DATABASE_NAME_PREFIX = 'test_recs_';
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { analyticsEntities } = await import('../store/entities.js');
const { analyticsMigrations } = await import('../store/migrations/index.js');
const { refreshRecommendations } = await import('./compute.js');
const { readRecommendations } = await import('./read.js');
const { RECOMMENDATION_BOUNDS } = await import('./policy.js');
const { bruteForceRecommendations: bruteForce } = await import('./testing.js');
type RecommendationPolicy = import('./policy.js').RecommendationPolicy;

let db: DataSource;

beforeAll(async () => {
  db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
});
beforeEach(async () => {
  await db.query('TRUNCATE listening_events, track_facts, user_recommendations, recommendation_profiles');
});
afterAll(async () => {
  await db?.destroy();
});

const POLICY: RecommendationPolicy = { activeDays: 30, windowDays: 90, sessionGapMinutes: 30, halfLifeDays: 14, ...RECOMMENDATION_BOUNDS };
const NOW = new Date('2026-03-01T12:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
/** A Spotify-shaped id per name, so mixed case and digits are ordered as real ids are. */
const track = (name: string) => name.padEnd(22, '0').slice(0, 22);

type Play = import('./testing.js').Play;

const play = (userId: string, trackId: string, playedAt: Date): Play => ({ eventId: randomUUID(), userId, trackId, playedAt });

/** A session: the tracks one after another, 3 minutes apart, starting at `start`. */
const session = (userId: string, tracks: string[], start: Date): Play[] =>
  tracks.map((t, i) => play(userId, t, new Date(start.getTime() + i * 3 * MINUTE)));

async function store(plays: Play[]): Promise<void> {
  await db.query(
    `INSERT INTO listening_events (event_id, user_id, track_id, played_ms, played_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::timestamptz[])`,
    [plays.map((p) => p.eventId), plays.map((p) => p.userId), plays.map((p) => p.trackId), plays.map(() => 1000), plays.map((p) => p.playedAt)],
  );
}

async function facts(languages: Record<string, string | null>): Promise<void> {
  for (const [trackId, language] of Object.entries(languages)) {
    await db.query(`INSERT INTO track_facts (track_id, artist_ids, language, duration_ms, fetched_at) VALUES ($1, '{}', $2, 200000, $3)`, [trackId, language, NOW]);
  }
}

/** Runs the computation without the graph: every test states the facts it needs. */
const run = (policy = POLICY, now = NOW) => refreshRecommendations(db, policy, { now, ensureFacts: async () => undefined });
const read = (userId: string, first = 100, filter: Parameters<typeof readRecommendations>[3] = { kind: 'any' }) => readRecommendations(db, userId, first, filter);
const ids = async (userId: string, first = 100) => (await read(userId, first)).items.map((item) => item.trackId);

/** A deterministic generator (mulberry32), so a failing world can be re-run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sessions and co-occurrence', () => {
  it('pairs only tracks played in the same session (a gap of 30 minutes or more splits one)', async () => {
    const [ada, bob] = [randomUUID(), randomUUID()];
    const [A, B, C, D] = ['Aaa', 'Bbb', 'Ccc', 'Ddd'].map(track) as [string, string, string, string];
    await store([
      // Bob: A and B together; then, 30 minutes after B, C alone; D 29 minutes after C (same session).
      play(bob, A, ago(2 * DAY)),
      play(bob, B, ago(2 * DAY - 10 * MINUTE)),
      play(bob, C, ago(2 * DAY - 40 * MINUTE)),
      play(bob, D, ago(2 * DAY - 69 * MINUTE)),
      play(ada, A, ago(DAY)),
    ]);
    expect(await run()).toMatchObject({ ran: true, users: 2 });
    const mine = await read(ada);
    expect(mine.items.map((i) => [i.trackId, i.reasonTrackId])).toEqual([[B, A]]);
    expect(mine.computedAt).toEqual(NOW);
    // Bob played everything that co-occurs with what he played.
    expect(await ids(bob)).toEqual([]);
    expect((await read(bob)).computedAt).toEqual(NOW);
  });

  it('scores by cosine over sessions: a track in every session is not everyone’s best neighbour', async () => {
    const [ada, others] = [randomUUID(), Array.from({ length: 4 }, () => randomUUID())];
    const [seed, niche, hit] = ['Seed', 'Niche', 'Hit'].map(track) as [string, string, string];
    const plays = [play(ada, seed, ago(DAY))];
    // seed+niche twice, seed+hit twice, hit alone in 6 more sessions.
    plays.push(...session(others[0]!, [seed, niche], ago(5 * DAY)), ...session(others[1]!, [seed, niche], ago(5 * DAY)));
    plays.push(...session(others[2]!, [seed, hit], ago(5 * DAY)), ...session(others[3]!, [seed, hit], ago(5 * DAY)));
    for (let i = 0; i < 6; i++) plays.push(play(randomUUID(), hit, ago(5 * DAY)));
    await store(plays);
    await run();
    expect(await ids(ada)).toEqual([niche, hit]);
    const expected = bruteForce(plays, POLICY, NOW).get(ada)!;
    const got = (await read(ada)).items;
    expect(got.map((i) => i.trackId)).toEqual(expected.map((e) => e.trackId));
    got.forEach((item, i) => expect(item.score).toBeCloseTo(expected[i]!.score, 12));
  });

  it('weighs recent sessions more: the same co-occurrence a month older ranks lower', async () => {
    const ada = randomUUID();
    const [seed, fresh, old] = ['Seed', 'Fresh', 'Old'].map(track) as [string, string, string];
    const plays = [
      play(ada, seed, ago(DAY)),
      ...session(randomUUID(), [seed, old], ago(40 * DAY)),
      ...session(randomUUID(), [seed, fresh], ago(2 * DAY)),
    ];
    await store(plays);
    await run();
    const got = (await read(ada)).items;
    expect(got.map((i) => i.trackId)).toEqual([fresh, old]);
    // One session each, so both cosines involve the seed's weight; the ratio of scores is the decay of 38 days over the seed's mix.
    const expected = bruteForce(plays, POLICY, NOW).get(ada)!;
    got.forEach((item, i) => expect(item.score).toBeCloseTo(expected[i]!.score, 12));
    expect(got[0]!.score).toBeGreaterThan(got[1]!.score);
  });

  it('leaves out sessions older than the window, and gives users inactive for 30 days nothing', async () => {
    const [ada, dormant] = [randomUUID(), randomUUID()];
    const [seed, gone, kept] = ['Seed', 'Gone', 'Kept'].map(track) as [string, string, string];
    await store([
      play(ada, seed, ago(DAY)),
      ...session(randomUUID(), [seed, gone], ago(91 * DAY)),
      // The dormant user's session still feeds co-occurrence.
      ...session(dormant, [seed, kept], ago(45 * DAY)),
    ]);
    const result = await run();
    expect(result.users).toBe(1);
    expect(await ids(ada)).toEqual([kept]);
    expect(await read(dormant)).toEqual({ computedAt: null, languages: null, items: [] });
  });
});

describe('exclusion', () => {
  it('never recommends a track the user played, however long ago, nor one played after the run', async () => {
    const ada = randomUUID();
    const [seed, ancient, later, other] = ['Seed', 'Ancient', 'Later', 'Other'].map(track) as [string, string, string, string];
    await store([
      play(ada, seed, ago(DAY)),
      play(ada, ancient, ago(400 * DAY)),
      ...session(randomUUID(), [seed, ancient, later, other], ago(3 * DAY)),
    ]);
    await run();
    expect((await ids(ada)).sort()).toEqual([later, other].sort());
    await store([play(ada, later, ago(MINUTE))]);
    expect(await ids(ada)).toEqual([other]);
  });

  it('keeps keptPerUser candidates and answers `first` of them in rank order', async () => {
    const ada = randomUUID();
    const seed = track('Seed');
    const many = Array.from({ length: 12 }, (_, i) => track(`T${String(i).padStart(2, '0')}`));
    const plays = [play(ada, seed, ago(DAY))];
    // T00 with the seed in 12 sessions, T01 in 11, …: a strict order.
    many.forEach((t, i) => {
      for (let s = 0; s < 12 - i; s++) plays.push(...session(randomUUID(), [seed, t], ago(2 * DAY)));
    });
    await store(plays);
    await run({ ...POLICY, keptPerUser: 5 });
    expect(await ids(ada)).toEqual(many.slice(0, 5));
    expect(await ids(ada, 2)).toEqual(many.slice(0, 2));
  });
});

describe('languages', () => {
  it('filters by a language at read time, leaving out unknown and undetermined ones, and finds preferred languages', async () => {
    const ada = randomUUID();
    const seeds = ['SeedEsA', 'SeedEsB', 'SeedPt', 'SeedUnd'].map(track) as [string, string, string, string];
    const [es1, es2, pt, unknown, und, instrumental, noFacts] = ['RecEs1', 'RecEs2', 'RecPt', 'RecUnknown', 'RecUnd', 'RecZxx', 'RecNoFacts'].map(track) as string[] as [
      string, string, string, string, string, string, string,
    ];
    await facts({ [seeds[0]]: 'es', [seeds[1]]: 'es', [seeds[2]]: 'pt', [seeds[3]]: 'und', [es1]: 'es', [es2]: 'es', [pt]: 'pt', [unknown]: null, [und]: 'und', [instrumental]: 'zxx' });
    const plays = [
      // 5 plays of Spanish, 1 of Portuguese (1/6 ≥ 10 %), 3 undetermined (not counted).
      ...[0, 1, 2].map((i) => play(ada, seeds[0], ago(DAY + i * DAY))),
      ...[0, 1].map((i) => play(ada, seeds[1], ago(DAY + i * DAY))),
      play(ada, seeds[2], ago(DAY)),
      ...[0, 1, 2].map((i) => play(ada, seeds[3], ago(DAY + i * DAY))),
      ...session(randomUUID(), [seeds[0], es1, es2, pt, unknown, und, instrumental, noFacts], ago(2 * DAY)),
    ];
    await store(plays);
    await run();
    const all = await read(ada);
    expect(all.items).toHaveLength(7);
    const order = all.items.map((i) => i.trackId);
    const only = (keep: string[]) => order.filter((id) => keep.includes(id));
    expect((await read(ada, 100, { kind: 'language', language: 'es' })).items.map((i) => i.trackId)).toEqual(only([es1, es2]));
    expect((await read(ada, 100, { kind: 'language', language: 'zxx' })).items.map((i) => i.trackId)).toEqual([instrumental]);
    expect((await read(ada, 100, { kind: 'language', language: 'ja' })).items).toEqual([]);
    const preferred = await read(ada, 100, { kind: 'preferred' });
    expect(preferred.languages).toEqual(['es', 'pt']);
    expect(preferred.items.map((i) => i.trackId)).toEqual(only([es1, es2, pt]));
    // A language corrected after the run counts at once.
    await db.query(`UPDATE track_facts SET language = 'es' WHERE track_id = $1`, [unknown]);
    expect((await read(ada, 100, { kind: 'language', language: 'es' })).items.map((i) => i.trackId)).toEqual(only([es1, es2, unknown]));
  });

  it('answers nothing for preferred languages when the user has none known', async () => {
    const ada = randomUUID();
    const [seed, rec] = ['Seed', 'Rec'].map(track) as [string, string];
    await facts({ [rec]: 'en' });
    await store([play(ada, seed, ago(DAY)), ...session(randomUUID(), [seed, rec], ago(DAY))]);
    await run();
    expect(await ids(ada)).toEqual([rec]);
    expect(await read(ada, 100, { kind: 'preferred' })).toMatchObject({ languages: [], items: [] });
  });
});

describe('a random world', () => {
  it('ranks every user’s recommendations exactly as the brute force does', async () => {
    const next = random(7);
    const pick = <T,>(list: T[]) => list[Math.floor(next() * list.length)]!;
    const tracks = Array.from({ length: 30 }, (_, i) => track(`${'AbCdEfGhIj'[i % 10]}${i}`));
    const users = Array.from({ length: 25 }, () => randomUUID());
    const plays: Play[] = [];
    for (const user of users) {
      // Each user prefers a slice of the catalogue, so co-occurrence has structure.
      const from = Math.floor(next() * 22);
      const taste = tracks.slice(from, from + 4 + Math.floor(next() * 5));
      for (let s = 0; s < 1 + Math.floor(next() * 5); s++) {
        let at = NOW.getTime() - Math.floor(next() * 100 * DAY);
        for (let k = 0; k < 1 + Math.floor(next() * 6); k++) {
          plays.push(play(user, pick(taste), new Date(at)));
          at += Math.floor(next() * 40) * MINUTE; // some gaps reach 30 minutes and split the session
        }
      }
    }
    await store(plays.filter((p) => p.playedAt.getTime() <= NOW.getTime()));
    const policy = { ...POLICY, neighboursPerTrack: 6, seedsPerUser: 4, maxTracksPerSession: 4 };
    const result = await run(policy);
    const expected = bruteForce(plays.filter((p) => p.playedAt.getTime() <= NOW.getTime()), policy, NOW);
    expect(result.users).toBe(expected.size);
    let compared = 0;
    for (const [user, list] of expected) {
      const got = (await read(user)).items;
      expect(got.map((i) => [i.trackId, i.reasonTrackId]), user).toEqual(list.map((e) => [e.trackId, e.reasonTrackId]));
      got.forEach((item, i) => expect(item.score).toBeCloseTo(list[i]!.score, 12));
      compared += list.length;
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('runs', () => {
  it('replace the previous result, and skip while another run holds the lock', async () => {
    const ada = randomUUID();
    const [seed, rec] = ['Seed', 'Rec'].map(track) as [string, string];
    await store([play(ada, seed, ago(DAY)), ...session(randomUUID(), [seed, rec], ago(DAY))]);
    await run();
    const later = new Date(NOW.getTime() + 60 * DAY);
    expect(await run(POLICY, later)).toMatchObject({ ran: true, users: 0, recommendations: 0 });
    expect(await read(ada)).toEqual({ computedAt: null, languages: null, items: [] });

    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT pg_advisory_xact_lock(7410001)');
      expect(await run()).toMatchObject({ ran: false });
      expect(await ids(ada)).toEqual([]);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await run()).toMatchObject({ ran: true, users: 2 });
    expect(await ids(ada)).toEqual([rec]);
  });
});
