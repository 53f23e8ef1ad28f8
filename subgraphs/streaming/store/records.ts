/**
 * What streaming keeps per user and hands to resolvers: live devices, and the playback state
 * (active device, track, position, modes, context and queue) as one consistent snapshot.
 */
export const DEVICE_KINDS = ['DESKTOP', 'MOBILE', 'TABLET', 'WEB', 'SPEAKER', 'TV'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const REPEAT_MODES = ['OFF', 'TRACK', 'CONTEXT'] as const;
export type RepeatMode = (typeof REPEAT_MODES)[number];

export const CONTEXT_KINDS = ['TRACKS', 'PLAYLIST', 'ALBUM'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

export interface DeviceRecord {
  id: string;
  name: string;
  kind: DeviceKind;
  registeredAt: Date;
  lastSeenAt: Date;
  /** When the device stops counting as alive unless it sends a heartbeat first. */
  expiresAt: Date;
}

export interface PlaybackContextRecord {
  kind: ContextKind;
  /** Playlist or album id; null for a list of tracks. */
  id: string | null;
  trackCount: number;
  /** Index in the context of the track playing; null while a queued track plays. */
  index: number | null;
}

export interface PlaybackRecord {
  /** Whose playback this is: `PlaybackState.device` is looked up among this user's devices. */
  userId: string;
  version: number;
  /** The active device, as last set; it may have expired since (`deviceAlive`). */
  deviceId: string | null;
  deviceAlive: boolean;
  trackId: string;
  /** False while paused, and when the active device has expired. */
  isPlaying: boolean;
  /** Position as of `positionUpdatedAt`; while playing, clients add the time elapsed since. */
  positionMs: number;
  positionUpdatedAt: Date;
  updatedAt: Date;
  volumePercent: number;
  shuffle: boolean;
  repeat: RepeatMode;
  context: PlaybackContextRecord;
  /** Queued track ids, next first. */
  queue: string[];
}

/** A `User` as this subgraph knows it: only the key; users owns everything else. */
export interface UserReference {
  __typename?: 'User';
  id: string;
}
