/**
 * What streaming keeps in Redis, per user: their playback devices and their latest playback state.
 * Records are stored as JSON with ISO timestamps and handed to resolvers with `Date`s.
 */
export const DEVICE_KINDS = ['PHONE', 'COMPUTER', 'SPEAKER', 'TV', 'WEB', 'OTHER'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface DeviceRecord {
  id: string;
  name: string;
  kind: DeviceKind;
  registeredAt: Date;
  lastSeenAt: Date;
}

export interface PlaybackRecord {
  /** Whose playback this is: `PlaybackState.device` is looked up among this user's devices. */
  userId: string;
  deviceId: string;
  trackId: string;
  isPlaying: boolean;
  positionMs: number;
  updatedAt: Date;
}

/** A `User` as this subgraph knows it: only the key; users owns everything else. */
export interface UserReference {
  __typename?: 'User';
  id: string;
}

type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

export const encodeDevice = (device: DeviceRecord): string =>
  JSON.stringify({ ...device, registeredAt: device.registeredAt.toISOString(), lastSeenAt: device.lastSeenAt.toISOString() });

export function decodeDevice(json: string): DeviceRecord {
  const stored = JSON.parse(json) as Stored<DeviceRecord>;
  return { ...stored, registeredAt: new Date(stored.registeredAt), lastSeenAt: new Date(stored.lastSeenAt) };
}

export const encodePlayback = (playback: PlaybackRecord): string =>
  JSON.stringify({ ...playback, updatedAt: playback.updatedAt.toISOString() });

export function decodePlayback(json: string): PlaybackRecord {
  const stored = JSON.parse(json) as Stored<PlaybackRecord>;
  return { ...stored, updatedAt: new Date(stored.updatedAt) };
}
