/**
 * How often one user may ask for playback (`preparePlayback`): each asks the catalog and signs a
 * token, and a client looping on it would do both for nothing. STREAMING_PREPARE_PER_MINUTE per user
 * and minute, shared by every replica.
 */
import type { Redis } from 'ioredis';
import { config } from '../../../platform/config.js';
import { perUserLimit, type PerUserLimit } from '../../../platform/redis/per-user-limit.js';

export type PreparePlaybackLimit = PerUserLimit;

export const preparePlaybackLimit = (redis: Redis, perMinute = config().STREAMING_PREPARE_PER_MINUTE): PreparePlaybackLimit =>
  perUserLimit(redis, { name: ['streaming', 'prepare-playback'], points: perMinute, windowSeconds: 60, message: 'Too many playback requests; try again later' });
