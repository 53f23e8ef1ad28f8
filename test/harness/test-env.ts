/**
 * The environment of the stack the tests run against: its own ports, databases (`test_` prefix),
 * Redis key prefix and secrets, so a test run never touches what `npm start` uses.
 */
import { randomBytes } from 'node:crypto';

export const TEST_ADMIN = { email: 'admin@test.example', password: 'Operator-key-42!x' };

export const TEST_LOGIN_LIMITS = { freeAttempts: 3, baseDelaySeconds: 3, ipFreeAttempts: 8 };

export function testStackEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: '14000',
    USERS_PORT: '14001',
    CATALOG_PORT: '14002',
    LIBRARY_PORT: '14003',
    LYRICS_PORT: '14004',
    STREAMING_PORT: '14005',
    ANALYTICS_PORT: '14006',
    DATABASE_NAME_PREFIX: 'test_',
    REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:`,
    IDENTITY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    BOOTSTRAP_ADMIN_EMAIL: TEST_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: TEST_ADMIN.password,
    LOGIN_FREE_ATTEMPTS: String(TEST_LOGIN_LIMITS.freeAttempts),
    LOGIN_BASE_DELAY_SECONDS: String(TEST_LOGIN_LIMITS.baseDelaySeconds),
    LOGIN_IP_FREE_ATTEMPTS: String(TEST_LOGIN_LIMITS.ipFreeAttempts),
    // Tests play clients at different addresses through X-Forwarded-For from loopback.
    TRUST_PROXY: 'loopback',
    // Every provider runs on its simulator (no credentials are set), on test ports.
    SIMULATOR_SPOTIFY_PORT: '14101',
    SIMULATOR_YOUTUBE_PORT: '14102',
    SIMULATOR_GENIUS_PORT: '14103',
    SIMULATOR_ODESLI_PORT: '14104',
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // Short enough for a test to see a breaker open and close again.
    PROVIDER_BREAKER_HALF_OPEN_MS: '2000',
    PROVIDER_BREAKER_FAILURES: '5',
  };
}
