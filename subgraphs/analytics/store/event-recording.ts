/**
 * The one way events are written, whatever their kind and whoever sends them: the `recordListening`
 * and `recordActivity` mutations, the `analytics-listening` worker (streaming's reports) and the
 * bench's bulk ingestion all call `recordEvents`, with one event or thousands.
 *
 * - Validated first (`checkEvent`): no time more than MAX_CLOCK_SKEW_MS in the future; a played
 *   duration (LISTEN) or skip position (SKIP) within the track's length when it is known
 *   (`durationLimitMs`, from the catalogue or the report). An invalid event is reported with the
 *   field it fails on and nothing of it is written.
 * - Idempotent by event id: one statement claims the ids in `listening_event_ids` (`ON CONFLICT DO
 *   NOTHING`) and, in data-modifying CTEs of the same statement, inserts only the claimed events into
 *   `listening_events` / `activity_events`. So a retried or concurrent event is written once, and an
 *   event is never half-written. A repeat by the same user (same kind) is `duplicate` (ignored); an id
 *   already used by another user, or for another kind of event, is `conflict`.
 * - The months the events fall in get their partitions first (partitions.ts).
 */
import type { DataSource } from 'typeorm';
import type { ListeningOutcome, ListeningSource } from '../../../platform/events/listening.js';
import { MAX_CLOCK_SKEW_MS, MAX_PLAYED_MS } from '../inputs.js';
import { ensureMonthPartitions } from './partitions.js';

