/** The private redis-server: starts on a free port, answers, evicts nothing, and is gone after close(). */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { findRedisServer, startPrivateRedis } from '../redis/private-server.js';
import { isPortFree } from './network.js';

describe.skipIf(!(await findRedisServer()))('startPrivateRedis', () => {
  it('starts, answers PING with noeviction, and stops', async () => {
    const server = await startPrivateRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0 });
    try {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await redis.config('GET', 'save')).toEqual(['save', '']);
    } finally {
      redis.disconnect();
      await server.close();
    }
    expect(server.child.exit?.code).toBe(0);
    expect(await isPortFree(server.port)).toBe(true);
  });
});
