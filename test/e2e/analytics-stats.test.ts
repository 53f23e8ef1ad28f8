/**
 * Listening events and stats through the gateway. Several users listen to several tracks over many
 * days, through `recordListening` and through streaming's `reportListening` (the analytics-listening
 * queue); duplicates and invalid events are refused or ignored; then, after the rollups ran
 * (`refreshListeningRollups`, admins only), every field of `stats` for every range equals a
 * brute-force computation here over the events this test sent, with artists and languages as the
 * gateway's `Track` reports them; and `recentlyPlayed` pages through every listen, newest first.
 * Tracks come from the simulator's catalogue at offsets no mapping test uses.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphql, login, register, type SignedIn } from '../harness/client.js';
import { catalogueTracks, expectError, ok, type CatalogueTrack } from '../harness/library.js';
import { TEST_ADMIN } from '../harness/test-env.js';

const RECORD = 'mutation ($input: RecordListeningInput!) { recordListening(input: $input) { id playedMs playedAt } }';
const ACTIVITY = 'mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id kind query positionMs track { id } } }';
const REPORT = 'mutation ($input: ReportListeningInput!) { reportListening(input: $input) { eventId } }';
const REFRESH = 'mutation { refreshListeningRollups { events trackFacts } }';
const STATS = `query ($range: StatsRange!) { me { stats(range: $range) {
  range since plays listeningMs
  topTracks(first: 50) { track { id } plays listeningMs }
  topArtists(first: 50) { artist { id } plays listeningMs }
  topLanguages(first: 50) { language plays listeningMs }
  playsPerDay { day plays listeningMs }
} } }`;
const RECENT = 'query ($after: String) { me { recentlyPlayed(first: 7, after: $after) { edges { cursor node { id playedAt playedMs track { id } } } pageInfo { hasNextPage endCursor } } } }';

const DAY = 86_400_000;
const RANGES = { WEEK: 7, MONTH: 30, YEAR: 365, ALL: null } as const;

interface Sent {
  eventId: string;
  userId: string;
  trackId: string;
  playedMs: number;
  playedAt: Date;
}

let tracks: CatalogueTrack[];
let admin: string;
const facts = new Map<string, { artists: string[]; language: string | null }>();

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const todayStart = () => Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());

async function gatewayFacts() {
  const { tracks: found } = await ok<{ tracks: { id: string; language: string | null; artists: { id: string }[] }[] }>(
    'query ($ids: [ID!]!) { tracks(ids: $ids) { id language artists { id } } }',
    { ids: tracks.map((t) => t.id) },
  );
  for (const t of found) facts.set(t.id, { artists: t.artists.map((a) => a.id), language: t.language });
}

beforeAll(async () => {
  tracks = await catalogueTracks(16_000, 8);
  admin = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login.accessToken;
  // Lyrics detects languages in the background as tracks enter the catalogue: let it settle first.
  for (let tries = 0; tries < 50; tries++) {
    await gatewayFacts();
    if ([...facts.values()].every((f) => f.language !== null)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

/** The brute force: stats of `userId` over `range`, from the raw events sent. */
function expected(sent: Sent[], userId: string, range: keyof typeof RANGES) {
  const days = RANGES[range];
  const since = days === null ? null : utcDay(new Date(todayStart() - (days - 1) * DAY));
  const mine = sent.filter((e) => e.userId === userId && (since === null || utcDay(e.playedAt) >= since));
  const tally = (keys: (e: Sent) => string[]) => {
    const by = new Map<string, { plays: number; listeningMs: number }>();
    for (const e of mine) {
      for (const key of new Set(keys(e))) {
        const t = by.get(key) ?? { plays: 0, listeningMs: 0 };
        t.plays += 1;
        t.listeningMs += e.playedMs;
        by.set(key, t);
      }
    }
    return [...by.entries()]
      .sort(([ka, a], [kb, b]) => b.plays - a.plays || b.listeningMs - a.listeningMs || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([key, t]) => ({ key, ...t }));
  };
  return {
    range,
    since,
    plays: mine.length,
    listeningMs: mine.reduce((sum, e) => sum + e.playedMs, 0),
    topTracks: tally((e) => [e.trackId]).map(({ key, ...t }) => ({ track: { id: key }, ...t })),
    topArtists: tally((e) => facts.get(e.trackId)!.artists).map(({ key, ...t }) => ({ artist: { id: key }, ...t })),
    topLanguages: tally((e) => {
      const language = facts.get(e.trackId)!.language;
      return language === null ? [] : [language];
    }).map(({ key, ...t }) => ({ language: key, ...t })),
    playsPerDay: tally((e) => [utcDay(e.playedAt)])
      .map(({ key, ...t }) => ({ day: key, ...t }))
      .sort((a, b) => (a.day < b.day ? -1 : 1)),
  };
}

