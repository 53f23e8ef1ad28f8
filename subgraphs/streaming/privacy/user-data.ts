/**
 * Streaming's part of a user's data export and account deletion (platform/privacy/contract.ts).
 * Everything streaming keeps about a user sits under their hash-tagged keys,
 * `streaming:{<userId>}:…` (store/keys.ts: devices, playback state, context, shuffle order, queue,
 * version), plus their `preparePlayback` rate-limit count. Export reads those keys as they are; erase
 * deletes them all (found by SCAN, so a key added to keys.ts later is erased too) and is idempotent.
 * Playback tokens are signed and stored nowhere; listening reports are analytics' (through its queue).
 */
import type { Redis } from 'ioredis';
import { redisKey } from '../../../platform/redis/connection.js';
import type { ErasureReport, PrivacySection } from '../../../platform/privacy/contract.js';
import type { PerUserLimit } from '../../../platform/redis/per-user-limit.js';
import { contextKey, deviceInfoKey, deviceSeenKey, playerKey, queueKey } from '../store/keys.js';

/** Every key of the user's, whatever keys.ts adds later. */
async function userKeys(redis: Redis, userId: string): Promise<string[]> {
  const keys = new Set<string>();
  // `{` and `}` are plain characters in a SCAN pattern; the user id is a UUID (no glob characters).
  const stream = redis.scanStream({ match: `${redisKey('streaming', `{${userId}}`)}:*`, count: 500 });
  for await (const batch of stream) for (const key of batch as string[]) keys.add(key);
  return [...keys];
}

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
};

export async function exportStreamingUserData(redis: Redis, userId: string): Promise<PrivacySection> {
  const [info, seen, player, context, queue] = await Promise.all([
    redis.hgetall(deviceInfoKey(userId)),
    redis.zrange(deviceSeenKey(userId), 0, -1, 'WITHSCORES'),
    redis.get(playerKey(userId)),
    redis.lrange(contextKey(userId), 0, -1),
    redis.lrange(queueKey(userId), 0, -1),
  ]);
  const lastSeen = new Map<string, number>();
  for (let i = 0; i < seen.length; i += 2) lastSeen.set(seen[i]!, Number(seen[i + 1]));
  const devices = Object.values(info).map((json) => {
    const device = parse(json) as { id: string; name: string; kind: string; registeredAt: number };
    const seenAt = lastSeen.get(device.id);
    return {
      id: device.id,
      name: device.name,
      kind: device.kind,
      registeredAt: new Date(device.registeredAt).toISOString(),
      lastSeenAt: seenAt === undefined ? null : new Date(seenAt).toISOString(),
    };
  });
  return { devices, playbackState: parse(player), playbackContextTrackIds: context, queueTrackIds: queue };
}

export async function eraseStreamingUserData(redis: Redis, userId: string, limits: PerUserLimit[]): Promise<ErasureReport> {
  const keys = await userKeys(redis, userId);
  // One DEL per key: the keys share a hash tag, but a DEL of many keys would need them in one slot anyway.
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.del(key);
  const results = (await pipeline.exec()) ?? [];
  await Promise.all(limits.map((limit) => limit.forget(userId)));
  return { keysDeleted: results.filter(([error, deleted]) => !error && deleted === 1).length };
}
