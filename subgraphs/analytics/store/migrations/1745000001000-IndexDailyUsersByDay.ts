/**
 * The admin KPIs (kpis/kpis.ts) read `listening_daily_users` by day (daily and rolling 30-day active
 * users, plays per day); its key starts with the user, so they need an index by day.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IndexDailyUsersByDay1745000001000 implements MigrationInterface {
  name = 'IndexDailyUsersByDay1745000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX listening_daily_users_day ON listening_daily_users (day, user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX listening_daily_users_day`);
  }
}
