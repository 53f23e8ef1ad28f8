/**
 * How many new mappings one user may ask for through `mapTrack`: an interactive mapping spends the
 * interactive reserve of YouTube's budgets (a search is one of 100 a day for the whole product), so
 * one user must not be able to drain it. Answering a stored mapping is free and not counted; batches
 * go through `requestMapping`, whose jobs spend only the background share. Shared by every replica.
 */
import type { Redis } from 'ioredis';
import { perUserLimit, type PerUserLimit } from '../../../platform/redis/per-user-limit.js';

export const MAP_TRACK_LIMIT = { points: 20, windowSeconds: 3600 };

export type MapTrackLimit = PerUserLimit;

export const mapTrackLimit = (redis: Redis): MapTrackLimit =>
  perUserLimit(redis, {
    name: ['catalog', 'map-track'],
    ...MAP_TRACK_LIMIT,
    message: 'Too many new mappings asked for; try again later or use requestMapping',
  });
