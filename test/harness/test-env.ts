/**
 * The environment of the stack the tests run against: its own ports, databases (`test_` prefix),
 * Redis key prefix and secrets, so a test run never touches what `npm start` uses.
 */
import { randomBytes } from 'node:crypto';

export const TEST_ADMIN = { email: 'admin@test.example', password: 'Operator-key-42!x' };

export const TEST_LOGIN_LIMITS = { freeAttempts: 3, baseDelaySeconds: 3, ipFreeAttempts: 8 };

/**
 * TEST_PORT_BASE (default 14000) moves the whole test stack (ports base…base+6, simulators
 * base+101…base+104, databases `test<base>_`), so two checkouts can run their e2e tests side by side.
 */
const PORT_BASE = Number(process.env.TEST_PORT_BASE ?? 14000);
/** A port of this test run: the stack's base plus `offset`. */
export const testPort = (offset: number) => PORT_BASE + offset;
const port = (offset: number) => String(testPort(offset));

export function testStackEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: port(0),
    USERS_PORT: port(1),
    CATALOG_PORT: port(2),
    LIBRARY_PORT: port(3),
    LYRICS_PORT: port(4),
    STREAMING_PORT: port(5),
    ANALYTICS_PORT: port(6),
    DATABASE_NAME_PREFIX: PORT_BASE === 14000 ? 'test_' : `test${PORT_BASE}_`,
    REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:`,
    IDENTITY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    PLAYBACK_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    // Short, so the streaming tests see a device expire without its heartbeat.
    STREAMING_DEVICE_TTL_SECONDS: '5',
    // Short, so stats (read from rollups) catch up with a listen within about a second.
    ANALYTICS_ROLLUP_EVERY_SECONDS: '1',
    // Short, so a track whose language lyrics had not detected yet is asked again soon.
    ANALYTICS_TRACK_LANGUAGE_RETRY_SECONDS: '1',
    // Short, so the recommendations e2e test sees the scheduled job fill a user's recommendations.
    ANALYTICS_RECOMMENDATIONS_EVERY_SECONDS: '2',
    BOOTSTRAP_ADMIN_EMAIL: TEST_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: TEST_ADMIN.password,
    LOGIN_FREE_ATTEMPTS: String(TEST_LOGIN_LIMITS.freeAttempts),
    LOGIN_BASE_DELAY_SECONDS: String(TEST_LOGIN_LIMITS.baseDelaySeconds),
    LOGIN_IP_FREE_ATTEMPTS: String(TEST_LOGIN_LIMITS.ipFreeAttempts),
    // Tests play clients at different addresses through X-Forwarded-For from loopback.
    TRUST_PROXY: 'loopback',
    // Every provider runs on its simulator (no credentials are set), on test ports.
    SIMULATOR_SPOTIFY_PORT: port(101),
    SIMULATOR_YOUTUBE_PORT: port(102),
    SIMULATOR_GENIUS_PORT: port(103),
    SIMULATOR_ODESLI_PORT: port(104),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // Short enough for a test to see a breaker open and close again.
    PROVIDER_BREAKER_HALF_OPEN_MS: '2000',
    PROVIDER_BREAKER_FAILURES: '5',
  };
}
