/**
 * Recommendations and admin KPIs through the gateway. Five listeners play sessions of twelve tracks
 * (simulator catalogue offsets 17,000-17,011, which no other test plays) with `recordListening`;
 * an admin sets the tracks' languages with lyrics' `setTrackLanguage` first. Then the scheduled
 * `analytics-recommendations` job (every 2 s in the test stack) fills `me { recommendations }`,
 * whose whole ranking equals the brute force of subgraphs/analytics/recommendations/testing.ts over
 * the events sent here; no played track is ever recommended (also one played after the run); the
 * language filter and preferred languages follow the languages set; bad arguments are
 * BAD_USER_INPUT naming the argument. The KPIs, as admin, equal a brute-force count over the raw
 * events the rollups have folded in, read straight from the analytics database; the mapping
 * feedback ratio counts reports made on an admin-verified mapping (no mapping engine: its caches
 * must stay cold for mapping.test.ts; verifying checks the video with YouTube, so under YouTube's
 * simulator lock, as streaming.test.ts does; the whole file holds Spotify's). Non-admins get FORBIDDEN.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOMMENDATION_BOUNDS, type RecommendationPolicy } from '../../subgraphs/analytics/recommendations/policy.js';
import { bruteForceRecommendations, type Play } from '../../subgraphs/analytics/recommendations/testing.js';
import { graphql, login, register, stack, type SignedIn } from '../harness/client.js';
import { catalogueTracks, expectError, ok, verifiedMapping } from '../harness/library.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';
import { TEST_ADMIN } from '../harness/test-env.js';

const RECORD = 'mutation ($input: RecordListeningInput!) { recordListening(input: $input) { id } }';
const SET_LANGUAGE = 'mutation ($id: ID!, $language: String) { setTrackLanguage(trackId: $id, language: $language) { id language } }';
const LANGUAGES = 'query ($ids: [ID!]!) { tracks(ids: $ids) { id language } }';
const RECOMMENDATIONS = `query ($first: Int, $language: String, $preferred: Boolean) {
  me { recommendations(first: $first, language: $language, preferredLanguages: $preferred) {
    computedAt languages items { track { id } score becauseYouPlayed { id } } } } }`;
const REFRESH = 'mutation { refreshRecommendations { users recommendations computedAt } }';
const KPIS = `query ($days: Int) { analyticsKpis(days: $days) {
  from to activeUsers monthlyActiveUsers plays mappingReports mappingFeedbackRatio
  days { date dailyActiveUsers monthlyActiveUsers plays mappingReports mappingFeedbackRatio } } }`;
const REPORT_WRONG = 'mutation ($id: ID!) { reportWrongMapping(trackId: $id) { reportCount } }';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Item {
  track: { id: string };
  score: number;
  becauseYouPlayed: { id: string };
}
interface Recommendations {
  computedAt: string | null;
  languages: string[] | null;
  items: Item[];
}

let admin: string;
let t: string[];
const sent: Play[] = [];
const listeners = new Map<string, SignedIn>();
let ada: SignedIn;
let analyticsDb: pg.Client;

/** The policy the test stack runs with: config defaults, the bounds of the code. */
const policy = (): RecommendationPolicy => ({ activeDays: 30, windowDays: 90, sessionGapMinutes: 30, halfLifeDays: 14, ...RECOMMENDATION_BOUNDS });

async function listen(user: SignedIn, trackId: string, playedAt: Date) {
  const eventId = randomUUID();
  await ok(RECORD, { input: { eventId, trackId, playedMs: 1000, playedAt: playedAt.toISOString() } }, user.accessToken);
  sent.push({ eventId, userId: user.user.id, trackId, playedAt });
}

/** One listening session: the tracks 3 minutes apart, starting `ago` ms before now. */
async function session(user: SignedIn, trackIds: string[], ago: number) {
  const start = Date.now() - ago;
  for (const [i, id] of trackIds.entries()) await listen(user, id, new Date(start + i * 3 * MINUTE));
}

const recommendations = async (variables: Record<string, unknown> = {}, user = ada) =>
  (await ok<{ me: { recommendations: Recommendations } }>(RECOMMENDATIONS, { first: 100, ...variables }, user.accessToken)).me.recommendations;

/** The brute force for ada as of the run that computed `computedAt`. */
const expectedFor = (computedAt: string) => bruteForceRecommendations(sent, policy(), new Date(computedAt)).get(ada.user.id) ?? [];

