/** ioredis connections. Every key this deployment writes starts with REDIS_KEY_PREFIX. */
import { Redis, type RedisOptions } from 'ioredis';
import { config } from '../config.js';
import { logger } from '../logger.js';

/**
 * A command connection: fails fast while Redis is away instead of queueing forever, and reconnects
 * by itself. Without an 'error' listener ioredis would crash the process, so one logs the first
 * error of an outage (not every retry) and the recovery.
 */
export function connectRedis(options: RedisOptions = {}): Redis {
  const redis = new Redis(config().REDIS_URL, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...options,
  });
  let outage = false;
  redis.on('error', (error) => {
    if (!outage) logger().warn({ err: error.message }, 'Redis connection lost; reconnecting');
    outage = true;
  });
  redis.on('ready', () => {
    if (outage) logger().info('Redis connection restored');
    outage = false;
  });
  return redis;
}

/** The key for a namespace and id, under this deployment's prefix: `redisKey('auth', 'session', id)`. */
export function redisKey(...parts: string[]): string {
  return `${config().REDIS_KEY_PREFIX}${parts.join(':')}`;
}

export const redisReadiness = (redis: Redis) => async () => (await redis.ping()) === 'PONG';
