/**
 * Folding listening events into the rollups stats read (`listening_daily_tracks`,
 * `listening_daily_users`, `listening_user_totals`, `listening_track_totals`), exactly once.
 *
 * The watermark is a transaction-id horizon, not a time or a sequence: an event row carries the id of
 * the transaction that inserted it (`ingest_xid`), and every transaction older than the oldest one
 * still running (`pg_snapshot_xmin(pg_current_snapshot())`) has finished, so the rows with an
 * `ingest_xid` below that horizon are all there is, whatever order writers commit in. One run, in one
 * transaction: lock the watermark row (so concurrent runs go one after the other, and the second sees
 * the first's watermark), take the horizon, add the events in [watermark, horizon) to the rollups,
 * move the watermark to the horizon. A run repeated, concurrent, or crashed half-way never counts an
 * event twice or drops one. Days are UTC days of `played_at`, so a late event lands in its own day.
 */
import type { DataSource } from 'typeorm';

export interface RollupRun {
  /** Listening events folded in by this run. */
  events: number;
}

const FOLD = `
  WITH batch AS (
    SELECT user_id, track_id, played_ms, played_at, (played_at AT TIME ZONE 'UTC')::date AS day
      FROM listening_events WHERE ingest_xid >= $1::xid8 AND ingest_xid < $2::xid8
  ), daily_tracks AS (
    INSERT INTO listening_daily_tracks AS r (user_id, day, track_id, plays, listened_ms)
    SELECT user_id, day, track_id, count(*), sum(played_ms) FROM batch GROUP BY user_id, day, track_id
    ON CONFLICT (user_id, day, track_id) DO UPDATE SET plays = r.plays + EXCLUDED.plays, listened_ms = r.listened_ms + EXCLUDED.listened_ms
    RETURNING 1
  ), daily_users AS (
    INSERT INTO listening_daily_users AS r (user_id, day, plays, listened_ms)
    SELECT user_id, day, count(*), sum(played_ms) FROM batch GROUP BY user_id, day
    ON CONFLICT (user_id, day) DO UPDATE SET plays = r.plays + EXCLUDED.plays, listened_ms = r.listened_ms + EXCLUDED.listened_ms
    RETURNING 1
  ), user_totals AS (
    INSERT INTO listening_user_totals AS r (user_id, plays, listened_ms, last_played_at)
    SELECT user_id, count(*), sum(played_ms), max(played_at) FROM batch GROUP BY user_id
    ON CONFLICT (user_id) DO UPDATE SET plays = r.plays + EXCLUDED.plays, listened_ms = r.listened_ms + EXCLUDED.listened_ms,
                                        last_played_at = greatest(r.last_played_at, EXCLUDED.last_played_at)
    RETURNING 1
  ), track_totals AS (
    INSERT INTO listening_track_totals AS r (track_id, plays)
    SELECT track_id, count(*) FROM batch GROUP BY track_id
    ON CONFLICT (track_id) DO UPDATE SET plays = r.plays + EXCLUDED.plays
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM batch)::int AS events,
         (SELECT count(*) FROM daily_tracks) + (SELECT count(*) FROM daily_users)
         + (SELECT count(*) FROM user_totals) + (SELECT count(*) FROM track_totals) AS touched`;

/** Folds every event recorded since the last run into the rollups (see the header). */
export async function runListeningRollup(db: DataSource): Promise<RollupRun> {
  return db.transaction(async (manager) => {
    const [mark]: { below: string }[] = await manager.query(
      `SELECT processed_below::text AS below FROM listening_rollup_watermark WHERE name = 'listening' FOR UPDATE`,
    );
    if (!mark) throw new Error('the listening rollup watermark is missing');
    const [snapshot]: { horizon: string }[] = await manager.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`);
    const horizon = snapshot!.horizon;
    if (BigInt(horizon) <= BigInt(mark.below)) return { events: 0 };
    const [folded]: { events: number }[] = await manager.query(FOLD, [mark.below, horizon]);
    const events = folded?.events ?? 0;
    await manager.query(`UPDATE listening_rollup_watermark SET processed_below = $1::xid8 WHERE name = 'listening'`, [horizon]);
    return { events };
  });
}
