/**
 * The event store and the rollups against a real PostgreSQL (DATABASE_URL, default 127.0.0.1:5432),
 * in the database `test_helper_events_analytics`, migrated from scratch by the subgraph's own
 * migrations: partition routing, validation, idempotency (also under concurrency), and rollups
 * counting every event exactly once when run twice or concurrently.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_NAME_PREFIX = 'test_helper_events_';
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { analyticsEntities } = await import('./entities.js');
const { analyticsMigrations } = await import('./migrations/index.js');
const { listeningHistory, recordActivity, recordListening, recentlyPlayed } = await import('./listening-events.js');
const { recordEvents } = await import('./event-recording.js');
const { runListeningRollup } = await import('./rollups.js');
const { listenCount, listeningStats, statsScope, statsTotals, topTracks, playsPerDay } = await import('./listening-stats.js');
type NewListen = import('./event-recording.js').NewListen;

let db: DataSource;

beforeAll(async () => {
  db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
  await db.query('TRUNCATE listening_events, activity_events, listening_event_ids, listening_daily_tracks, listening_daily_users, listening_user_totals, listening_track_totals');
  await runListeningRollup(db);
});

afterAll(async () => {
  await db?.destroy();
});

const TRACK_A = '4uLU6hMCjMI75M1A2tKUQC';
const TRACK_B = '7qiZfU4dY1lWllzX7mPBI3';

function listen(userId: string, overrides: Partial<Omit<NewListen, 'kind'>> = {}): Omit<NewListen, 'kind'> {
  return { eventId: randomUUID(), userId, trackId: TRACK_A, playedMs: 180_000, at: new Date('2026-01-01T10:00:00Z'), deviceId: null, durationLimitMs: 200_000, ...overrides };
}

const rows = async (eventId: string) => (await db.query('SELECT count(*)::int AS n FROM listening_events WHERE event_id = $1', [eventId]))[0].n as number;

describe('recordListening', () => {
  it('stores a new event in the partition of its month and returns it', async () => {
    const event = listen(randomUUID(), { deviceId: 'kitchen', at: new Date('2025-03-15T12:00:00Z') });
    const { event: stored, created } = await recordListening(db, event);
    expect(created).toBe(true);
    expect(stored).toMatchObject({ eventId: event.eventId, userId: event.userId, trackId: TRACK_A, playedMs: 180_000, playedAt: event.at, deviceId: 'kitchen' });
    const [{ partition }] = await db.query('SELECT tableoid::regclass::text AS partition FROM listening_events WHERE event_id = $1', [event.eventId]);
    expect(partition).toBe('listening_events_y2025m03');
  });

  it('creates the partition of a month outside the migration window on demand, not the DEFAULT', async () => {
    const event = listen(randomUUID(), { at: new Date('2019-07-31T23:59:59.999Z') });
    await recordListening(db, event);
    const [{ partition }] = await db.query('SELECT tableoid::regclass::text AS partition FROM listening_events WHERE event_id = $1', [event.eventId]);
    expect(partition).toBe('listening_events_y2019m07');
    expect((await db.query('SELECT count(*)::int AS n FROM listening_events_default'))[0].n).toBe(0);
  });

  it('is idempotent: the same event id twice stores one row and returns the first report', async () => {
    const first = listen(randomUUID());
    const a = await recordListening(db, first);
    const b = await recordListening(db, { ...first, playedMs: 1, at: new Date('2026-01-02T00:00:00Z') });
    expect(b.created).toBe(false);
    expect(b.event).toEqual(a.event);
    expect(await rows(first.eventId)).toBe(1);
  });

  it('stores one row when the same event races in concurrently, even with different times (other partitions)', async () => {
    const event = listen(randomUUID());
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => recordListening(db, { ...event, at: new Date(Date.UTC(2025, i, 10)) })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.event.playedAt.getTime())).size).toBe(1);
    expect(await rows(event.eventId)).toBe(1);
  });

  it("refuses another user's event id with CONFLICT and leaves the event alone", async () => {
    const event = listen(randomUUID());
    await recordListening(db, event);
    await expect(recordListening(db, { ...event, userId: randomUUID() })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    const [row] = await db.query('SELECT user_id FROM listening_events WHERE event_id = $1', [event.eventId]);
    expect(row.user_id).toBe(event.userId);
  });

  it.each([
    ['playedAt', { at: new Date(Date.now() + 6 * 60_000) }],
    ['playedMs', { playedMs: 200_001 }],
    ['playedMs', { playedMs: -1 }],
  ])('refuses a bad %s with BAD_USER_INPUT naming it, writing nothing', async (field, override) => {
    const event = listen(randomUUID(), override);
    await expect(recordListening(db, event, 'input.')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` } });
    expect(await rows(event.eventId)).toBe(0);
    expect((await db.query('SELECT count(*)::int AS n FROM listening_event_ids WHERE event_id = $1', [event.eventId]))[0].n).toBe(0);
  });

  it('reports each event of a batch: created, duplicate (same user), conflict (other user or kind), invalid', async () => {
    const userId = randomUUID();
    const a = { ...listen(userId), kind: 'LISTEN' as const };
    const outcomes = await recordEvents(db, [
      a,
      { ...a },
      { ...a, userId: randomUUID() },
      { ...listen(userId, { playedMs: 999_999 }), kind: 'LISTEN' },
      { kind: 'LIKE', eventId: a.eventId, userId, at: a.at, trackId: TRACK_A, positionMs: null, query: null, deviceId: null, durationLimitMs: null },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['created', 'duplicate', 'conflict', 'invalid', 'conflict']);
    expect(await rows(a.eventId)).toBe(1);
  });
});

describe('recordActivity', () => {
  it('stores searches, skips and likes through the same path, idempotently', async () => {
    const userId = randomUUID();
    const at = new Date('2026-01-05T08:00:00Z');
    const search = await recordActivity(db, { kind: 'SEARCH', eventId: randomUUID(), userId, at, trackId: null, positionMs: null, query: 'rick astley', deviceId: null, durationLimitMs: null });
    expect(search.event).toMatchObject({ kind: 'SEARCH', query: 'rick astley', trackId: null });
    const skip = { kind: 'SKIP' as const, eventId: randomUUID(), userId, at, trackId: TRACK_A, positionMs: 30_000, query: null, deviceId: null, durationLimitMs: 200_000 };
    expect((await recordActivity(db, skip)).created).toBe(true);
    expect((await recordActivity(db, skip)).created).toBe(false);
    await expect(recordActivity(db, { ...skip, eventId: randomUUID(), positionMs: 200_001 }, 'input.')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.positionMs' },
    });
    await expect(recordActivity(db, { ...skip, eventId: randomUUID(), kind: 'LIKE' }, 'input.')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.positionMs' },
    });
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM activity_events WHERE user_id = $1', [userId]);
    expect(n).toBe(2);
    // Activities are not listens.
    expect(await listeningHistory(db, userId, 10)).toEqual([]);
  });
});

describe('history', () => {
  it('pages a user’s listens newest first by keyset, complete and only theirs', async () => {
    const userId = randomUUID();
    for (const day of [1, 3, 2, 3]) await recordListening(db, listen(userId, { at: new Date(`2026-02-0${day}T00:00:00Z`) }));
    await recordListening(db, listen(randomUUID()));
    const all = await listeningHistory(db, userId, 10);
    expect(all.map((e) => e.playedAt.toISOString())).toEqual(['2026-02-03T00:00:00.000Z', '2026-02-03T00:00:00.000Z', '2026-02-02T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    const first = await recentlyPlayed(db, userId, null, 2);
    const rest = await recentlyPlayed(db, userId, [first[1]!.playedAt, first[1]!.eventId], 10);
    expect([...first, ...rest].map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
  });
});

describe('rollups', () => {
  it('count every event exactly once, run twice or concurrently, with late events in their own day', async () => {
    await runListeningRollup(db);
    const userId = randomUUID();
    const events = Array.from({ length: 60 }, (_, i) =>
      listen(userId, { trackId: i % 3 === 0 ? TRACK_B : TRACK_A, playedMs: 1000 + i, at: new Date(Date.UTC(2026, 0, 1 + (i % 5), 12)) }),
    );
    // Written concurrently, in several transactions, while rollups run concurrently too.
    const writes = Promise.all(events.map((event) => recordListening(db, event)));
    const runs = Promise.all([runListeningRollup(db), runListeningRollup(db)]);
    await Promise.all([writes, runs]);
    await Promise.all([runListeningRollup(db), runListeningRollup(db), runListeningRollup(db)]);
    // A late event, played long ago, recorded now.
    await recordListening(db, listen(userId, { playedMs: 5, at: new Date('2024-06-01T01:00:00Z') }));
    await runListeningRollup(db);
    expect((await runListeningRollup(db)).events).toBe(0);

    const all = statsScope(userId, 'ALL');
    const expectedMs = events.reduce((sum, e) => sum + e.playedMs, 0) + 5;
    expect(await statsTotals(db, all)).toEqual({ plays: 61, listeningMs: expectedMs });
    const days = await playsPerDay(db, all);
    expect(days[0]).toEqual({ day: '2024-06-01', plays: 1, listeningMs: 5 });
    expect(days.slice(1).map((d) => d.plays)).toEqual([12, 12, 12, 12, 12]);
    const top = await topTracks(db, all, 10);
    expect(top.map((t) => [t.trackId, t.plays])).toEqual([[TRACK_A, 41], [TRACK_B, 20]]);
    expect(await listeningStats(db, userId)).toEqual({
      totalListens: 61,
      totalListeningMs: expectedMs,
      distinctTracks: 2,
      lastListenedAt: new Date(Date.UTC(2026, 0, 5, 12)),
    });
    expect(await listeningStats(db, randomUUID())).toEqual({ totalListens: 0, totalListeningMs: 0, distinctTracks: 0, lastListenedAt: null });
    expect(await listenCount(db, TRACK_B)).toBeGreaterThanOrEqual(20);
    expect(await listenCount(db, 'B'.repeat(22))).toBe(0);
  });

  it('does not count a listen until its transaction commits, then counts it once', async () => {
    await runListeningRollup(db);
    const userId = randomUUID();
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const eventId = randomUUID();
    await runner.query(
      `INSERT INTO listening_event_ids (event_id, user_id, played_at, kind) VALUES ($1, $2, '2026-01-01T00:00:00Z', 'LISTEN')`,
      [eventId, userId],
    );
    await runner.query(`INSERT INTO listening_events (event_id, user_id, track_id, played_ms, played_at) VALUES ($1, $2, $3, 10, '2026-01-01T00:00:00Z')`, [eventId, userId, TRACK_A]);
    // Committed after this one, but written earlier: the open transaction holds the horizon back.
    await recordListening(db, listen(userId, { playedMs: 20 }));
    await runListeningRollup(db);
    expect((await statsTotals(db, statsScope(userId, 'ALL'))).plays).toBe(0);
    await runner.commitTransaction();
    await runner.release();
    await runListeningRollup(db);
    await runListeningRollup(db);
    expect(await statsTotals(db, statsScope(userId, 'ALL'))).toEqual({ plays: 2, listeningMs: 30 });
  });
});