function expectRanking(got: Recommendations, keep: (trackId: string) => boolean = () => true) {
  const expected = expectedFor(got.computedAt!).filter((e) => keep(e.trackId));
  expect(got.items.map((i) => [i.track.id, i.becauseYouPlayed.id])).toEqual(expected.map((e) => [e.trackId, e.reasonTrackId]));
  got.items.forEach((item, i) => expect(item.score).toBeCloseTo(expected[i]!.score, 9));
}

beforeAll(async () => {
  // Track languages and facts are read through the catalog (Spotify): other files count those calls.
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  admin = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login.accessToken;
  t = (await catalogueTracks(17_000, 12)).map((track) => track.id);
  // The languages the filter will see: set by the admin (which lyrics' detection does not override),
  // then read back through the gateway until lyrics answers them.
  const languages: Record<number, string> = { 0: 'es', 1: 'es', 2: 'es', 3: 'pt', 4: 'es', 5: 'zxx', 6: 'ja', 7: 'es', 8: 'pt', 9: 'fr', 10: 'es', 11: 'de' };
  for (const [i, language] of Object.entries(languages)) await ok(SET_LANGUAGE, { id: t[Number(i)], language }, admin);
  const read = await ok<{ tracks: { id: string; language: string | null }[] }>(LANGUAGES, { ids: t });
  expect(read.tracks.map((x) => x.language)).toEqual(t.map((_, i) => languages[i]));

  const url = new URL(stack().databaseUrl);
  url.pathname = `/${stack().env.DATABASE_NAME_PREFIX}analytics`;
  analyticsDb = new pg.Client({ connectionString: url.toString() });
  await analyticsDb.connect();

  const names = ['ada', 'bob', 'cy', 'dee', 'eve'];
  for (const name of names) listeners.set(name, await register({ deviceName: `${name}'s phone` }));
  ada = listeners.get('ada')!;
  const [bob, cy, dee, eve] = ['bob', 'cy', 'dee', 'eve'].map((name) => listeners.get(name)!) as [SignedIn, SignedIn, SignedIn, SignedIn];
  // ada's seeds: t0 and t1 (Spanish); t8 long ago in one session with t9.
  await session(ada, [t[0]!, t[1]!], 2 * DAY);
  await session(ada, [t[0]!], 6 * HOUR);
  await session(ada, [t[8]!], 60 * DAY);
  // Others: sessions through ada's seeds, with gaps of 30 minutes or more splitting some.
  await session(bob, [t[0]!, t[2]!, t[3]!], DAY);
  await session(bob, [t[0]!, t[2]!], 20 * DAY);
  await session(cy, [t[1]!, t[2]!, t[4]!], 3 * DAY);
  await session(cy, [t[1]!, t[5]!], 3 * DAY - 45 * MINUTE); // 45 minutes later: a session of its own
  await session(dee, [t[0]!, t[6]!, t[7]!], 10 * DAY);
  await session(dee, [t[8]!, t[9]!], 40 * DAY);
  await session(dee, [t[1]!, t[10]!], 5 * HOUR);
  // eve's tracks never meet ada's seeds: t11 is nobody's neighbour of them.
  await session(eve, [t[2]!, t[11]!], 2 * HOUR);
}, LOCK_WAIT_MS + 120_000);

afterAll(async () => {
  await analyticsDb?.end();
  await releaseSimulatorLock('spotify');
});

