/**
 * How often one user may ask for playback (`preparePlayback`): each asks the catalog and signs a
 * token, and a client looping on it would do both for nothing. Counted in Redis so every replica
 * agrees (rate-limiter-flexible); STREAMING_PREPARE_PER_MINUTE per user and minute.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '../../../platform/config.js';
import { rateLimited } from '../../../platform/errors.js';
import { redisKey } from '../../../platform/redis/connection.js';

export interface PreparePlaybackLimit {
  /** Counts one request of the user's, or throws RATE_LIMITED with `retryAfterSeconds`. */
  consume(userId: string): Promise<void>;
}

export function preparePlaybackLimit(redis: Redis, perMinute = config().STREAMING_PREPARE_PER_MINUTE): PreparePlaybackLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: redisKey('streaming', 'prepare-playback'),
    points: perMinute,
    duration: 60,
    useRedisPackage: false,
  });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), 'Too many playback requests; try again later');
        }
        throw error;
      }
    },
  };
}
