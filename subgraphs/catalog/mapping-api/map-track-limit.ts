/**
 * How many new mappings one user may ask for through `mapTrack`: an interactive mapping spends the
 * interactive reserve of YouTube's budgets (a search is one of 100 a day for the whole product), so
 * one user must not be able to drain it. Answering a stored mapping is free and not counted; batches
 * go through `requestMapping`, whose jobs spend only the background share. Counted in Redis, so
 * every replica agrees (rate-limiter-flexible).
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../../../platform/errors.js';
import { redisKey } from '../../../platform/redis/connection.js';

export const MAP_TRACK_LIMIT = { points: 20, windowSeconds: 3600 };

export interface MapTrackLimit {
  /** Counts one new mapping for the user, or throws RATE_LIMITED with `retryAfterSeconds`. */
  consume(userId: string): Promise<void>;
}

export function mapTrackLimit(redis: Redis): MapTrackLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: redisKey('catalog', 'map-track'),
    points: MAP_TRACK_LIMIT.points,
    duration: MAP_TRACK_LIMIT.windowSeconds,
    useRedisPackage: false,
  });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), 'Too many new mappings asked for; try again later or use requestMapping');
        }
        throw error;
      }
    },
  };
}
