/**
 * A limit on how often one user may do something costly, counted in Redis so that every replica
 * agrees (rate-limiter-flexible). Over the limit is RATE_LIMITED with `retryAfterSeconds`.
 *
 *   const limit = perUserLimit(redis, { name: ['catalog', 'map-track'], points: 20, windowSeconds: 3600, message: '…' });
 *   await limit.consume(userId);
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';
import { redisKey } from './connection.js';

export interface PerUserLimit {
  /** Counts one use by the user, or throws RATE_LIMITED with `retryAfterSeconds`. */
  consume(userId: string): Promise<void>;
  /** Forgets the user's count (their account is being deleted: the key names them). */
  forget(userId: string): Promise<void>;
}

export function perUserLimit(
  redis: Redis,
  options: { name: readonly string[]; points: number; windowSeconds: number; message: string },
): PerUserLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: redisKey(...options.name),
    points: options.points,
    duration: options.windowSeconds,
    useRedisPackage: false,
  });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), options.message);
        throw error;
      }
    },
    async forget(userId) {
      await limiter.delete(userId);
    },
  };
}
