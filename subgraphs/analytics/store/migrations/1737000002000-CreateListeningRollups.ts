/**
 * The rollups stats read instead of the raw events, filled by the `analytics-rollups` job
 * (store/rollups.ts). Days are UTC days of `played_at`, so a late event with an old `played_at`
 * lands in its own day. `listening_rollup_watermark` holds the transaction-id horizon below which
 * every event is already folded in; it is advanced in the same transaction as the increments.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateListeningRollups1737000002000 implements MigrationInterface {
  name = 'CreateListeningRollups1737000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE listening_daily_tracks (
        user_id text NOT NULL,
        day date NOT NULL,
        track_id text NOT NULL,
        plays integer NOT NULL,
        listened_ms bigint NOT NULL,
        PRIMARY KEY (user_id, day, track_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE listening_daily_users (
        user_id text NOT NULL,
        day date NOT NULL,
        plays integer NOT NULL,
        listened_ms bigint NOT NULL,
        PRIMARY KEY (user_id, day)
      )`);
    await queryRunner.query(`
      CREATE TABLE listening_user_totals (
        user_id text PRIMARY KEY,
        plays bigint NOT NULL,
        listened_ms bigint NOT NULL,
        last_played_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE TABLE listening_track_totals (track_id text PRIMARY KEY, plays bigint NOT NULL)`);
    await queryRunner.query(`CREATE TABLE listening_rollup_watermark (name text PRIMARY KEY, processed_below xid8 NOT NULL)`);
    // Every transaction id is at least 3 (0-2 are special): below 3, nothing is folded in yet.
    await queryRunner.query(`INSERT INTO listening_rollup_watermark (name, processed_below) VALUES ('listening', '3')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE listening_rollup_watermark, listening_track_totals, listening_user_totals, listening_daily_users, listening_daily_tracks`);
  }
}