describe('recommendations', () => {
  it('are filled by the scheduled job, ranked as the brute force over the sessions ranks them', { timeout: 60_000 }, async () => {
    const recorded = Date.now();
    let got: Recommendations;
    for (;;) {
      got = await recommendations();
      if (got.computedAt && Date.parse(got.computedAt) > recorded) break;
      if (Date.now() - recorded > 45_000) throw new Error(`no run after the listens: ${JSON.stringify(got)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(got.languages).toBeNull();
    expectRanking(got);
    // Neighbours of ada's seeds (t0, t1, t8) only; t11 co-occurs with none of them.
    expect(got.items.map((i) => i.track.id).sort()).toEqual([t[2], t[3], t[4], t[5], t[6], t[7], t[9], t[10]].sort());
    // t9 only ever met t8, which ada played 60 days ago (inside the 90-day window): t8 is why.
    expect(got.items.find((i) => i.track.id === t[9])?.becauseYouPlayed.id).toBe(t[8]);
  });

  it('never include a played track, however long ago or since the run', async () => {
    const run = (await ok<{ refreshRecommendations: { users: number; recommendations: number; computedAt: string } }>(REFRESH, {}, admin)).refreshRecommendations;
    expect(run.users).toBeGreaterThanOrEqual(5);
    const before = await recommendations();
    const played = new Set(sent.filter((p) => p.userId === ada.user.id).map((p) => p.trackId));
    expect(before.items.some((i) => played.has(i.track.id))).toBe(false);
    const top = before.items[0]!.track.id;
    await listen(ada, top, new Date(Date.now() - MINUTE));
    const after = await recommendations();
    expect(after.items.map((i) => i.track.id)).not.toContain(top);
    // Left out at once, before any run: the same list without it (a scheduled run since may have re-ranked).
    if (after.computedAt === before.computedAt) expect(after.items.map((i) => i.track.id)).toEqual(before.items.map((i) => i.track.id).filter((id) => id !== top));
    expect((await recommendations({ first: 2 })).items).toHaveLength(2);
  });

  it('filter by language (unknown and undetermined left out) and by the user’s preferred languages', async () => {
    // A run that saw every listen so far (the brute force below counts them all).
    await ok(REFRESH, {}, admin);
    const { tracks } = await ok<{ tracks: { id: string; language: string | null }[] }>(LANGUAGES, { ids: t });
    const language = new Map(tracks.map((x) => [x.id, x.language]));
    const spanish = await recommendations({ language: 'es' });
    expect(spanish.languages).toEqual(['es']);
    expect(spanish.items.length).toBeGreaterThan(1);
    expectRanking(spanish, (id) => language.get(id) === 'es' && !sent.some((p) => p.userId === ada.user.id && p.trackId === id));
    // ISO 639-3 and upper case name the same language.
    expect((await recommendations({ language: 'SPA' })).items).toEqual(spanish.items);
    expect((await recommendations({ language: 'zxx' })).items.map((i) => i.track.id)).toEqual([t[5]]);
    expect((await recommendations({ language: 'ko' })).items).toEqual([]);
    // ada's plays: Spanish ones, and t8 (Portuguese) once, over 10 % of them: both preferred, most played first.
    const preferred = await recommendations({ preferred: true });
    expect(preferred.languages).toEqual(['es', 'pt']);
    expectRanking(preferred, (id) => ['es', 'pt'].includes(language.get(id) ?? '') && !sent.some((p) => p.userId === ada.user.id && p.trackId === id));
  });

  it('refuse bad arguments with BAD_USER_INPUT naming the argument, and a stranger’s refresh with FORBIDDEN', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ language: 'xx' }, 'language'],
      [{ language: 'und' }, 'language'],
      [{ language: 'es', preferred: true }, 'preferredLanguages'],
    ];
    for (const [variables, field] of cases) {
      expectError(await graphql(RECOMMENDATIONS, { first: 10, ...variables }, { token: ada.accessToken }), 'BAD_USER_INPUT', field);
    }
    expectError(await graphql(REFRESH, {}, { token: ada.accessToken }), 'FORBIDDEN');
    expectError(await graphql(REFRESH), 'UNAUTHENTICATED');
  });

  it('are empty, with no computedAt, for a user no run considered yet', async () => {
    const newcomer = await register();
    expect(await recommendations({}, newcomer)).toEqual({ computedAt: null, languages: null, items: [] });
  });
});

describe('admin KPIs', () => {
  interface Kpis {
    from: string;
    to: string;
    activeUsers: number;
    monthlyActiveUsers: number;
    plays: number;
    mappingReports: number;
    mappingFeedbackRatio: number | null;
    days: { date: string; dailyActiveUsers: number; monthlyActiveUsers: number; plays: number; mappingReports: number; mappingFeedbackRatio: number | null }[];
  }
  const kpis = async (days: number) => (await ok<{ analyticsKpis: Kpis }>(KPIS, { days }, admin)).analyticsKpis;
  /** What the rollups have folded in: ingest_xid below the watermark. */
  const watermark = async () => (await analyticsDb.query(`SELECT processed_below::text AS w FROM listening_rollup_watermark WHERE name = 'listening'`)).rows[0].w as string;
  const folded = async (w: string) =>
    (await analyticsDb.query(`SELECT user_id, played_at FROM listening_events WHERE ingest_xid < $1::xid8`, [w])).rows as { user_id: string; played_at: Date }[];

  it('equal a brute-force count over the raw events folded into the rollups', { timeout: 60_000 }, async () => {
    await ok('mutation { refreshListeningRollups { events } }', {}, admin);
    // The rollup job runs every second: take the KPIs between two readings that fold the same events.
    let got: Kpis | undefined;
    let events: { user_id: string; played_at: Date }[] = [];
    for (let attempt = 0; attempt < 40 && !got; attempt++) {
      const w1 = await watermark();
      const read = await kpis(45);
      const w2 = await watermark();
      const [a, b] = [await folded(w1), await folded(w2)];
      if (a.length === b.length) [got, events] = [read, a];
    }
    expect(got, 'no quiet moment between rollup runs').toBeDefined();
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const byDay = new Map<string, { users: Set<string>; plays: number }>();
    for (const e of events) {
      const entry = byDay.get(day(e.played_at)) ?? { users: new Set(), plays: 0 };
      entry.users.add(e.user_id);
      entry.plays++;
      byDay.set(day(e.played_at), entry);
    }
    expect(got!.days).toHaveLength(45);
    expect(got!.days.at(-1)!.date).toBe(day(new Date()));
    for (const d of got!.days) {
      const monthUsers = new Set<string>();
      for (let back = 0; back < 30; back++) for (const u of byDay.get(day(new Date(Date.parse(d.date) - back * DAY)))?.users ?? []) monthUsers.add(u);
      expect({ date: d.date, dau: d.dailyActiveUsers, mau: d.monthlyActiveUsers, plays: d.plays }).toEqual({
        date: d.date,
        dau: byDay.get(d.date)?.users.size ?? 0,
        mau: monthUsers.size,
        plays: byDay.get(d.date)?.plays ?? 0,
      });
      expect(d.mappingFeedbackRatio).toBe(d.plays > 0 ? d.mappingReports / d.plays : null);
    }
    const inRange = events.filter((e) => day(e.played_at) >= got!.days[0]!.date && day(e.played_at) <= got!.days.at(-1)!.date);
    expect(got!.plays).toBe(inRange.length);
    expect(got!.activeUsers).toBe(new Set(inRange.map((e) => e.user_id)).size);
    expect(got!.monthlyActiveUsers).toBe(got!.days.at(-1)!.monthlyActiveUsers);
    // This file's five listeners are among them, on the days they played.
    const adaDays = new Set(sent.filter((p) => p.userId === ada.user.id).map((p) => day(p.playedAt)));
    for (const d of got!.days.filter((x) => adaDays.has(x.date))) expect(d.dailyActiveUsers).toBeGreaterThanOrEqual(1);
  });

  it('count mapping reports of the day in the feedback ratio', { timeout: LOCK_WAIT_MS + 60_000 }, async () => {
    await holdSimulatorLock('youtube');
    let trackId = '';
    try {
      trackId = (await verifiedMapping(admin, 17200)).id;
    } finally {
      await releaseSimulatorLock('youtube');
    }
    const before = (await kpis(1)).days[0]!;
    // Two listeners report the (verified) mapping wrong: counted, and no re-map (an admin decided).
    for (const name of ['bob', 'cy']) await ok(REPORT_WRONG, { id: trackId }, listeners.get(name)!.accessToken);
    const after = await kpis(1);
    const today = after.days[0]!;
    expect(today.mappingReports).toBeGreaterThanOrEqual(before.mappingReports + 2);
    expect(after.mappingReports).toBe(today.mappingReports);
    expect(today.plays).toBeGreaterThan(0);
    expect(today.mappingFeedbackRatio).toBe(today.mappingReports / today.plays);
    expect(after.mappingFeedbackRatio).toBe(after.mappingReports / after.plays);
  });

  it('are for admins only, with days from 1 to 366', async () => {
    expectError(await graphql(KPIS, { days: 7 }, { token: ada.accessToken }), 'FORBIDDEN');
    expectError(await graphql(KPIS, { days: 7 }), 'UNAUTHENTICATED');
    for (const days of [0, 367]) expectError(await graphql(KPIS, { days }, { token: admin }), 'BAD_USER_INPUT', 'days');
  });
});
