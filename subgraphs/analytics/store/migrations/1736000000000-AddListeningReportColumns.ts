/**
 * What a device's listening report (streaming's `reportListening`, through the `analytics-listening`
 * queue) says beyond a plain listen: how the play ended, where it was started from, the track's
 * length and the share of it played. All nullable: listens recorded by `recordListen` (and before
 * this migration) have none of them.
 *
 * No defaults, so no row is rewritten; the checks read the table once (all NULL) under the lock.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddListeningReportColumns1736000000000 implements MigrationInterface {
  name = 'AddListeningReportColumns1736000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE listening_events
        ADD COLUMN outcome text CHECK (outcome IN ('COMPLETED', 'SKIPPED')),
        ADD COLUMN source text CHECK (source IN ('PLAYLIST', 'ALBUM', 'SEARCH', 'RECOMMENDATION', 'RADIO', 'OTHER')),
        ADD COLUMN source_id text,
        ADD COLUMN track_duration_ms integer CHECK (track_duration_ms BETWEEN 1 AND 86400000),
        ADD COLUMN completion_rate real CHECK (completion_rate BETWEEN 0 AND 1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE listening_events
        DROP COLUMN outcome,
        DROP COLUMN source,
        DROP COLUMN source_id,
        DROP COLUMN track_duration_ms,
        DROP COLUMN completion_rate`);
  }
}
