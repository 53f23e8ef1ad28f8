/** A user's latest playback state, reported by one of their devices. */
import type { Redis } from 'ioredis';
import { DEVICE_RETENTION_SECONDS, devicesKey, PLAYBACK_RETENTION_SECONDS, playbackKey } from './keys.js';
import { decodePlayback, encodePlayback, type PlaybackRecord } from './records.js';

// Atomically: the device must be the user's; it is marked as seen; the state is replaced.
// Returns 0 when the device is not among the user's.
const UPDATE = `
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return 0 end
local device = cjson.decode(stored)
device.lastSeenAt = ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(device))
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[5])
return 1`;

export class UnknownDeviceError extends Error {
  override name = 'UnknownDeviceError';
}

export type PlaybackReport = Omit<PlaybackRecord, 'updatedAt'>;

export async function updatePlayback(redis: Redis, report: PlaybackReport, now = new Date()): Promise<PlaybackRecord> {
  const record: PlaybackRecord = { ...report, updatedAt: now };
  const updated = await redis.eval(
    UPDATE,
    2,
    devicesKey(report.userId),
    playbackKey(report.userId),
    report.deviceId,
    encodePlayback(record),
    now.toISOString(),
    DEVICE_RETENTION_SECONDS,
    PLAYBACK_RETENTION_SECONDS,
  );
  if (updated !== 1) throw new UnknownDeviceError(`device ${report.deviceId} is not the user's`);
  return record;
}

export async function readPlayback(redis: Redis, userId: string): Promise<PlaybackRecord | null> {
  const stored = await redis.get(playbackKey(userId));
  return stored ? decodePlayback(stored) : null;
}
