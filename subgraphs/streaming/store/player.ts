/**
 * A user's playback state, Spotify Connect style: one state shared by all their devices, changed
 * only by player.lua, which reads, applies and writes each command atomically and gives it the next
 * version. Commands are relative where the user means them so (`next`, `previous`), so two devices
 * pressing at once compose instead of overwriting each other; `expectedVersion` lets a client ask
 * for a change only against the state it saw.
 */
import { randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import { config } from '../../../platform/config.js';
import { MAX_QUEUE_LENGTH, PLAYBACK_RETENTION_SECONDS, playerKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import type { ContextKind, PlaybackRecord, RepeatMode } from './records.js';

const PLAYER = new LuaScript('player');

export type PlayerCommand =
  | {
      kind: 'play';
      /** Null: the active device. */
      deviceId: string | null;
      context: { kind: ContextKind; id: string | null };
      trackIds: readonly string[];
      offset: number;
      positionMs: number;
    }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'seek'; positionMs: number }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'volume'; volumePercent: number }
  | { kind: 'shuffle'; on: boolean }
  | { kind: 'repeat'; mode: RepeatMode }
  | { kind: 'queue'; trackId: string }
  /** `play` null keeps playing or paused as it was. */
  | { kind: 'transfer'; deviceId: string; play: boolean | null }
  /** A device's own report of what it plays (updatePlayback). */
  | { kind: 'report'; deviceId: string; trackId: string; isPlaying: boolean; positionMs: number };

export type PlayerRefusal = 'NO_ACTIVE_DEVICE' | 'NO_PLAYBACK' | 'DEVICE_NOT_FOUND' | 'CONFLICT' | 'QUEUE_FULL';

/** The script refused the command and wrote nothing. */
export class PlayerCommandError extends Error {
  override name = 'PlayerCommandError';
  constructor(
    readonly reason: PlayerRefusal,
    readonly currentVersion: number,
  ) {
    super(`player command refused: ${reason}`);
  }
}

export interface PlayerOptions {
  /** Fail with CONFLICT unless the state is at this version (0: nothing played yet). */
  expectedVersion?: number | null;
  /** Default: STREAMING_DEVICE_TTL_SECONDS. */
  deviceTtlSeconds?: number;
}

interface StoredState {
  deviceId: string;
  trackId: string;
  contextKind: ContextKind;
  contextId: string;
  isPlaying: boolean;
  positionMs: number;
  positionUpdatedAt: number;
  volumePercent: number;
  shuffle: boolean;
  repeat: RepeatMode;
  version: number;
  updatedAt: number;
}

type Reply =
  | { none: true }
  | { error: PlayerRefusal; currentVersion: number }
  // cjson writes an empty Lua table as `{}`, so an empty queue arrives as an object.
  | { state: StoredState; alive: boolean; queue: string[] | Record<string, never>; contextLength: number; contextIndex: number };

function commandArgs(command: PlayerCommand): (string | number)[] {
  // A shuffle order is drawn from a seed chosen here, since a script must stay deterministic.
  const seed = () => randomInt(1, 2_147_483_647);
  switch (command.kind) {
    case 'play':
      return [command.deviceId ?? '', command.offset, command.positionMs, command.context.kind, command.context.id ?? '', seed(), ...command.trackIds];
    case 'seek':
      return [command.positionMs];
    case 'volume':
      return [command.volumePercent];
    case 'shuffle':
      return [command.on ? '1' : '0', seed()];
    case 'repeat':
      return [command.mode];
    case 'queue':
      return [command.trackId, MAX_QUEUE_LENGTH];
    case 'transfer':
      return [command.deviceId, command.play === null ? '' : command.play ? '1' : '0'];
    case 'report':
      return [command.deviceId, command.trackId, command.isPlaying ? '1' : '0', command.positionMs];
    default:
      return [];
  }
}

async function runPlayer(redis: Redis, userId: string, name: string, args: (string | number)[], options: PlayerOptions): Promise<PlaybackRecord | null> {
  const expected = options.expectedVersion ?? '';
  const ttlMs = (options.deviceTtlSeconds ?? config().STREAMING_DEVICE_TTL_SECONDS) * 1000;
  const raw = await PLAYER.run(redis, playerKeys(userId), [name, expected, ttlMs, PLAYBACK_RETENTION_SECONDS, ...args]);
  const reply = JSON.parse(String(raw)) as Reply;
  if ('none' in reply) return null;
  if ('error' in reply) throw new PlayerCommandError(reply.error, reply.currentVersion);
  const { state, alive } = reply;
  return {
    userId,
    version: state.version,
    deviceId: state.deviceId || null,
    deviceAlive: alive,
    trackId: state.trackId,
    // A device that expired while playing plays no more, whatever it last said.
    isPlaying: state.isPlaying && alive,
    positionMs: state.positionMs,
    positionUpdatedAt: new Date(state.positionUpdatedAt),
    updatedAt: new Date(state.updatedAt),
    volumePercent: state.volumePercent,
    shuffle: state.shuffle,
    repeat: state.repeat,
    context: {
      kind: state.contextKind,
      id: state.contextId || null,
      trackCount: reply.contextLength,
      index: reply.contextIndex >= 0 ? reply.contextIndex : null,
    },
    queue: Array.isArray(reply.queue) ? reply.queue : [],
  };
}

/** Applies one command atomically; the state as it wrote it, or PlayerCommandError with nothing written. */
export async function applyPlayerCommand(redis: Redis, userId: string, command: PlayerCommand, options: PlayerOptions = {}): Promise<PlaybackRecord> {
  return (await runPlayer(redis, userId, command.kind, commandArgs(command), options))!;
}

/** The state with its queue and context, read in one step; null when the user has not played anything. */
export async function readPlayback(redis: Redis, userId: string, options: Pick<PlayerOptions, 'deviceTtlSeconds'> = {}): Promise<PlaybackRecord | null> {
  return runPlayer(redis, userId, 'read', [], options);
}

/** Where the track is at `now`: clients do the same with `positionMs` and `positionUpdatedAt`. */
export function positionAt(playback: Pick<PlaybackRecord, 'isPlaying' | 'positionMs' | 'positionUpdatedAt'>, now = Date.now()): number {
  if (!playback.isPlaying) return playback.positionMs;
  return playback.positionMs + Math.max(0, now - playback.positionUpdatedAt.getTime());
}
