/**
 * Linked Spotify and Google accounts, and the short-lived requests that link them (OAuth state +
 * PKCE verifier). Tokens and verifiers are stored only as AES-256-GCM ciphertext (platform/crypto);
 * a request's state only as its SHA-256, so the table alone cannot complete anyone's link.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLinkedAccounts1764700000000 implements MigrationInterface {
  name = 'CreateLinkedAccounts1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE linked_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN ('spotify', 'google')),
        external_id text NOT NULL,
        display_name text,
        encrypted_access_token text NOT NULL,
        encrypted_refresh_token text NOT NULL,
        access_token_expires_at timestamptz NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_consent')),
        linked_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT linked_accounts_one_per_provider UNIQUE (user_id, provider),
        -- One Spotify account (or YouTube channel) belongs to one user of ours.
        CONSTRAINT linked_accounts_external_once UNIQUE (provider, external_id)
      )`);
    await db.query(`
      CREATE TABLE account_link_requests (
        state_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN ('spotify', 'google')),
        encrypted_code_verifier text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX account_link_requests_expires ON account_link_requests (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE account_link_requests, linked_accounts');
  }
}
