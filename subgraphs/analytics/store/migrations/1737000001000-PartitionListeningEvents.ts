/**
 * Listening events partitioned by month of `played_at` (`listening_events_yYYYYmMM`), and the other
 * events clients report (SEARCH, SKIP, LIKE) in `activity_events`, partitioned the same way by
 * `occurred_at`; the existing rows are moved over.
 *
 * A partitioned table's unique keys must contain the partition key, so the event id alone can no
 * longer be a key there: idempotency moves to `listening_event_ids (event_id PRIMARY KEY, user_id,
 * played_at, kind)`, shared by every kind of event and written in the same statement as the event
 * (store/event-recording.ts). The events' own key becomes `(event_id, played_at)`.
 *
 * `ingest_xid` (the inserting transaction's id) is what the rollups' watermark advances over: every
 * transaction older than the oldest one still running has committed or aborted, so folding the
 * rows with `ingest_xid` below that horizon never misses one committed late (store/rollups.ts).
 *
 * Partitions: this migration creates the months from the oldest existing event (or 12 months back)
 * to 3 months ahead; store/partitions.ts creates the month of any incoming event on demand, and the
 * rollup job keeps 3 months ahead. A DEFAULT partition catches anything else (it should stay empty).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { monthPartitionDdl, monthsBetween } from '../partitions.js';

export class PartitionListeningEvents1737000001000 implements MigrationInterface {
  name = 'PartitionListeningEvents1737000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE listening_events RENAME TO listening_events_unpartitioned`);
    await queryRunner.query(`ALTER TABLE listening_events_unpartitioned RENAME CONSTRAINT listening_events_pkey TO listening_events_unpartitioned_pkey`);
    await queryRunner.query(`DROP INDEX listening_events_user_played_at`);
    await queryRunner.query(`DROP INDEX listening_events_track_id`);

    await queryRunner.query(`
      CREATE TABLE listening_event_ids (
        event_id uuid PRIMARY KEY,
        user_id text NOT NULL,
        played_at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('LISTEN', 'SEARCH', 'SKIP', 'LIKE'))
      )`);
    await queryRunner.query(`CREATE INDEX listening_event_ids_user_id ON listening_event_ids (user_id)`);

    await queryRunner.query(`
      CREATE TABLE listening_events (
        event_id uuid NOT NULL,
        user_id text NOT NULL,
        track_id text NOT NULL,
        played_ms integer NOT NULL CHECK (played_ms BETWEEN 0 AND 86400000),
        played_at timestamptz NOT NULL,
        device_id text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        outcome text CHECK (outcome IN ('COMPLETED', 'SKIPPED')),
        source text CHECK (source IN ('PLAYLIST', 'ALBUM', 'SEARCH', 'RECOMMENDATION', 'RADIO', 'OTHER')),
        source_id text,
        track_duration_ms integer CHECK (track_duration_ms BETWEEN 1 AND 86400000),
        completion_rate real CHECK (completion_rate BETWEEN 0 AND 1),
        ingest_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        PRIMARY KEY (event_id, played_at)
      ) PARTITION BY RANGE (played_at)`);
    await queryRunner.query(`CREATE INDEX listening_events_user_played_at ON listening_events (user_id, played_at DESC, event_id)`);
    await queryRunner.query(`CREATE INDEX listening_events_track_id ON listening_events (track_id)`);
    await queryRunner.query(`CREATE INDEX listening_events_ingest_xid ON listening_events (ingest_xid)`);
    await queryRunner.query(`CREATE TABLE listening_events_default PARTITION OF listening_events DEFAULT`);

    await queryRunner.query(`
      CREATE TABLE activity_events (
        event_id uuid NOT NULL,
        user_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SEARCH', 'SKIP', 'LIKE')),
        occurred_at timestamptz NOT NULL,
        track_id text,
        position_ms integer CHECK (position_ms BETWEEN 0 AND 86400000),
        query text CHECK (char_length(query) BETWEEN 1 AND 200),
        device_id text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, occurred_at),
        -- A search names no track; only a search has text (nulled when its user is erased).
        CHECK ((kind = 'SEARCH') = (track_id IS NULL) AND (kind = 'SEARCH' OR query IS NULL))
      ) PARTITION BY RANGE (occurred_at)`);
    await queryRunner.query(`CREATE INDEX activity_events_user_occurred_at ON activity_events (user_id, occurred_at DESC)`);
    await queryRunner.query(`CREATE TABLE activity_events_default PARTITION OF activity_events DEFAULT`);

    const [row] = (await queryRunner.query(`SELECT min(played_at) AS oldest FROM listening_events_unpartitioned`)) as { oldest: Date | null }[];
    const oldest = row?.oldest ?? null;
    const now = new Date();
    const yearAgo = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1));
    const from = oldest && oldest < yearAgo ? oldest : yearAgo;
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1));
    for (const month of monthsBetween(from, to)) {
      await queryRunner.query(monthPartitionDdl('listening_events', month));
      await queryRunner.query(monthPartitionDdl('activity_events', month));
    }

    await queryRunner.query(`
      INSERT INTO listening_event_ids (event_id, user_id, played_at, kind)
      SELECT event_id, user_id, played_at, 'LISTEN' FROM listening_events_unpartitioned`);
    await queryRunner.query(`
      INSERT INTO listening_events (event_id, user_id, track_id, played_ms, played_at, device_id, recorded_at,
                                    outcome, source, source_id, track_duration_ms, completion_rate)
      SELECT event_id, user_id, track_id, played_ms, played_at, device_id, recorded_at,
             outcome, source, source_id, track_duration_ms, completion_rate
        FROM listening_events_unpartitioned`);
    await queryRunner.query(`DROP TABLE listening_events_unpartitioned`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE activity_events`);
    await queryRunner.query(`ALTER TABLE listening_events RENAME TO listening_events_partitioned`);
    await queryRunner.query(`
      CREATE TABLE listening_events AS
      SELECT event_id, user_id, track_id, played_ms, played_at, device_id, recorded_at,
             outcome, source, source_id, track_duration_ms, completion_rate FROM listening_events_partitioned`);
    await queryRunner.query(`DROP TABLE listening_events_partitioned`);
    await queryRunner.query(`DROP TABLE listening_event_ids`);
    await queryRunner.query(`ALTER TABLE listening_events ADD PRIMARY KEY (event_id)`);
    await queryRunner.query(`CREATE INDEX listening_events_user_played_at ON listening_events (user_id, played_at DESC)`);
    await queryRunner.query(`CREATE INDEX listening_events_track_id ON listening_events (track_id)`);
  }
}
