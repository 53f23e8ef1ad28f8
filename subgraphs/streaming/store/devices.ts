/**
 * A user's playback devices. A device stays alive by heartbeat: its last heartbeat (Redis's clock)
 * is its score in a sorted set, and a device not seen for the TTL (STREAMING_DEVICE_TTL_SECONDS) is
 * gone: not listed, not found, not playable, and purged by the next script that looks. Every
 * operation is one Lua script, so a heartbeat never revives a device another call just purged.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { config } from '../../../platform/config.js';
import { deviceInfoKey, deviceSeenKey, MAX_DEVICES_PER_USER, playerKey, versionKey } from './keys.js';
import { LuaScript } from './lua-script.js';
import type { DeviceKind, DeviceRecord } from './records.js';

export { MAX_DEVICES_PER_USER } from './keys.js';

const REGISTER = new LuaScript('register-device');
const HEARTBEAT = new LuaScript('heartbeat-device');
const LIST = new LuaScript('list-devices');
const REMOVE = new LuaScript('remove-device');

export interface DeviceOptions {
  /** Default: STREAMING_DEVICE_TTL_SECONDS. */
  ttlSeconds?: number;
}

const ttlMs = (options: DeviceOptions): number => (options.ttlSeconds ?? config().STREAMING_DEVICE_TTL_SECONDS) * 1000;

export class DeviceLimitError extends Error {
  override name = 'DeviceLimitError';
}

interface StoredDevice {
  id: string;
  name: string;
  kind: DeviceKind;
  /** Epoch ms, Redis's clock. */
  registeredAt: number;
}

const decode = (json: string, lastSeenMs: number, ttl: number): DeviceRecord => toRecord(JSON.parse(json) as StoredDevice, lastSeenMs, ttl);

function toRecord(stored: StoredDevice, lastSeenMs: number, ttl: number): DeviceRecord {
  return {
    id: stored.id,
    name: stored.name,
    kind: stored.kind,
    registeredAt: new Date(stored.registeredAt),
    lastSeenAt: new Date(lastSeenMs),
    expiresAt: new Date(lastSeenMs + ttl),
  };
}

function decodeList(reply: unknown, ttl: number): DeviceRecord[] {
  const flat = reply as string[];
  const devices: DeviceRecord[] = [];
  for (let i = 0; i < flat.length; i += 2) devices.push(decode(flat[i]!, Number(flat[i + 1]), ttl));
  return devices;
}

/** Registers a device, alive from now; DeviceLimitError when the user has MAX_DEVICES_PER_USER live ones. */
export async function registerDevice(
  redis: Redis,
  userId: string,
  device: { name: string; kind: DeviceKind },
  options: DeviceOptions = {},
): Promise<DeviceRecord> {
  const ttl = ttlMs(options);
  const stored = { id: randomUUID(), ...device };
  // Registered at Redis's time, like every heartbeat: the script sets `registeredAt`.
  const now = Number(await REGISTER.run(redis, [deviceInfoKey(userId), deviceSeenKey(userId)], [stored.id, JSON.stringify(stored), MAX_DEVICES_PER_USER, ttl]));
  if (now === 0) throw new DeviceLimitError(`user has ${MAX_DEVICES_PER_USER} live devices already`);
  return toRecord({ ...stored, registeredAt: now }, now, ttl);
}

/** Marks a live device as seen now; null when it is not the user's or has expired. */
export async function heartbeatDevice(redis: Redis, userId: string, deviceId: string, options: DeviceOptions = {}): Promise<DeviceRecord | null> {
  const ttl = ttlMs(options);
  const reply = (await HEARTBEAT.run(redis, [deviceInfoKey(userId), deviceSeenKey(userId)], [deviceId, ttl])) as string[];
  return reply.length ? decode(reply[1]!, Number(reply[0]), ttl) : null;
}

/** The user's live devices, most recently seen first. */
export async function listDevices(redis: Redis, userId: string, options: DeviceOptions = {}): Promise<DeviceRecord[]> {
  const ttl = ttlMs(options);
  return decodeList(await LIST.run(redis, [deviceInfoKey(userId), deviceSeenKey(userId)], [ttl]), ttl);
}

/** One live device of the user's; null when it is someone else's, unknown or expired. */
export async function findDevice(redis: Redis, userId: string, deviceId: string, options: DeviceOptions = {}): Promise<DeviceRecord | null> {
  const ttl = ttlMs(options);
  return decodeList(await LIST.run(redis, [deviceInfoKey(userId), deviceSeenKey(userId)], [ttl, deviceId]), ttl)[0] ?? null;
}

/**
 * Removes a live device. `version` is the playback state's new version when removing it paused
 * playback (it was the active device and playing), else null.
 */
export async function removeDevice(
  redis: Redis,
  userId: string,
  deviceId: string,
  options: DeviceOptions = {},
): Promise<{ removed: boolean; version: number | null }> {
  const keys = [deviceInfoKey(userId), deviceSeenKey(userId), playerKey(userId), versionKey(userId)];
  const [removed, version] = (await REMOVE.run(redis, keys, [deviceId, ttlMs(options)])) as [number, number];
  return { removed: removed === 1, version: version > 0 ? version : null };
}
