/** The tracks each user has saved ("liked") to their library. */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSavedTracks1733000000001 implements MigrationInterface {
  name = 'CreateSavedTracks1733000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE saved_tracks (
        user_id text NOT NULL,
        track_id text NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, track_id)
      )`);
    // "My saved tracks, newest first".
    await queryRunner.query(`CREATE INDEX saved_tracks_user_saved_at ON saved_tracks (user_id, saved_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE saved_tracks`);
  }
}
