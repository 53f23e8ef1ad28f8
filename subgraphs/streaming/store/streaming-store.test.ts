/**
 * Devices and playback state against a real Redis (REDIS_URL, default 127.0.0.1:6379), under a key
 * prefix of this run's own, deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = `test_helper:${randomUUID()}:`;
process.env.REDIS_KEY_PREFIX = prefix;
const { connectRedis } = await import('../../../platform/redis/connection.js');
const { findDevice, listDevices, MAX_DEVICES_PER_USER, registerDevice, removeDevice, DeviceLimitError } = await import(
  './devices.js'
);
const { readPlayback, updatePlayback, UnknownDeviceError } = await import('./playback.js');
const { DEVICE_RETENTION_SECONDS, devicesKey, playbackKey } = await import('./keys.js');

let redis: Redis;

beforeAll(() => {
  redis = connectRedis();
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const report = (userId: string, deviceId: string) => ({
  userId,
  deviceId,
  trackId: '4uLU6hMCjMI75M1A2tKUQC',
  isPlaying: true,
  positionMs: 42_000,
});

describe('devices', () => {
  it('registers devices under the prefix and lists them most recently seen first', async () => {
    const userId = randomUUID();
    const phone = await registerDevice(redis, userId, { name: 'Phone', kind: 'PHONE' }, new Date('2026-01-01T00:00:00Z'));
    const tv = await registerDevice(redis, userId, { name: 'TV', kind: 'TV' }, new Date('2026-01-02T00:00:00Z'));
    expect((await listDevices(redis, userId)).map((d) => d.id)).toEqual([tv.id, phone.id]);
    expect(await findDevice(redis, userId, phone.id)).toEqual(phone);
    expect(devicesKey(userId).startsWith(`${prefix}streaming:`)).toBe(true);
    expect(await redis.ttl(devicesKey(userId))).toBeGreaterThan(DEVICE_RETENTION_SECONDS - 10);
  });

  it('keeps users apart', async () => {
    const device = await registerDevice(redis, randomUUID(), { name: 'Laptop', kind: 'COMPUTER' });
    const other = randomUUID();
    expect(await listDevices(redis, other)).toEqual([]);
    expect(await findDevice(redis, other, device.id)).toBeNull();
    expect(await removeDevice(redis, other, device.id)).toBe(false);
  });

  it('never exceeds the per-user limit, even when registrations race', async () => {
    const userId = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_DEVICES_PER_USER + 5 }, (_, i) => registerDevice(redis, userId, { name: `d${i}`, kind: 'WEB' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_DEVICES_PER_USER);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => r.reason instanceof DeviceLimitError)).toBe(true);
    expect(await redis.hlen(devicesKey(userId))).toBe(MAX_DEVICES_PER_USER);
  });

  it('removes a device', async () => {
    const userId = randomUUID();
    const device = await registerDevice(redis, userId, { name: 'Speaker', kind: 'SPEAKER' });
    expect(await removeDevice(redis, userId, device.id)).toBe(true);
    expect(await listDevices(redis, userId)).toEqual([]);
  });
});

describe('playback', () => {
  it('stores the state and marks the device as seen', async () => {
    const userId = randomUUID();
    const device = await registerDevice(redis, userId, { name: 'Phone', kind: 'PHONE' }, new Date('2026-01-01T00:00:00Z'));
    const now = new Date('2026-01-05T12:00:00Z');
    const state = await updatePlayback(redis, report(userId, device.id), now);
    expect(state).toEqual({ ...report(userId, device.id), updatedAt: now });
    expect(await readPlayback(redis, userId)).toEqual(state);
    expect(await findDevice(redis, userId, device.id)).toEqual({ ...device, lastSeenAt: now });
    expect(await redis.ttl(playbackKey(userId))).toBeGreaterThan(0);
  });

  it("refuses another user's device and writes nothing", async () => {
    const owner = randomUUID();
    const device = await registerDevice(redis, owner, { name: 'Phone', kind: 'PHONE' });
    const intruder = randomUUID();
    await expect(updatePlayback(redis, report(intruder, device.id))).rejects.toBeInstanceOf(UnknownDeviceError);
    expect(await readPlayback(redis, intruder)).toBeNull();
    expect(await redis.exists(devicesKey(intruder))).toBe(0);
    expect(await findDevice(redis, owner, device.id)).toEqual(device);
  });

  it('is null for a user who never played', async () => {
    expect(await readPlayback(redis, randomUUID())).toBeNull();
  });
});
