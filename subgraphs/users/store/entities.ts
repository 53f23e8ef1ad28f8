/** The users store: accounts, sessions (refresh-token families), refresh tokens, signing keys. */
import { EntitySchema } from 'typeorm';
import type { Role } from '../../../platform/identity.js';

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

export const usersEntities = [UserEntity, SessionEntity, RefreshTokenEntity, SigningKeyEntity];
