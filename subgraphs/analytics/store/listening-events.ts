/**
 * One event at a time, as the mutations and the `analytics-listening` worker need it, over the one
 * write path (event-recording.ts `recordEvents`); and reading a user's raw history (the list of
 * plays is history, not a statistic: stats read the rollups, listening-stats.ts).
 *
 * A repeat by the same user returns the event as first recorded; another user's id (or the id of
 * another kind of event) is a CONFLICT that discloses nothing; an invalid event is BAD_USER_INPUT
 * naming the field, under `fieldPrefix` (`input.` for the mutations).
 */
import type { DataSource } from 'typeorm';
import { badInput, conflict } from '../../../platform/errors.js';
import type { ActivityEventRecord, ListeningEventRecord } from './entities.js';
import { recordEvents, type NewActivity, type NewListen } from './event-recording.js';

export { listenCount, listeningStats } from './listening-stats.js';

const COLUMNS = `event_id AS "eventId", user_id AS "userId", track_id AS "trackId", played_ms AS "playedMs",
  played_at AS "playedAt", device_id AS "deviceId", outcome, source, source_id AS "sourceId",
  track_duration_ms AS "trackDurationMs", completion_rate AS "completionRate", recorded_at AS "recordedAt"`;

const ACTIVITY_COLUMNS = `event_id AS "eventId", user_id AS "userId", kind, occurred_at AS "at", track_id AS "trackId",
  position_ms AS "positionMs", query, device_id AS "deviceId", recorded_at AS "recordedAt"`;

export interface Recorded<T> {
  event: T;
  /** False when the event id was already recorded and nothing was written. */
  created: boolean;
}

async function recordOne(db: DataSource, event: NewListen | NewActivity, fieldPrefix: string): Promise<boolean> {
  const [outcome] = await recordEvents(db, [event]);
  switch (outcome!.status) {
    case 'created':
      return true;
    case 'duplicate':
      return false;
    case 'conflict':
      throw conflict('This event id has already been used');
    case 'invalid':
      throw badInput(`${fieldPrefix}${outcome!.field}: ${outcome!.message}`, `${fieldPrefix}${outcome!.field}`);
  }
}

/** Records a listen (see the header); returns the stored event. */
export async function recordListening(db: DataSource, listen: Omit<NewListen, 'kind'>, fieldPrefix = ''): Promise<Recorded<ListeningEventRecord>> {
  const created = await recordOne(db, { ...listen, kind: 'LISTEN' }, fieldPrefix);
  const [event]: ListeningEventRecord[] = await db.query(
    `SELECT ${COLUMNS} FROM listening_events
      WHERE event_id = $1 AND played_at = (SELECT played_at FROM listening_event_ids WHERE event_id = $1)`,
    [listen.eventId.toLowerCase()],
  );
  // Events are never deleted, but a missing row must not pass as success.
  if (!event) throw new Error(`listening event ${listen.eventId} is recorded but not stored`);
  return { event, created };
}

/** Records a search, skip or like (see the header); returns the stored event. */
export async function recordActivity(db: DataSource, activity: NewActivity, fieldPrefix = ''): Promise<Recorded<ActivityEventRecord>> {
  const created = await recordOne(db, activity, fieldPrefix);
  const [event]: ActivityEventRecord[] = await db.query(
    `SELECT ${ACTIVITY_COLUMNS} FROM activity_events
      WHERE event_id = $1 AND occurred_at = (SELECT played_at FROM listening_event_ids WHERE event_id = $1)`,
    [activity.eventId.toLowerCase()],
  );
  if (!event) throw new Error(`activity event ${activity.eventId} is recorded but not stored`);
  return { event, created };
}

/** A user's most recent listens, newest first. */
export function listeningHistory(db: DataSource, userId: string, limit: number): Promise<ListeningEventRecord[]> {
  return db.query(`SELECT ${COLUMNS} FROM listening_events WHERE user_id = $1 ORDER BY played_at DESC, event_id DESC LIMIT $2`, [userId, limit]);
}

/**
 * Up to `limit` of a user's listens, newest first, strictly after the key (`playedAt`, `eventId`)
 * of the last one seen: a keyset page (the index `listening_events_user_played_at`).
 */
export function recentlyPlayed(db: DataSource, userId: string, after: readonly [Date, string] | null, limit: number): Promise<ListeningEventRecord[]> {
  if (!after) return listeningHistory(db, userId, limit);
  return db.query(
    `SELECT ${COLUMNS} FROM listening_events
      WHERE user_id = $1 AND (played_at, event_id) < ($2::timestamptz, $3::uuid)
      ORDER BY played_at DESC, event_id DESC LIMIT $4`,
    [userId, after[0], after[1], limit],
  );
}
