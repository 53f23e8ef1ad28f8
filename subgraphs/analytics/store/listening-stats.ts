/**
 * Reading a user's listening statistics from the rollups (store/rollups.ts), never from the raw
 * events; artists and languages come from track facts (track-facts/). A range is a number of UTC
 * days ending today, today included (WEEK 7, MONTH 30, YEAR 365), or ALL; a play counts in the day
 * of its `played_at` (UTC). Everything is ordered with a tie-breaker, so equal counts list the same
 * way every time.
 */
import type { DataSource } from 'typeorm';
import type { ListeningStatsRecord } from './entities.js';

export const STATS_RANGE_DAYS = { WEEK: 7, MONTH: 30, YEAR: 365, ALL: null } as const;
export type StatsRange = keyof typeof STATS_RANGE_DAYS;

/** What `User.stats` resolves to; each field of the stats runs its own query on demand. */
export interface StatsScope {
  userId: string;
  range: StatsRange;
  /** First UTC day included (`YYYY-MM-DD`), or null for ALL. */
  since: string | null;
}

export function statsScope(userId: string, range: StatsRange, now = new Date()): StatsScope {
  const days = STATS_RANGE_DAYS[range];
  if (days === null) return { userId, range, since: null };
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  return { userId, range, since: first.toISOString().slice(0, 10) };
}

export interface Totals {
  plays: number;
  listeningMs: number;
}

// count()/sum() are bigint, which pg returns as strings; the casts give JS numbers.
const SINCE = `($2::date IS NULL OR day >= $2::date)`;

export async function statsTotals(db: DataSource, scope: StatsScope): Promise<Totals> {
  const [row]: Totals[] = await db.query(
    `SELECT coalesce(sum(plays), 0)::int AS plays, coalesce(sum(listened_ms), 0)::float8 AS "listeningMs"
       FROM listening_daily_users WHERE user_id = $1 AND ${SINCE}`,
    [scope.userId, scope.since],
  );
  return row ?? { plays: 0, listeningMs: 0 };
}

export function playsPerDay(db: DataSource, scope: StatsScope): Promise<(Totals & { day: string })[]> {
  return db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, plays, listened_ms::float8 AS "listeningMs"
       FROM listening_daily_users WHERE user_id = $1 AND ${SINCE} ORDER BY day`,
    [scope.userId, scope.since],
  );
}

export function topTracks(db: DataSource, scope: StatsScope, first: number): Promise<(Totals & { trackId: string })[]> {
  return db.query(
    `SELECT track_id AS "trackId", sum(plays)::int AS plays, sum(listened_ms)::float8 AS "listeningMs"
       FROM listening_daily_tracks WHERE user_id = $1 AND ${SINCE}
      GROUP BY track_id ORDER BY plays DESC, "listeningMs" DESC, track_id LIMIT $3`,
    [scope.userId, scope.since, first],
  );
}

/** A play of a track with several artists counts for each of them. */
export function topArtists(db: DataSource, scope: StatsScope, first: number): Promise<(Totals & { artistId: string })[]> {
  return db.query(
    `SELECT a.artist_id AS "artistId", sum(r.plays)::int AS plays, sum(r.listened_ms)::float8 AS "listeningMs"
       FROM listening_daily_tracks r
       JOIN track_facts f ON f.track_id = r.track_id
       CROSS JOIN LATERAL (SELECT DISTINCT unnest(f.artist_ids) AS artist_id) a
      WHERE r.user_id = $1 AND ($2::date IS NULL OR r.day >= $2::date)
      GROUP BY a.artist_id ORDER BY plays DESC, "listeningMs" DESC, a.artist_id LIMIT $3`,
    [scope.userId, scope.since, first],
  );
}

/** Tracks whose language is not known (null) are left out; `und` and `zxx` count as languages. */
export function topLanguages(db: DataSource, scope: StatsScope, first: number): Promise<(Totals & { language: string })[]> {
  return db.query(
    `SELECT f.language, sum(r.plays)::int AS plays, sum(r.listened_ms)::float8 AS "listeningMs"
       FROM listening_daily_tracks r JOIN track_facts f ON f.track_id = r.track_id
      WHERE r.user_id = $1 AND ($2::date IS NULL OR r.day >= $2::date) AND f.language IS NOT NULL
      GROUP BY f.language ORDER BY plays DESC, "listeningMs" DESC, f.language LIMIT $3`,
    [scope.userId, scope.since, first],
  );
}

/** All-time totals (`User.listeningStats`), from the rollups. */
export async function listeningStats(db: DataSource, userId: string): Promise<ListeningStatsRecord> {
  const [stats]: ListeningStatsRecord[] = await db.query(
    `SELECT coalesce(t.plays, 0)::int AS "totalListens",
            coalesce(t.listened_ms, 0)::float8 AS "totalListeningMs",
            (SELECT count(DISTINCT track_id)::int FROM listening_daily_tracks WHERE user_id = $1) AS "distinctTracks",
            t.last_played_at AS "lastListenedAt"
       FROM (SELECT 1) one LEFT JOIN listening_user_totals t ON t.user_id = $1`,
    [userId],
  );
  return stats ?? { totalListens: 0, totalListeningMs: 0, distinctTracks: 0, lastListenedAt: null };
}

/** Plays of a track by all users (`Track.listenCount`), from the rollups. */
export async function listenCount(db: DataSource, trackId: string): Promise<number> {
  const [row]: { count: number }[] = await db.query(`SELECT plays::int AS count FROM listening_track_totals WHERE track_id = $1`, [trackId]);
  return row?.count ?? 0;
}
