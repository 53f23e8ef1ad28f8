/**
 * Streaming's Redis keys, all under `<REDIS_KEY_PREFIX>streaming:`. A user's keys share the hash tag
 * `{userId}`, so they sit in one Redis Cluster slot and one Lua script may touch them all.
 */
import { redisKey } from '../../../platform/redis/connection.js';

/** Hash: device id → device JSON. */
export const devicesKey = (userId: string): string => redisKey('streaming', `{${userId}}`, 'devices');

/** String: the latest playback state JSON. */
export const playbackKey = (userId: string): string => redisKey('streaming', `{${userId}}`, 'playback');

/** A device nobody has played on for this long is forgotten (with all the user's devices, if none is used). */
export const DEVICE_RETENTION_SECONDS = 180 * 24 * 60 * 60;
/** "What was I listening to" survives this long without updates. */
export const PLAYBACK_RETENTION_SECONDS = 30 * 24 * 60 * 60;
