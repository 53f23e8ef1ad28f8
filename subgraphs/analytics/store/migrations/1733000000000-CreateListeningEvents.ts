/**
 * Listening events, one row per play, keyed by the client's event id so that a retried report
 * inserts nothing (`ON CONFLICT DO NOTHING`).
 *
 * Not partitioned yet. Partitioning by `played_at` (a later issue) needs the partition key in every
 * unique constraint, so `event_id` alone can no longer be the primary key there: that migration will
 * move the idempotency check to a small `listening_event_ids (event_id PRIMARY KEY)` table (or make
 * the key `(event_id, played_at)` and have clients resend the same `playedAt`).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateListeningEvents1733000000000 implements MigrationInterface {
  name = 'CreateListeningEvents1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE listening_events (
        event_id uuid PRIMARY KEY,
        user_id text NOT NULL,
        track_id text NOT NULL,
        played_ms integer NOT NULL CHECK (played_ms BETWEEN 0 AND 86400000),
        played_at timestamptz NOT NULL,
        device_id text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A user's history, newest first; also serves their stats.
    await queryRunner.query(`CREATE INDEX listening_events_user_played_at ON listening_events (user_id, played_at DESC)`);
    // Play counts per track (until rollups replace the live count).
    await queryRunner.query(`CREATE INDEX listening_events_track_id ON listening_events (track_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE listening_events`);
  }
}
