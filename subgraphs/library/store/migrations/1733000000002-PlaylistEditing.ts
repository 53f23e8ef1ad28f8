/**
 * Playlist editing: cover, tags and denormalised totals on playlists, track lengths on items,
 * collaborators, followers and the link between a Spotify playlist (or saved tracks) and its copy.
 * Cursor timestamps become millisecond-precise so a JavaScript Date round-trips them exactly
 * (keyset pagination would otherwise repeat or skip rows that differ by microseconds).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlaylistEditing1733000000002 implements MigrationInterface {
  name = 'PlaylistEditing1733000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE playlists
        ADD COLUMN cover_image_url varchar(2000),
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN track_count integer NOT NULL DEFAULT 0 CHECK (track_count >= 0),
        ADD COLUMN duration_ms bigint NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
        ADD COLUMN follower_count integer NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
        ALTER COLUMN created_at TYPE timestamptz(3),
        ALTER COLUMN updated_at TYPE timestamptz(3)`);
    await queryRunner.query(
      `ALTER TABLE playlist_items ADD COLUMN duration_ms integer NOT NULL DEFAULT 0 CHECK (duration_ms >= 0)`,
    );
    // Existing items have no known length (0); their count is known.
    await queryRunner.query(`
      UPDATE playlists p SET track_count = c.n
      FROM (SELECT playlist_id, count(*) AS n FROM playlist_items GROUP BY playlist_id) c
      WHERE c.playlist_id = p.id`);
    await queryRunner.query(`ALTER TABLE saved_tracks ALTER COLUMN saved_at TYPE timestamptz(3)`);

    await queryRunner.query(`
      CREATE TABLE playlist_collaborators (
        playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('VIEW', 'EDIT', 'MANAGE')),
        invited_by text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (playlist_id, user_id)
      )`);
    // "Playlists I collaborate on".
    await queryRunner.query(`CREATE INDEX playlist_collaborators_user_id ON playlist_collaborators (user_id)`);

    await queryRunner.query(`
      CREATE TABLE playlist_followers (
        playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        followed_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (playlist_id, user_id)
      )`);
    // "Playlists I follow, newest first", in the exact order of its keyset (playlist_id breaks ties).
    await queryRunner.query(
      `CREATE INDEX playlist_followers_user_followed_at ON playlist_followers (user_id, followed_at DESC, playlist_id)`,
    );

    // One copy per user and source; the source names the Spotify playlist, so the two must agree.
    await queryRunner.query(`
      CREATE TABLE spotify_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL,
        source text NOT NULL,
        spotify_playlist_id text,
        playlist_id uuid NOT NULL UNIQUE REFERENCES playlists (id) ON DELETE CASCADE,
        snapshot_id text,
        last_synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT spotify_imports_user_source UNIQUE (user_id, source),
        CONSTRAINT spotify_imports_source_matches CHECK (
          (source = 'saved-tracks' AND spotify_playlist_id IS NULL)
          OR (spotify_playlist_id IS NOT NULL AND source = 'playlist:' || spotify_playlist_id)
        )
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE spotify_imports`);
    await queryRunner.query(`DROP TABLE playlist_followers`);
    await queryRunner.query(`DROP TABLE playlist_collaborators`);
    await queryRunner.query(`ALTER TABLE saved_tracks ALTER COLUMN saved_at TYPE timestamptz`);
    await queryRunner.query(`ALTER TABLE playlist_items DROP COLUMN duration_ms`);
    await queryRunner.query(`
      ALTER TABLE playlists
        DROP COLUMN cover_image_url,
        DROP COLUMN tags,
        DROP COLUMN track_count,
        DROP COLUMN duration_ms,
        DROP COLUMN follower_count,
        ALTER COLUMN created_at TYPE timestamptz,
        ALTER COLUMN updated_at TYPE timestamptz`);
  }
}
