/** Playlists (with their optimistic-concurrency version) and their ordered items. */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePlaylists1733000000000 implements MigrationInterface {
  name = 'CreatePlaylists1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE playlists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL,
        name varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
        description varchar(300),
        is_public boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // "My playlists, most recently changed first".
    await queryRunner.query(`CREATE INDEX playlists_owner_updated_at ON playlists (owner_id, updated_at DESC)`);
    // Positions are unique per playlist, checked at commit so a reorder can shift many rows in one transaction.
    await queryRunner.query(`
      CREATE TABLE playlist_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        track_id text NOT NULL,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT playlist_items_playlist_position UNIQUE (playlist_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    // "Which playlists contain this track" (Spotify syncs, removals).
    await queryRunner.query(`CREATE INDEX playlist_items_track_id ON playlist_items (track_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE playlist_items`);
    await queryRunner.query(`DROP TABLE playlists`);
  }
}
