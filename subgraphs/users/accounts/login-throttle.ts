/**
 * Failed-login throttling, per account and per client IP, kept in Redis so every replica agrees.
 * Each key gets some free failures (LOGIN_FREE_ATTEMPTS per account, LOGIN_IP_FREE_ATTEMPTS per IP);
 * from then on every failure locks the key for a delay that doubles each time, from
 * LOGIN_BASE_DELAY_SECONDS up to LOGIN_MAX_DELAY_SECONDS. A lock holds even for the right password.
 * Unknown emails are counted exactly like real ones, so the responses never tell which accounts exist.
 * rate-limiter-flexible does the counting and locking; only the delay curve is ours.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { config } from '../../../platform/config.js';
import { rateLimited } from '../../../platform/errors.js';
import { redisKey } from '../../../platform/redis/connection.js';

const ACCOUNT_WINDOW_SECONDS = 24 * 60 * 60;
const IP_WINDOW_SECONDS = 60 * 60;

export interface LoginThrottle {
  /** Throws RATE_LIMITED while the account or the IP is locked. */
  assertAllowed(account: string, ip: string | undefined): Promise<void>;
  recordFailure(account: string, ip: string | undefined): Promise<void>;
  /** Clears the account's failures (not the IP's: one good password must not reset an attacker's address). */
  recordSuccess(account: string): Promise<void>;
}

/** Failures of one kind of key, and the growing lock they earn beyond the free ones. */
function lockout(redis: Redis, kind: string, freeFailures: number, windowSeconds: number) {
  const c = config();
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: redisKey('users', 'login', kind, name), points, duration, useRedisPackage: false });
  const failures = limiter('failures', Number.MAX_SAFE_INTEGER, windowSeconds);
  // One point: `block` locks the key, and `get` reports a consumption above it while locked.
  const lock = limiter('lock', 1, 1);
  return {
    async lockedForMs(key: string): Promise<number> {
      const state = await lock.get(key);
      return state && state.consumedPoints > 1 ? state.msBeforeNext : 0;
    },
    async fail(key: string): Promise<void> {
      const { consumedPoints } = await failures.penalty(key);
      const beyondFree = consumedPoints - freeFailures;
      if (beyondFree >= 0) await lock.block(key, Math.min(c.LOGIN_BASE_DELAY_SECONDS * 2 ** beyondFree, c.LOGIN_MAX_DELAY_SECONDS));
    },
    async clear(key: string): Promise<void> {
      await Promise.all([failures.delete(key), lock.delete(key)]);
    },
  };
}

export function createLoginThrottle(redis: Redis): LoginThrottle {
  const c = config();
  const byAccount = lockout(redis, 'account', c.LOGIN_FREE_ATTEMPTS, ACCOUNT_WINDOW_SECONDS);
  const byIp = lockout(redis, 'ip', c.LOGIN_IP_FREE_ATTEMPTS, IP_WINDOW_SECONDS);

  return {
    async assertAllowed(account, ip) {
      const waits = await Promise.all([byAccount.lockedForMs(account), ip ? byIp.lockedForMs(ip) : 0]);
      const waitMs = Math.max(...waits);
      if (waitMs > 0) throw rateLimited(Math.ceil(waitMs / 1000), 'Too many failed sign-in attempts. Try again later.');
    },
    async recordFailure(account, ip) {
      await Promise.all([byAccount.fail(account), ip ? byIp.fail(ip) : undefined]);
    },
    recordSuccess: (account) => byAccount.clear(account),
  };
}
