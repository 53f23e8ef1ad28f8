/**
 * Failed-login throttling, per account and per client IP, kept in Redis so every replica agrees.
 * After LOGIN_FREE_ATTEMPTS failures an account is locked for a delay that doubles with each further
 * failure (capped); an IP gets LOGIN_IP_ATTEMPTS_PER_HOUR failures an hour. Unknown emails are
 * counted exactly like real ones, so the responses never tell which accounts exist.
 * rate-limiter-flexible does the counting and blocking; only the delay curve is ours.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { config } from '../../../platform/config.js';
import { rateLimited } from '../../../platform/errors.js';
import { redisKey } from '../../../platform/redis/connection.js';

const FAILURE_WINDOW_SECONDS = 24 * 60 * 60;

export interface LoginThrottle {
  /** Throws RATE_LIMITED while the account or the IP is locked. */
  assertAllowed(account: string, ip: string | undefined): Promise<void>;
  recordFailure(account: string, ip: string | undefined): Promise<void>;
  recordSuccess(account: string): Promise<void>;
}

export function createLoginThrottle(redis: Redis): LoginThrottle {
  const c = config();
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: redisKey('users', name), points, duration, useRedisPackage: false });
  const accountFailures = limiter('login-failures-account', Number.MAX_SAFE_INTEGER, FAILURE_WINDOW_SECONDS);
  // One point: `block` locks the key, `get` reports how long is left.
  const accountLock = limiter('login-lock-account', 1, 1);
  const ipFailures = limiter('login-failures-ip', c.LOGIN_IP_ATTEMPTS_PER_HOUR, 60 * 60);

  return {
    async assertAllowed(account, ip) {
      const [lock, byIp] = await Promise.all([accountLock.get(account), ip ? ipFailures.get(ip) : null]);
      const waitsMs: number[] = [];
      if (lock && lock.consumedPoints > 1) waitsMs.push(lock.msBeforeNext);
      if (byIp && byIp.consumedPoints >= c.LOGIN_IP_ATTEMPTS_PER_HOUR) waitsMs.push(byIp.msBeforeNext);
      if (waitsMs.length) {
        throw rateLimited(Math.ceil(Math.max(...waitsMs) / 1000), 'Too many failed sign-in attempts. Try again later.');
      }
    },

    async recordFailure(account, ip) {
      const failures = await accountFailures.penalty(account);
      if (ip) await ipFailures.penalty(ip);
      const beyondFree = failures.consumedPoints - c.LOGIN_FREE_ATTEMPTS;
      if (beyondFree >= 0) {
        const delay = Math.min(c.LOGIN_BASE_DELAY_SECONDS * 2 ** beyondFree, c.LOGIN_MAX_DELAY_SECONDS);
        await accountLock.block(account, delay);
      }
    },

    async recordSuccess(account) {
      await Promise.all([accountFailures.delete(account), accountLock.delete(account)]);
    },
  };
}