export const EVENT_KINDS = ['LISTEN', 'SEARCH', 'SKIP', 'LIKE'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

interface EventBase {
  eventId: string;
  userId: string;
  /** When it happened (the client's clock): `played_at` of a listen, `occurred_at` of the others. */
  at: Date;
  deviceId: string | null;
}

export interface NewListen extends EventBase {
  kind: 'LISTEN';
  trackId: string;
  playedMs: number;
  /** The track's length, for validation only (null: unknown, only the 24-hour cap applies). */
  durationLimitMs: number | null;
  outcome?: ListeningOutcome | null;
  source?: ListeningSource | null;
  sourceId?: string | null;
  /** Stored: the length a device's report gave. */
  trackDurationMs?: number | null;
  completionRate?: number | null;
}

export interface NewActivity extends EventBase {
  kind: 'SEARCH' | 'SKIP' | 'LIKE';
  /** SKIP and LIKE: the track; null for SEARCH. */
  trackId: string | null;
  /** SKIP: how far into the track it was skipped. */
  positionMs: number | null;
  /** SEARCH: what was searched for. */
  query: string | null;
  durationLimitMs: number | null;
}

export type NewEvent = NewListen | NewActivity;

export type RecordOutcome =
  | { status: 'created' }
  | { status: 'duplicate' }
  | { status: 'conflict' }
  | { status: 'invalid'; field: string; message: string };

/** Why the event cannot be recorded (the field, without any `input.` prefix), or null. */
export function checkEvent(event: NewEvent, now = Date.now()): { field: string; message: string } | null {
  const timeField = event.kind === 'LISTEN' ? 'playedAt' : 'at';
  if (!(event.at instanceof Date) || Number.isNaN(event.at.getTime())) return { field: timeField, message: 'must be a date' };
  if (event.at.getTime() > now + MAX_CLOCK_SKEW_MS) return { field: timeField, message: 'must not be more than 5 minutes in the future' };
  if (event.kind === 'LISTEN') {
    if (!Number.isInteger(event.playedMs) || event.playedMs < 0 || event.playedMs > MAX_PLAYED_MS) {
      return { field: 'playedMs', message: `must be between 0 and ${MAX_PLAYED_MS}` };
    }
    if (event.durationLimitMs !== null && event.playedMs > event.durationLimitMs) {
      return { field: 'playedMs', message: `must not exceed the track's duration (${event.durationLimitMs} ms)` };
    }
    return null;
  }
  if (event.kind === 'SEARCH') {
    if (!event.query || event.query.length > 200) return { field: 'query', message: 'a search needs a query of 1 to 200 characters' };
    if (event.trackId !== null) return { field: 'trackId', message: 'a search names no track' };
    if (event.positionMs !== null) return { field: 'positionMs', message: 'only a skip has a position' };
    return null;
  }
  if (!event.trackId) return { field: 'trackId', message: `a ${event.kind.toLowerCase()} needs a track` };
  if (event.query !== null) return { field: 'query', message: 'only a search has a query' };
  if (event.kind === 'LIKE' && event.positionMs !== null) return { field: 'positionMs', message: 'only a skip has a position' };
  if (event.kind === 'SKIP') {
    if (event.positionMs === null || !Number.isInteger(event.positionMs) || event.positionMs < 0 || event.positionMs > MAX_PLAYED_MS) {
      return { field: 'positionMs', message: `a skip needs a position between 0 and ${MAX_PLAYED_MS}` };
    }
    if (event.durationLimitMs !== null && event.positionMs > event.durationLimitMs) {
      return { field: 'positionMs', message: `must not exceed the track's duration (${event.durationLimitMs} ms)` };
    }
  }
  return null;
}

const RECORD = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::int[], $7::text[],
                         $8::text[], $9::text[], $10::text[], $11::int[], $12::real[], $13::int[], $14::text[])
      WITH ORDINALITY AS i(event_id, user_id, kind, at, track_id, played_ms, device_id,
                           outcome, source, source_id, track_duration_ms, completion_rate, position_ms, query, ord)
  ), firsts AS (
    SELECT DISTINCT ON (event_id) * FROM input ORDER BY event_id, ord
  ), claimed AS (
    INSERT INTO listening_event_ids (event_id, user_id, played_at, kind)
    SELECT event_id, user_id, at, kind FROM firsts
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id
  ), listens AS (
    INSERT INTO listening_events (event_id, user_id, track_id, played_ms, played_at, device_id,
                                  outcome, source, source_id, track_duration_ms, completion_rate)
    SELECT f.event_id, f.user_id, f.track_id, f.played_ms, f.at, f.device_id,
           f.outcome, f.source, f.source_id, f.track_duration_ms, f.completion_rate
      FROM firsts f JOIN claimed USING (event_id) WHERE f.kind = 'LISTEN'
    RETURNING 1
  ), activities AS (
    INSERT INTO activity_events (event_id, user_id, kind, occurred_at, track_id, position_ms, query, device_id)
    SELECT f.event_id, f.user_id, f.kind, f.at, f.track_id, f.position_ms, f.query, f.device_id
      FROM firsts f JOIN claimed USING (event_id) WHERE f.kind <> 'LISTEN'
    RETURNING 1
  )
  SELECT event_id::text AS "eventId", (SELECT count(*) FROM listens) + (SELECT count(*) FROM activities) AS written FROM claimed`;

/**
 * Records `events` (one statement for all of them, plus partition creation when a new month shows
 * up); the outcome of each, in order.
 */
export async function recordEvents(db: DataSource, events: readonly NewEvent[], now = Date.now()): Promise<RecordOutcome[]> {
  const outcomes: (RecordOutcome | undefined)[] = events.map((event) => {
    const problem = checkEvent(event, now);
    return problem ? { status: 'invalid', ...problem } : undefined;
  });
  const valid = events.map((event) => ({ ...event, eventId: event.eventId.toLowerCase() })).filter((_event, index) => !outcomes[index]);
  if (valid.length === 0) return outcomes as RecordOutcome[];

  await ensureMonthPartitions(db, 'listening_events', valid.filter((event) => event.kind === 'LISTEN').map((event) => event.at));
  await ensureMonthPartitions(db, 'activity_events', valid.filter((event) => event.kind !== 'LISTEN').map((event) => event.at));
  const listen = (event: NewEvent) => (event.kind === 'LISTEN' ? event : null);
  const activity = (event: NewEvent) => (event.kind === 'LISTEN' ? null : event);
  const claimed: { eventId: string }[] = await db.query(RECORD, [
    valid.map((e) => e.eventId),
    valid.map((e) => e.userId),
    valid.map((e) => e.kind),
    valid.map((e) => e.at),
    valid.map((e) => e.trackId),
    valid.map((e) => listen(e)?.playedMs ?? null),
    valid.map((e) => e.deviceId),
    valid.map((e) => listen(e)?.outcome ?? null),
    valid.map((e) => listen(e)?.source ?? null),
    valid.map((e) => listen(e)?.sourceId ?? null),
    valid.map((e) => listen(e)?.trackDurationMs ?? null),
    valid.map((e) => listen(e)?.completionRate ?? null),
    valid.map((e) => activity(e)?.positionMs ?? null),
    valid.map((e) => activity(e)?.query ?? null),
  ]);

  // The first occurrence of each claimed id was written; everything else is a repeat or a conflict.
  const written = new Set(claimed.map((row) => row.eventId));
  const unclaimed = valid.filter((event) => !written.has(event.eventId)).map((event) => event.eventId);
  const owners = new Map<string, { userId: string; kind: EventKind }>();
  if (unclaimed.length > 0) {
    const rows: { eventId: string; userId: string; kind: EventKind }[] = await db.query(
      `SELECT event_id::text AS "eventId", user_id AS "userId", kind FROM listening_event_ids WHERE event_id = ANY($1::uuid[])`,
      [[...new Set(unclaimed)]],
    );
    for (const row of rows) owners.set(row.eventId, row);
  }
  // A repeat within the batch is judged against the occurrence that was written.
  for (const event of valid) if (written.has(event.eventId) && !owners.has(event.eventId)) owners.set(event.eventId, event);
  let next = 0;
  return outcomes.map((outcome) => {
    if (outcome) return outcome;
    const event = valid[next++]!;
    if (written.delete(event.eventId)) return { status: 'created' };
    const owner = owners.get(event.eventId);
    return owner && owner.userId === event.userId && owner.kind === event.kind ? { status: 'duplicate' } : { status: 'conflict' };
  });
}