describe('listening events and stats', () => {
  const sent: Sent[] = [];
  let users: SignedIn[];

  it('records listens from the mutation and the streaming queue, refusing or ignoring bad and repeated ones', async () => {
    users = await Promise.all([register(), register(), register()]);
    const dayOffsets = [0, 1, 3, 6, 7, 10, 29, 30, 45, 200, 364, 365, 400];
    for (const [u, user] of users.entries()) {
      for (const [i, days] of dayOffsets.entries()) {
        if ((i + u) % 4 === 3) continue; // users differ
        const track = tracks[(i * (u + 1)) % tracks.length]!;
        const playedAt = new Date(days === 0 ? Date.now() - 60_000 : todayStart() - days * DAY + ((i * 7919) % DAY));
        const event = { eventId: randomUUID(), trackId: track.id, playedMs: Math.floor(track.durationMs * ((i + 1) / 14)), playedAt: playedAt.toISOString() };
        const data = await ok(RECORD, { input: event }, user.accessToken);
        expect(data.recordListening.id).toBe(event.eventId);
        sent.push({ eventId: event.eventId, userId: user.user.id, trackId: track.id, playedMs: event.playedMs, playedAt });
      }
      // The same track played twice on one day adds up.
      const again = sent.filter((e) => e.userId === user.user.id)[0]!;
      const repeat = { eventId: randomUUID(), trackId: again.trackId, playedMs: 1234, playedAt: new Date(again.playedAt.getTime() + 1000).toISOString() };
      await ok(RECORD, { input: repeat }, user.accessToken);
      sent.push({ ...repeat, userId: user.user.id, playedAt: new Date(repeat.playedAt) });
    }

    // Through streaming's reports and the analytics-listening queue.
    for (const [u, user] of users.entries()) {
      const device = (await ok('mutation { registerDevice(input: { name: "Phone", kind: MOBILE }) { id } }', {}, user.accessToken)).registerDevice.id;
      for (const hoursAgo of [2, 26 + u, 24 * 5]) {
        const track = tracks[(hoursAgo + u) % tracks.length]!;
        const input = {
          eventId: randomUUID(),
          deviceId: device,
          trackId: track.id,
          playedMs: Math.floor(track.durationMs / 2),
          trackDurationMs: track.durationMs,
          outcome: 'COMPLETED',
          source: 'ALBUM',
          sourceId: null,
          startedAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
        };
        await ok(REPORT, { input }, user.accessToken);
        sent.push({ eventId: input.eventId, userId: user.user.id, trackId: track.id, playedMs: input.playedMs, playedAt: new Date(input.startedAt) });
      }
    }

    const [alice, bob] = users as [SignedIn, SignedIn];
    const first = sent.find((e) => e.userId === alice.user.id)!;
    // The same user's repeat is ignored: the event as first recorded.
    const repeated = await ok(RECORD, { input: { eventId: first.eventId.toUpperCase(), trackId: first.trackId, playedMs: 1, playedAt: new Date().toISOString() } }, alice.accessToken);
    expect(repeated.recordListening).toEqual({ id: first.eventId, playedMs: first.playedMs, playedAt: first.playedAt.toISOString() });
    // Another user's event id is a conflict.
    const stolen = await graphql(RECORD, { input: { eventId: first.eventId, trackId: first.trackId, playedMs: 1, playedAt: new Date().toISOString() } }, { token: bob.accessToken });
    expect(errorCodes(stolen)).toEqual(['CONFLICT']);
    const track = tracks[0]!;
    const valid = () => ({ eventId: randomUUID(), trackId: track.id, playedMs: 1000, playedAt: new Date().toISOString() });
    const cases: [Record<string, unknown>, string][] = [
      [{ playedAt: new Date(Date.now() + 10 * 60_000).toISOString() }, 'input.playedAt'],
      [{ playedMs: track.durationMs + 1 }, 'input.playedMs'],
      [{ playedMs: -5 }, 'input.playedMs'],
      [{ trackId: 'nope' }, 'input.trackId'],
      [{ trackId: '0000000000000000000000' }, 'input.trackId'],
      [{ eventId: 'not-a-uuid' }, 'input.eventId'],
    ];
    for (const [override, field] of cases) {
      expectError(await graphql(RECORD, { input: { ...valid(), ...override } }, { token: alice.accessToken }), 'BAD_USER_INPUT', field);
    }
    expect(errorCodes(await graphql(RECORD, { input: valid() }))).toEqual(['UNAUTHENTICATED']);

    // Other events share the path: kept apart from listens, with the same checks.
    const search = await ok(ACTIVITY, { input: { eventId: randomUUID(), kind: 'SEARCH', at: new Date().toISOString(), query: 'never gonna' } }, alice.accessToken);
    expect(search.recordActivity).toMatchObject({ kind: 'SEARCH', query: 'never gonna', track: null });
    const skip = { eventId: randomUUID(), kind: 'SKIP', at: new Date().toISOString(), trackId: track.id, positionMs: 5000 };
    expect((await ok(ACTIVITY, { input: skip }, alice.accessToken)).recordActivity).toMatchObject({ kind: 'SKIP', positionMs: 5000, track: { id: track.id } });
    expect((await ok(ACTIVITY, { input: skip }, alice.accessToken)).recordActivity.id).toBe(skip.eventId);
    await ok(ACTIVITY, { input: { eventId: randomUUID(), kind: 'LIKE', at: new Date().toISOString(), trackId: track.id } }, alice.accessToken);
    expect(errorCodes(await graphql(ACTIVITY, { input: skip }, { token: bob.accessToken }))).toEqual(['CONFLICT']);
    expect(errorCodes(await graphql(ACTIVITY, { input: { ...skip, kind: 'LIKE', eventId: first.eventId, positionMs: null } }, { token: alice.accessToken }))).toEqual(['CONFLICT']);
    for (const [override, field] of [
      [{ positionMs: track.durationMs + 1 }, 'input.positionMs'],
      [{ kind: 'SEARCH' }, 'input.query'],
      [{ kind: 'LIKE', trackId: null }, 'input.trackId'],
      [{ at: new Date(Date.now() + 3600_000).toISOString() }, 'input.at'],
    ] as [Record<string, unknown>, string][]) {
      expectError(await graphql(ACTIVITY, { input: { ...skip, eventId: randomUUID(), ...override } }, { token: alice.accessToken }), 'BAD_USER_INPUT', field);
    }

    // Every queued report recorded (history shows raw listens at once).
    for (const user of users) {
      const count = sent.filter((e) => e.userId === user.user.id).length;
      for (let tries = 0; ; tries++) {
        const page = (await ok(`query { me { recentlyPlayed(first: 100) { nodes { id } } } }`, {}, user.accessToken)).me.recentlyPlayed.nodes;
        if (page.length === count) break;
        if (tries > 100) throw new Error(`${page.length} of ${count} listens recorded`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });

  it('only admins run the rollups on demand', async () => {
    expect(errorCodes(await graphql(REFRESH, {}, { token: users[0]!.accessToken }))).toEqual(['FORBIDDEN']);
    const { refreshListeningRollups } = await ok(REFRESH, {}, admin);
    expect(refreshListeningRollups.events).toBeGreaterThanOrEqual(0);
    // Run again at once: nothing left to fold in (the scheduled job may have taken some first).
    expect((await ok(REFRESH, {}, admin)).refreshListeningRollups.events).toBe(0);
  });

  it('gives stats equal to a brute-force computation over the events sent, for every range', async () => {
    // Languages lyrics only settled now are fetched again after ANALYTICS_TRACK_LANGUAGE_RETRY_SECONDS.
    for (let tries = 0; ; tries++) {
      await gatewayFacts();
      await ok(REFRESH, {}, admin);
      const mismatches: string[] = [];
      for (const user of users) {
        for (const range of Object.keys(RANGES) as (keyof typeof RANGES)[]) {
          const stats = (await ok(STATS, { range }, user.accessToken)).me.stats;
          const want = expected(sent, user.user.id, range);
          if (JSON.stringify(stats) !== JSON.stringify(want)) mismatches.push(`${range}: ${JSON.stringify(stats)} != ${JSON.stringify(want)}`);
        }
      }
      if (mismatches.length === 0) break;
      if (tries > 10) expect(mismatches).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1200));
    }
    // The ranges do differ on this data, so each was really checked.
    const alice = users[0]!.user.id;
    expect(new Set(Object.keys(RANGES).map((r) => expected(sent, alice, r as keyof typeof RANGES).plays)).size).toBe(4);
    // Nothing double-counted: totals equal the distinct events sent.
    const all = (await ok('query { me { listeningStats { totalListens } } }', {}, users[0]!.accessToken)).me.listeningStats.totalListens;
    expect(all).toBe(sent.filter((e) => e.userId === alice).length);
  });

  it('pages recentlyPlayed completely, newest first', async () => {
    for (const user of users) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await ok(RECENT, { after }, user.accessToken)).me.recentlyPlayed;
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const want = sent
        .filter((e) => e.userId === user.user.id)
        .sort((a, b) => b.playedAt.getTime() - a.playedAt.getTime() || (a.eventId < b.eventId ? 1 : -1))
        .map((e) => e.eventId);
      expect(seen).toEqual(want);
    }
    expectError(await graphql(RECENT, { after: 'garbage' }, { token: users[0]!.accessToken }), 'BAD_USER_INPUT', 'after');
  });

  it("keeps a user's stats and history from other users, but not from admins", async () => {
    const [alice, bob] = users as [SignedIn, SignedIn];
    const query = 'query ($id: ID!) { user(id: $id) { stats(range: ALL) { plays } } }';
    expect(errorCodes(await graphql(query, { id: alice.user.id }, { token: bob.accessToken }))).toContain('FORBIDDEN');
    const history = 'query ($id: ID!) { user(id: $id) { recentlyPlayed { nodes { id } } } }';
    expect(errorCodes(await graphql(history, { id: alice.user.id }, { token: bob.accessToken }))).toContain('FORBIDDEN');
    const asAdmin = await ok(query, { id: alice.user.id }, admin);
    expect(asAdmin.user.stats.plays).toBe(sent.filter((e) => e.userId === alice.user.id).length);
  });
});
