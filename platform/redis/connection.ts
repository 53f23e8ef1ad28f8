/** ioredis connections. Every key this deployment writes starts with REDIS_KEY_PREFIX. */
import { Redis, type RedisOptions } from 'ioredis';
import { config } from '../config.js';

/** A command connection: fails fast while Redis is away instead of queueing forever. */
export function connectRedis(options: RedisOptions = {}): Redis {
  return new Redis(config().REDIS_URL, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...options,
  });
}

/** The key for a namespace and id, under this deployment's prefix: `redisKey('auth', 'session', id)`. */
export function redisKey(...parts: string[]): string {
  return `${config().REDIS_KEY_PREFIX}${parts.join(':')}`;
}

export const redisReadiness = (redis: Redis) => async () => (await redis.ping()) === 'PONG';
