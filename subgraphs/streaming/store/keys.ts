/**
 * Streaming's Redis keys, all under `<REDIS_KEY_PREFIX>streaming:`. A user's keys share the hash tag
 * `{userId}`, so they sit in one Redis Cluster slot and one Lua script may read and write them all.
 */
import { redisKey } from '../../../platform/redis/connection.js';

const userKey = (userId: string, ...parts: string[]): string => redisKey('streaming', `{${userId}}`, ...parts);

/** Hash: device id → device JSON (id, name, kind, registeredAt). */
export const deviceInfoKey = (userId: string): string => userKey(userId, 'devices', 'info');
/** Sorted set: device id → last heartbeat (epoch ms, Redis's clock). Liveness is read from here. */
export const deviceSeenKey = (userId: string): string => userKey(userId, 'devices', 'seen');

/** String: the playback state JSON (player.lua documents its fields). */
export const playerKey = (userId: string): string => userKey(userId, 'player');
/** List: the track ids of what is playing (a playlist's, an album's, or a list of tracks). */
export const contextKey = (userId: string): string => userKey(userId, 'player', 'context');
/** List: while shuffling, the play order as indexes into the context. */
export const orderKey = (userId: string): string => userKey(userId, 'player', 'order');
/** List: track ids the user queued, played before the context continues. */
export const queueKey = (userId: string): string => userKey(userId, 'player', 'queue');
/**
 * Counter: the playback state's version. Kept apart from the state and without expiry, so that a
 * state forgotten after PLAYBACK_RETENTION_SECONDS comes back with a higher version, never 1 again.
 */
export const versionKey = (userId: string): string => userKey(userId, 'player', 'version');

/** Every key one player script touches, in the order player.lua reads KEYS. */
export const playerKeys = (userId: string): string[] => [
  playerKey(userId),
  contextKey(userId),
  orderKey(userId),
  queueKey(userId),
  versionKey(userId),
  deviceInfoKey(userId),
  deviceSeenKey(userId),
];

/** "What was I listening to" survives this long without a change. */
export const PLAYBACK_RETENTION_SECONDS = 30 * 24 * 60 * 60;
export const MAX_DEVICES_PER_USER = 50;
/** Spotify's queue holds about as many; a longer one is a bug in a client, not a listener. */
export const MAX_QUEUE_LENGTH = 100;
/** What `play` reads of a playlist or album at most (DESIGN: a playlist page is 100 items). */
export const MAX_CONTEXT_TRACKS = 1000;
