/**
 * Recording and reading listening events. Recording is idempotent on the client's event id: the
 * first report wins, and a repeat returns the stored event unchanged. Both ways in record here:
 * `recordListen` (a client, directly) and the `analytics-listening` worker (a device's report,
 * through streaming), which adds how the play ended and where it came from. Counts are computed live
 * from the events for now; rollup tables take over in a later issue.
 */
import type { DataSource } from 'typeorm';
import { conflict } from '../../../platform/errors.js';
import type { ListeningEventRecord, ListeningStatsRecord } from './entities.js';

const COLUMNS = `event_id AS "eventId", user_id AS "userId", track_id AS "trackId", played_ms AS "playedMs",
  played_at AS "playedAt", device_id AS "deviceId", outcome, source, source_id AS "sourceId",
  track_duration_ms AS "trackDurationMs", completion_rate AS "completionRate", recorded_at AS "recordedAt"`;

/** What only a device's listening report carries. */
type ReportDetails = 'outcome' | 'source' | 'sourceId' | 'trackDurationMs' | 'completionRate';

export type NewListeningEvent = Omit<ListeningEventRecord, 'recordedAt' | ReportDetails> & Partial<Pick<ListeningEventRecord, ReportDetails>>;

export interface RecordedListen {
  event: ListeningEventRecord;
  /** False when the event id was already recorded and nothing was written. */
  created: boolean;
}

/**
 * Stores the event unless its id is already there. An id already used by another user is a
 * CONFLICT (that user's event is not disclosed); the same user's repeat returns the first event.
 */
export async function recordListen(db: DataSource, listen: NewListeningEvent): Promise<RecordedListen> {
  const inserted: ListeningEventRecord[] = await db.query(
    `INSERT INTO listening_events
       (event_id, user_id, track_id, played_ms, played_at, device_id, outcome, source, source_id, track_duration_ms, completion_rate)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (event_id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      listen.eventId,
      listen.userId,
      listen.trackId,
      listen.playedMs,
      listen.playedAt,
      listen.deviceId,
      listen.outcome ?? null,
      listen.source ?? null,
      listen.sourceId ?? null,
      listen.trackDurationMs ?? null,
      listen.completionRate ?? null,
    ],
  );
  if (inserted[0]) return { event: inserted[0], created: true };

  const [existing]: ListeningEventRecord[] = await db.query(
    `SELECT ${COLUMNS} FROM listening_events WHERE event_id = $1`,
    [listen.eventId],
  );
  // The row cannot vanish (events are never deleted), but a missing row must not pass as success.
  if (!existing) throw new Error(`listening event ${listen.eventId} conflicted but is not stored`);
  if (existing.userId !== listen.userId) throw conflict('This event id has already been used');
  return { event: existing, created: false };
}

/** A user's most recent listens, newest first. */
export function listeningHistory(db: DataSource, userId: string, limit: number): Promise<ListeningEventRecord[]> {
  return db.query(
    `SELECT ${COLUMNS} FROM listening_events WHERE user_id = $1 ORDER BY played_at DESC, event_id LIMIT $2`,
    [userId, limit],
  );
}

export async function listeningStats(db: DataSource, userId: string): Promise<ListeningStatsRecord> {
  // count() and sum() are bigint, which pg returns as strings; the casts give JS numbers.
  const [stats]: ListeningStatsRecord[] = await db.query(
    `SELECT count(*)::int AS "totalListens",
            coalesce(sum(played_ms), 0)::float8 AS "totalListeningMs",
            count(DISTINCT track_id)::int AS "distinctTracks",
            max(played_at) AS "lastListenedAt"
       FROM listening_events WHERE user_id = $1`,
    [userId],
  );
  return stats ?? { totalListens: 0, totalListeningMs: 0, distinctTracks: 0, lastListenedAt: null };
}

export async function listenCount(db: DataSource, trackId: string): Promise<number> {
  const [row]: { count: number }[] = await db.query(
    `SELECT count(*)::int AS count FROM listening_events WHERE track_id = $1`,
    [trackId],
  );
  return row?.count ?? 0;
}
