/** The users store: accounts, sessions (refresh-token families), refresh tokens, signing keys, linked accounts. */
import { EntitySchema } from 'typeorm';
import type { Role } from '../../../platform/identity.js';
import type { OAuthProvider } from '../../../providers/oauth/providers.js';

export interface PreferencesRecord {
  locale: string;
  explicitContent: boolean;
  personalizedRecommendations: boolean;
}

export const DEFAULT_PREFERENCES: PreferencesRecord = {
  locale: 'en',
  explicitContent: true,
  personalizedRecommendations: true,
};

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  active: boolean;
  preferences: PreferencesRecord;
  createdAt: Date;
  updatedAt: Date;
  deactivatedAt: Date | null;
  /** Set when the account's deletion was asked for; the row goes when the deletion job ends. */
  deletionRequestedAt: Date | null;
}

export interface SessionRecord {
  id: string;
  userId: string;
  deviceName: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: string | null;
}

export interface RefreshTokenRecord {
  id: string;
  sessionId: string;
  /** SHA-256 of the token: the token itself is never stored. */
  tokenHash: string;
  createdAt: Date;
  /** Set when the token was exchanged; presenting it again is reuse. */
  usedAt: Date | null;
}

export interface SigningKeyRecord {
  kid: string;
  privateJwk: Record<string, unknown>;
  publicJwk: Record<string, unknown>;
  createdAt: Date;
}

export type LinkedAccountStatus = 'active' | 'needs_consent';

/** A user's Spotify or Google account. Tokens are AES-256-GCM ciphertext (platform/crypto/token-cipher.ts). */
export interface LinkedAccountRecord {
  id: string;
  userId: string;
  provider: OAuthProvider;
  /** Spotify user id, or YouTube channel id. */
  externalId: string;
  displayName: string | null;
  encryptedAccessToken: string;
  encryptedRefreshToken: string;
  accessTokenExpiresAt: Date;
  scopes: string[];
  /** `needs_consent` once the provider refused the refresh token: the user must link again. */
  status: LinkedAccountStatus;
  linkedAt: Date;
  updatedAt: Date;
}

/** One started link: the OAuth state (hashed) and the PKCE verifier it will need, for 10 minutes, once. */
export interface AccountLinkRequestRecord {
  /** SHA-256 (hex) of the state sent to the provider: the state itself is never stored. */
  stateHash: string;
  userId: string;
  provider: OAuthProvider;
  encryptedCodeVerifier: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

const timestamps = {
  createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
} as const;

export const UserEntity = new EntitySchema<UserRecord>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    email: { type: 'text', unique: true },
    passwordHash: { type: 'text', name: 'password_hash' },
    displayName: { type: 'text', name: 'display_name' },
    role: { type: 'text' },
    active: { type: 'boolean', default: true },
    preferences: { type: 'jsonb' },
    ...timestamps,
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
    deactivatedAt: { type: 'timestamptz', name: 'deactivated_at', nullable: true },
    deletionRequestedAt: { type: 'timestamptz', name: 'deletion_requested_at', nullable: true },
  },
});

export const SessionEntity = new EntitySchema<SessionRecord>({
  name: 'Session',
  tableName: 'sessions',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    userId: { type: 'uuid', name: 'user_id' },
    deviceName: { type: 'text', name: 'device_name' },
    ip: { type: 'text', nullable: true },
    userAgent: { type: 'text', name: 'user_agent', nullable: true },
    ...timestamps,
    lastActiveAt: { type: 'timestamptz', name: 'last_active_at' },
    expiresAt: { type: 'timestamptz', name: 'expires_at' },
    endedAt: { type: 'timestamptz', name: 'ended_at', nullable: true },
    endReason: { type: 'text', name: 'end_reason', nullable: true },
  },
});

export const RefreshTokenEntity = new EntitySchema<RefreshTokenRecord>({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    sessionId: { type: 'uuid', name: 'session_id' },
    tokenHash: { type: 'text', name: 'token_hash', unique: true },
    ...timestamps,
    usedAt: { type: 'timestamptz', name: 'used_at', nullable: true },
  },
});

export const SigningKeyEntity = new EntitySchema<SigningKeyRecord>({
  name: 'SigningKey',
  tableName: 'signing_keys',
  columns: {
    kid: { type: 'text', primary: true },
    privateJwk: { type: 'jsonb', name: 'private_jwk' },
    publicJwk: { type: 'jsonb', name: 'public_jwk' },
    ...timestamps,
  },
});

export const LinkedAccountEntity = new EntitySchema<LinkedAccountRecord>({
  name: 'LinkedAccount',
  tableName: 'linked_accounts',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    userId: { type: 'uuid', name: 'user_id' },
    provider: { type: 'text' },
    externalId: { type: 'text', name: 'external_id' },
    displayName: { type: 'text', name: 'display_name', nullable: true },
    encryptedAccessToken: { type: 'text', name: 'encrypted_access_token' },
    encryptedRefreshToken: { type: 'text', name: 'encrypted_refresh_token' },
    accessTokenExpiresAt: { type: 'timestamptz', name: 'access_token_expires_at' },
    scopes: { type: 'text', array: true, default: () => "'{}'" },
    status: { type: 'text', default: 'active' },
    linkedAt: { type: 'timestamptz', name: 'linked_at', default: () => 'now()' },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
  uniques: [
    { name: 'linked_accounts_one_per_provider', columns: ['userId', 'provider'] },
    { name: 'linked_accounts_external_once', columns: ['provider', 'externalId'] },
  ],
});

export const AccountLinkRequestEntity = new EntitySchema<AccountLinkRequestRecord>({
  name: 'AccountLinkRequest',
  tableName: 'account_link_requests',
  columns: {
    stateHash: { type: 'text', name: 'state_hash', primary: true },
    userId: { type: 'uuid', name: 'user_id' },
    provider: { type: 'text' },
    encryptedCodeVerifier: { type: 'text', name: 'encrypted_code_verifier' },
    ...timestamps,
    expiresAt: { type: 'timestamptz', name: 'expires_at' },
    usedAt: { type: 'timestamptz', name: 'used_at', nullable: true },
  },
});

export const usersEntities = [UserEntity, SessionEntity, RefreshTokenEntity, SigningKeyEntity, LinkedAccountEntity, AccountLinkRequestEntity];
