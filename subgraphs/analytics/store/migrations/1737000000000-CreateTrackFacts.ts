/**
 * What analytics keeps about a track so that stats and recommendations never ask the graph per
 * request: its artists, language and length, copied from catalog and lyrics by
 * track-facts/track-facts.ts (`ensureTrackFacts`), with when they were fetched so stale ones are
 * fetched again. No user ids here.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrackFacts1737000000000 implements MigrationInterface {
  name = 'CreateTrackFacts1737000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE track_facts (
        track_id text PRIMARY KEY,
        artist_ids text[] NOT NULL,
        language text NULL,
        duration_ms int NULL CHECK (duration_ms > 0),
        fetched_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE track_facts`);
  }
}
