/**
 * When the account's deletion was asked for (platform/privacy, users/privacy/). Set by
 * `deleteMyAccount` (or an admin's `deleteUserAccount`) together with `active = false`, so the
 * account can no longer sign in, refresh or be reactivated while the deletion job removes it; the
 * row itself goes at the end of that job.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountDeletion1764800000000 implements MigrationInterface {
  name = 'AccountDeletion1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN deletion_requested_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN deletion_requested_at`);
  }
}
