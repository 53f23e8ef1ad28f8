/** A user's playback devices: registering, listing, finding and removing them. */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DEVICE_RETENTION_SECONDS, devicesKey } from './keys.js';
import { decodeDevice, encodeDevice, type DeviceKind, type DeviceRecord } from './records.js';

export const MAX_DEVICES_PER_USER = 50;

// Count and insert in one step, so concurrent registrations cannot pass the limit together.
const REGISTER = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

export class DeviceLimitError extends Error {
  override name = 'DeviceLimitError';
}

export async function registerDevice(
  redis: Redis,
  userId: string,
  device: { name: string; kind: DeviceKind },
  now = new Date(),
): Promise<DeviceRecord> {
  const record: DeviceRecord = { id: randomUUID(), ...device, registeredAt: now, lastSeenAt: now };
  const added = await redis.eval(
    REGISTER,
    1,
    devicesKey(userId),
    record.id,
    encodeDevice(record),
    MAX_DEVICES_PER_USER,
    DEVICE_RETENTION_SECONDS,
  );
  if (added !== 1) throw new DeviceLimitError(`user has ${MAX_DEVICES_PER_USER} devices already`);
  return record;
}

/** The user's devices, most recently seen first. */
export async function listDevices(redis: Redis, userId: string): Promise<DeviceRecord[]> {
  const stored = await redis.hvals(devicesKey(userId));
  return stored.map(decodeDevice).sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

export async function findDevice(redis: Redis, userId: string, deviceId: string): Promise<DeviceRecord | null> {
  const stored = await redis.hget(devicesKey(userId), deviceId);
  return stored ? decodeDevice(stored) : null;
}

/** True when the device was the user's and is now gone. */
export async function removeDevice(redis: Redis, userId: string, deviceId: string): Promise<boolean> {
  return (await redis.hdel(devicesKey(userId), deviceId)) === 1;
}
