/**
 * Streaming's privacy export and erase against the real Redis under a prefix of this file's own:
 * every key of the user's goes (devices, player, queue, version), another user's stay, and the
 * rate-limit count is forgotten.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedRedisPrefix } from '../../../providers/testing/redis-prefix.js';

const { prefix, cleanup } = isolatedRedisPrefix();
const { connectRedis } = await import('../../../platform/redis/connection.js');
const { registerDevice } = await import('../store/devices.js');
const { playerKey, queueKey, versionKey } = await import('../store/keys.js');
const { perUserLimit } = await import('../../../platform/redis/per-user-limit.js');
const { eraseStreamingUserData, exportStreamingUserData } = await import('./user-data.js');

let redis: Redis;
beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
  await cleanup();
});

const keysOf = async (pattern: string) => (await redis.keys(`${prefix}${pattern}`)).sort();

describe('streaming privacy', () => {
  it('exports the devices and playback state, then erases every key of the user and only theirs', async () => {
    const [ada, bob] = [randomUUID(), randomUUID()];
    const device = await registerDevice(redis, ada, { name: 'Laptop', kind: 'DESKTOP' });
    await registerDevice(redis, bob, { name: 'Phone', kind: 'MOBILE' });
    await redis.set(playerKey(ada), JSON.stringify({ trackId: 't1', positionMs: 5 }));
    await redis.rpush(queueKey(ada), 't2', 't3');
    await redis.set(versionKey(ada), '4');
    const limit = perUserLimit(redis, { name: ['streaming', 'privacy-test'], points: 10, windowSeconds: 60, message: 'slow down' });
    await limit.consume(ada);

    const exported = await exportStreamingUserData(redis, ada);
    expect(exported.devices).toEqual([expect.objectContaining({ id: device.id, name: 'Laptop', kind: 'DESKTOP' })]);
    expect(exported.playbackState).toEqual({ trackId: 't1', positionMs: 5 });
    expect(exported.queueTrackIds).toEqual(['t2', 't3']);

    expect(await eraseStreamingUserData(redis, ada, [limit])).toEqual({ keysDeleted: 5 });
    expect(await keysOf(`*${ada}*`)).toEqual([]);
    expect((await keysOf(`*${bob}*`)).length).toBe(2);
    expect(await eraseStreamingUserData(redis, ada, [limit])).toEqual({ keysDeleted: 0 });
    expect(await exportStreamingUserData(redis, ada)).toEqual({ devices: [], playbackState: null, playbackContextTrackIds: [], queueTrackIds: [] });
  });
});
