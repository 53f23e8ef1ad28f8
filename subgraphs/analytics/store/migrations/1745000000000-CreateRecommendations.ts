/**
 * Precomputed recommendations (subgraphs/analytics/recommendations/), replaced as a whole by each
 * run of the `analytics-recommendations` job and read by `User.recommendations`:
 *   - `user_recommendations`: per active user, the best candidates in rank order (all languages:
 *     the language filter is applied when reading, against `track_facts`, so a corrected language
 *     counts at once), each with the played track that contributed most (`reason_track_id`);
 *   - `recommendation_profiles`: one row per user the run considered (active), even with no
 *     candidate, with their preferred languages; its `computed_at` tells "computed, nothing for
 *     you" from "not computed yet".
 * Both hold user ids and only serve that user: deleting an account deletes their rows.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRecommendations1745000000000 implements MigrationInterface {
  name = 'CreateRecommendations1745000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_recommendations (
        user_id text NOT NULL,
        rank integer NOT NULL CHECK (rank >= 1),
        track_id text NOT NULL,
        score double precision NOT NULL CHECK (score > 0),
        reason_track_id text NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, rank),
        UNIQUE (user_id, track_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE recommendation_profiles (
        user_id text PRIMARY KEY,
        preferred_languages text[] NOT NULL,
        computed_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE recommendation_profiles`);
    await queryRunner.query(`DROP TABLE user_recommendations`);
  }
}
