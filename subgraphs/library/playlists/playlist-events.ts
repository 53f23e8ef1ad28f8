/**
 * Tells live subscribers (`playlistChanged(id)` at the gateway) that a playlist changed: its
 * details or items (with the new version), its followers, who may see it, or that it is gone. The
 * gateway re-reads the playlist for each subscriber, so a subscriber who lost access gets null.
 */
import type { Redis } from 'ioredis';
import { playlistTopic, publishLiveEvent } from '../../../platform/live/live-events.js';

export type PlaylistEvents = (playlistId: string, version?: number) => Promise<void>;

export const playlistEvents =
  (redis: Redis): PlaylistEvents =>
  (playlistId, version) =>
    publishLiveEvent(redis, playlistTopic(playlistId), version === undefined ? {} : { version });
