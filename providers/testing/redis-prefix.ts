/**
 * Provider tests in the unit project talk to the real local Redis; each test file gets its own key
 * prefix (set before anything reads the configuration) and removes its keys afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export function isolatedRedisPrefix(): { prefix: string; cleanup: () => Promise<void> } {
  const prefix = `test:providers:${randomBytes(4).toString('hex')}:`;
  process.env.REDIS_KEY_PREFIX = prefix;
  return {
    prefix,
    async cleanup() {
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
        if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
      }
      redis.disconnect();
    },
  };
}
