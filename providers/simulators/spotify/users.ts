/**
 * Simulated Spotify users, their playlists and saved tracks: what the product imports from a
 * user's library. Tests create users and change playlists through control routes:
 *   POST /_simulator/spotify/users {id, displayName?, playlists?: [{id?, name, trackIds, ...}], savedTrackIds?}
 *   GET  /_simulator/spotify/users/:id
 *   PUT  /_simulator/spotify/playlists/:id/items {trackIds}
 * The default user `simulator-user` has two playlists and some saved tracks, drawn from the catalogue.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SimCatalogue } from '../catalogue/types.js';
import { SPOTIFY_ID } from '../catalogue/ids.js';
import { SimulatorConfigError } from '../kit.js';

export interface PlaylistItem {
  trackId: string;
  addedAt: string;
  addedBy: string;
}

export interface SimPlaylist {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  public: boolean;
  collaborative: boolean;
  snapshotId: string;
  items: PlaylistItem[];
}

export interface SimUser {
  id: string;
  displayName: string;
  country: string;
  playlistIds: string[];
  saved: { trackId: string; addedAt: string }[];
}

const trackIds = z.array(z.string().regex(SPOTIFY_ID, 'a Spotify track id'));

export const userSchema = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
  displayName: z.string().min(1).optional(),
  country: z.string().regex(/^[A-Z]{2}$/).default('US'),
  playlists: z.array(z.object({
    id: z.string().regex(SPOTIFY_ID).optional(),
    name: z.string().min(1),
    description: z.string().default(''),
    public: z.boolean().default(true),
    collaborative: z.boolean().default(false),
    trackIds,
  })).default([]),
  savedTrackIds: trackIds.default([]),
});

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const newSpotifyId = (): string => Array.from(randomBytes(22), (b) => BASE62[b % 62]).join('');
const newSnapshot = (): string => randomBytes(24).toString('base64url');
/** Spotify's timestamps: ISO 8601 to the second, UTC. */
export const timestamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const DEFAULT_USER_ID = 'simulator-user';

export class UserStore {
  readonly users = new Map<string, SimUser>();
  readonly playlists = new Map<string, SimPlaylist>();

  constructor(
    private readonly catalogue: SimCatalogue,
    private readonly now: () => number,
  ) {
    this.reset();
  }

  reset(): void {
    this.users.clear();
    this.playlists.clear();
    // The default user's library: deterministic picks from the catalogue (every 97th track...).
    const all = [...this.catalogue.tracks.keys()];
    const every = (step: number, count: number, start: number): string[] => Array.from({ length: Math.min(count, all.length) }, (_, i) => all[(start + i * step) % all.length]!);
    this.create({
      id: DEFAULT_USER_ID, displayName: 'Simulator User', country: 'US', savedTrackIds: every(131, 25, 7),
      playlists: [
        { id: '1SimRoadTripPlaylist00', name: 'Road Trip', description: 'Songs for the highway', public: true, collaborative: false, trackIds: every(97, 30, 3) },
        { id: '1SimLateNightPlaylist0', name: 'Late Night', description: '', public: false, collaborative: false, trackIds: every(211, 120, 11) },
      ],
    });
  }

  /** Creates or replaces a user (their old playlists go); answers the playlist ids. */
  create(input: z.input<typeof userSchema>): { id: string; playlistIds: string[] } {
    const user = userSchema.parse(input);
    this.checkTracks([...user.savedTrackIds, ...user.playlists.flatMap((p) => p.trackIds)]);
    const old = this.users.get(user.id);
    for (const id of old?.playlistIds ?? []) this.playlists.delete(id);
    const at = this.now();
    const playlistIds = user.playlists.map((p, i) => {
      const id = p.id ?? newSpotifyId();
      if (this.playlists.has(id)) throw new SimulatorConfigError(`playlist ${id} already exists`);
      this.playlists.set(id, {
        id, name: p.name, description: p.description, ownerId: user.id, public: p.public, collaborative: p.collaborative, snapshotId: newSnapshot(),
        // Older playlists were made earlier; items added a minute apart, in order.
        items: p.trackIds.map((trackId, n) => ({ trackId, addedAt: timestamp(at - (i + 1) * 86_400_000 + n * 60_000), addedBy: user.id })),
      });
      return id;
    });
    this.users.set(user.id, {
      id: user.id, displayName: user.displayName ?? user.id, country: user.country, playlistIds,
      // Saved tracks: the most recently saved first, as /me/tracks lists them.
      saved: user.savedTrackIds.map((trackId, n) => ({ trackId, addedAt: timestamp(at - n * 3_600_000) })),
    });
    return { id: user.id, playlistIds };
  }

  ensure(id: string): void {
    if (!this.users.has(id)) this.create({ id });
  }

  /** Replaces a playlist's items; tracks already in it keep their added_at. Answers the new snapshot id. */
  setItems(playlistId: string, ids: unknown): string {
    const playlist = this.playlists.get(playlistId);
    if (!playlist) throw new SimulatorConfigError(`no playlist ${playlistId}`);
    const list = trackIds.parse(ids);
    this.checkTracks(list);
    const earlier = new Map<string, PlaylistItem[]>();
    for (const item of playlist.items) earlier.set(item.trackId, [...(earlier.get(item.trackId) ?? []), item]);
    const at = timestamp(this.now());
    playlist.items = list.map((trackId) => earlier.get(trackId)?.shift() ?? { trackId, addedAt: at, addedBy: playlist.ownerId });
    playlist.snapshotId = newSnapshot();
    return playlist.snapshotId;
  }

  private checkTracks(ids: readonly string[]): void {
    const unknown = ids.filter((id) => !this.catalogue.tracks.has(id));
    if (unknown.length > 0) throw new SimulatorConfigError(`unknown track ids: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}`);
  }
}
