/**
 * Devices against the real Redis (REDIS_URL, default 127.0.0.1:6379) under a key prefix of this
 * file's own: registration and its limit under races, heartbeats, expiry with a 1-second TTL, removal.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedRedisPrefix } from '../../../providers/testing/redis-prefix.js';

const { prefix, cleanup } = isolatedRedisPrefix();
const { connectRedis } = await import('../../../platform/redis/connection.js');
const { DeviceLimitError, findDevice, heartbeatDevice, listDevices, MAX_DEVICES_PER_USER, registerDevice, removeDevice } = await import('./devices.js');
const { deviceInfoKey, deviceSeenKey } = await import('./keys.js');
const { applyPlayerCommand, readPlayback } = await import('./player.js');

let redis: Redis;
beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await redis.quit();
  await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LONG = { ttlSeconds: 90 };
const SHORT = { ttlSeconds: 1 };

describe('registering and listing', () => {
  it('registers under the prefix and lists live devices, most recently seen first', async () => {
    const userId = randomUUID();
    const phone = await registerDevice(redis, userId, { name: 'Phone', kind: 'MOBILE' }, LONG);
    await sleep(5);
    const tv = await registerDevice(redis, userId, { name: 'TV', kind: 'TV' }, LONG);
    expect(phone).toMatchObject({ name: 'Phone', kind: 'MOBILE' });
    expect(phone.expiresAt.getTime() - phone.lastSeenAt.getTime()).toBe(90_000);
    expect(phone.registeredAt).toEqual(phone.lastSeenAt);
    expect((await listDevices(redis, userId, LONG)).map((d) => d.id)).toEqual([tv.id, phone.id]);
    await heartbeatDevice(redis, userId, phone.id, LONG);
    expect((await listDevices(redis, userId, LONG)).map((d) => d.id)).toEqual([phone.id, tv.id]);
    expect(await findDevice(redis, userId, tv.id, LONG)).toEqual(tv);
    expect(deviceSeenKey(userId).startsWith(`${prefix}streaming:{${userId}}:`)).toBe(true);
  });

  it('keeps users apart', async () => {
    const device = await registerDevice(redis, randomUUID(), { name: 'Laptop', kind: 'DESKTOP' }, LONG);
    const other = randomUUID();
    expect(await listDevices(redis, other, LONG)).toEqual([]);
    expect(await findDevice(redis, other, device.id, LONG)).toBeNull();
    expect(await heartbeatDevice(redis, other, device.id, LONG)).toBeNull();
    expect(await removeDevice(redis, other, device.id, LONG)).toEqual({ removed: false, version: null });
  });

  it('never exceeds the limit of live devices, even when registrations race', async () => {
    const userId = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_DEVICES_PER_USER + 5 }, (_, i) => registerDevice(redis, userId, { name: `d${i}`, kind: 'WEB' }, LONG)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_DEVICES_PER_USER);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(5);
    expect(rejected.every((r) => r.reason instanceof DeviceLimitError)).toBe(true);
    expect(await redis.zcard(deviceSeenKey(userId))).toBe(MAX_DEVICES_PER_USER);
    expect(await redis.hlen(deviceInfoKey(userId))).toBe(MAX_DEVICES_PER_USER);
  });
});

describe('heartbeats and expiry', () => {
  it('keeps a device alive while it beats, then forgets it: not listed, not found, no heartbeat, no keys', async () => {
    const userId = randomUUID();
    const device = await registerDevice(redis, userId, { name: 'Tablet', kind: 'TABLET' }, SHORT);
    for (let i = 0; i < 3; i++) {
      await sleep(600);
      const beat = await heartbeatDevice(redis, userId, device.id, SHORT);
      expect(beat?.lastSeenAt.getTime()).toBeGreaterThan(device.lastSeenAt.getTime());
      expect(beat?.registeredAt).toEqual(device.registeredAt);
    }
    // 1.8 s after registering, beyond the TTL, and still alive thanks to the heartbeats.
    expect((await listDevices(redis, userId, SHORT)).map((d) => d.id)).toEqual([device.id]);
    await sleep(1100);
    expect(await findDevice(redis, userId, device.id, SHORT)).toBeNull();
    expect(await listDevices(redis, userId, SHORT)).toEqual([]);
    expect(await heartbeatDevice(redis, userId, device.id, SHORT)).toBeNull();
    expect(await removeDevice(redis, userId, device.id, SHORT)).toEqual({ removed: false, version: null });
    // Nothing is left behind: the keys expire with the last heartbeat.
    expect(await redis.exists(deviceInfoKey(userId), deviceSeenKey(userId))).toBe(0);
  });

  it('does not count expired devices against the limit', async () => {
    const userId = randomUUID();
    await Promise.all(Array.from({ length: MAX_DEVICES_PER_USER }, (_, i) => registerDevice(redis, userId, { name: `d${i}`, kind: 'WEB' }, SHORT)));
    await expect(registerDevice(redis, userId, { name: 'one more', kind: 'WEB' }, SHORT)).rejects.toBeInstanceOf(DeviceLimitError);
    await sleep(1100);
    const fresh = await registerDevice(redis, userId, { name: 'one more', kind: 'WEB' }, SHORT);
    expect((await listDevices(redis, userId, SHORT)).map((d) => d.id)).toEqual([fresh.id]);
    expect(await redis.hlen(deviceInfoKey(userId))).toBe(1);
  });

  it('cannot be played on once expired, and the state reads as paused with no live device', async () => {
    const userId = randomUUID();
    const device = await registerDevice(redis, userId, { name: 'Web player', kind: 'WEB' }, SHORT);
    const play = { kind: 'play', deviceId: device.id, context: { kind: 'TRACKS', id: null }, trackIds: ['4uLU6hMCjMI75M1A2tKUQC'], offset: 0, positionMs: 0 } as const;
    const playing = await applyPlayerCommand(redis, userId, play, { deviceTtlSeconds: 1 });
    expect(playing).toMatchObject({ isPlaying: true, deviceAlive: true, version: 1 });
    await sleep(1100);
    expect(await readPlayback(redis, userId, { deviceTtlSeconds: 1 })).toMatchObject({ isPlaying: false, deviceAlive: false, version: 1 });
    await expect(applyPlayerCommand(redis, userId, play, { deviceTtlSeconds: 1 })).rejects.toMatchObject({ reason: 'DEVICE_NOT_FOUND', currentVersion: 1 });
    await expect(applyPlayerCommand(redis, userId, { kind: 'next' }, { deviceTtlSeconds: 1 })).rejects.toMatchObject({ reason: 'NO_ACTIVE_DEVICE' });
  });
});

describe('removing', () => {
  it('removes a device; removing the playing device pauses playback as a new version', async () => {
    const userId = randomUUID();
    const speaker = await registerDevice(redis, userId, { name: 'Speaker', kind: 'SPEAKER' }, LONG);
    const phone = await registerDevice(redis, userId, { name: 'Phone', kind: 'MOBILE' }, LONG);
    expect(await removeDevice(redis, userId, phone.id, LONG)).toEqual({ removed: true, version: null });
    const play = { kind: 'play', deviceId: speaker.id, context: { kind: 'TRACKS', id: null }, trackIds: ['4uLU6hMCjMI75M1A2tKUQC'], offset: 0, positionMs: 5000 } as const;
    await applyPlayerCommand(redis, userId, play, { deviceTtlSeconds: 90 });
    await sleep(50);
    expect(await removeDevice(redis, userId, speaker.id, LONG)).toEqual({ removed: true, version: 2 });
    const paused = await readPlayback(redis, userId, { deviceTtlSeconds: 90 });
    expect(paused).toMatchObject({ isPlaying: false, deviceAlive: false, version: 2 });
    expect(paused!.positionMs).toBeGreaterThanOrEqual(5050);
    expect(await listDevices(redis, userId, LONG)).toEqual([]);
  });
});
