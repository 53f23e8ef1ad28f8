/**
 * What a user's linked Spotify account can read (their playlists, a playlist's items, their saved
 * tracks) under the USER's access token, for the library import and sync jobs. Uncached: the data is
 * the user's own and a sync needs it as it is now. Same resilience pipeline as the catalogue
 * (ProviderHttp 'spotify': retries on 5xx / 429 with Retry-After, breaker, timeout, metrics).
 *
 * Pages are read one after another, by offset (never by following `next`, which would send the
 * user's token wherever a body points), until `total`. A playlist edited meanwhile can shift items
 * between pages: compare `snapshotId` before and after when that matters.
 *
 * What each answer becomes (the caller maps them to its own codes):
 *   404 on a playlist, or 400 (an id Spotify cannot parse) → SpotifyPlaylistNotFound   → NOT_FOUND
 *   401 (token expired, revoked, or not a user token)    → SpotifyAccessRefused TOKEN_REFUSED
 *        (refreshing the user's token once may help; otherwise FORBIDDEN / "relink your account")
 *   403 "Insufficient client scope"                       → SpotifyAccessRefused INSUFFICIENT_SCOPE → FORBIDDEN
 *   other 403 (someone else's private playlist, or items of a playlist the user neither owns nor
 *        collaborates on, as Spotify allows since 2026)   → SpotifyAccessRefused NOT_ALLOWED → FORBIDDEN
 *   429 QUOTA_EXCEEDED → QuotaExhaustedError (when given the app's SpotifyQuota: the allowance is the app's)
 *   5xx, 429, timeouts after the retries, a body of the wrong shape → ProviderUnavailableError
 *        (SERVER_ERROR, RATE_LIMITED, TIMEOUT, MALFORMED_RESPONSE, ...), as everywhere
 *   any other 4xx → ProviderUnavailableError REJECTED (a bug on our side), logged
 * Both rejections extend ProviderRejection, so `status` and Spotify's `body` are there too.
 */
import type { z } from 'zod';
import { config } from '../../platform/config.js';
import { logger } from '../../platform/logger.js';
import { ProviderRejection, ProviderUnavailableError } from '../http/errors.js';
import { ProviderHttp, retryAfterMs, type ProviderResponse } from '../http/provider-http.js';
import type { SpotifyQuota } from '../quota/spotify-quota.js';
import {
  errorBodySchema,
  myPlaylistsSchema,
  playlistItemsSchema,
  playlistSummarySchema,
  savedTracksSchema,
  type SpotifyLibraryTrack,
  type SpotifyPlayable,
  type SpotifyPlaylistBody,
} from './schemas.js';

/** The largest page /playlists/{id}/items, /me/tracks and /me/playlists give. */
export const LIBRARY_PAGE = 50;
// Only what a summary needs: without it the answer carries the first 100 full items.
const PLAYLIST_FIELDS = 'id,name,description,public,collaborative,owner.id,snapshot_id,items.total,tracks.total';

export interface SpotifyPlaylistSummary {
  id: string;
  name: string;
  /** Spotify's "" and null both: null. */
  description: string | null;
  isPublic: boolean;
  collaborative: boolean;
  ownerId: string;
  snapshotId: string;
  /** 0 when Spotify does not say (it shows the items of one's own and collaborative playlists only). */
  totalItems: number;
}

/** One playable item of a playlist or of the saved tracks. Local files, episodes and unavailable (null) items are skipped. */
export interface SpotifyLibraryEntry {
  trackId: string;
  name: string;
  durationMs: number;
  /** When it was added or saved; the time of the read when Spotify has none ("some very old playlists"). */
  addedAt: Date;
  /** The Spotify user who added it to the playlist; null for saved tracks and very old playlists. */
  addedBy: string | null;
}

/** After each page: Spotify items read so far (skipped ones included, so it reaches `total`) of `total`. */
export interface LibraryPageProgress {
  fetched: number;
  total: number;
}
export type OnLibraryPage = (progress: LibraryPageProgress) => void | Promise<void>;

export type SpotifyRefusal = 'TOKEN_REFUSED' | 'INSUFFICIENT_SCOPE' | 'NOT_ALLOWED';

/** Spotify has no playlist with this id (404, or 400 for an id it cannot parse). */
export class SpotifyPlaylistNotFound extends ProviderRejection {
  override name = 'SpotifyPlaylistNotFound';
  constructor(
    readonly playlistId: string,
    status: number,
    body: unknown,
  ) {
    super('spotify', status, body);
  }
}

/** The user's token may not read this (401, 403); `reason` says why. */
export class SpotifyAccessRefused extends ProviderRejection {
  override name = 'SpotifyAccessRefused';
  constructor(
    readonly reason: SpotifyRefusal,
    status: number,
    body: unknown,
  ) {
    super('spotify', status, body);
  }
}

export interface SpotifyUserLibraryOptions {
  apiUrl: string;
  http?: ProviderHttp;
  /** The app's quota, which user-token calls spend too; without it QUOTA_EXCEEDED is a plain RATE_LIMITED. */
  quota?: SpotifyQuota;
}

interface Page<T> {
  items: T[];
  total: number;
  next: string | null;
}

export class SpotifyUserLibrary {
  private readonly http: ProviderHttp;
  private readonly log = logger().child({ provider: 'spotify' });

  constructor(private readonly options: SpotifyUserLibraryOptions) {
    this.http = options.http ?? new ProviderHttp('spotify');
  }

  async playlist(accessToken: string, playlistId: string): Promise<SpotifyPlaylistSummary> {
    const body = await this.get(accessToken, 'GET /playlists/{id}', playlistPath(playlistId), playlistSummarySchema, { fields: PLAYLIST_FIELDS }, playlistId);
    return summary(body);
  }

  /** Every playable item, in playlist order. */
  async playlistItems(accessToken: string, playlistId: string, onPage?: OnLibraryPage): Promise<SpotifyLibraryEntry[]> {
    const readAt = new Date();
    // additional_types: without it Spotify sends episodes dressed as tracks.
    const items = await this.allPages(accessToken, 'GET /playlists/{id}/items', `${playlistPath(playlistId)}/items`, playlistItemsSchema, { additional_types: 'track,episode' }, onPage, playlistId);
    return items.flatMap((entry) => {
      const track = playableTrack(entry.item !== undefined ? entry.item : entry.track);
      return track ? [libraryEntry(track, entry.added_at ?? undefined, readAt, entry.added_by?.id ?? null)] : [];
    });
  }

  /** The user's saved tracks, most recently saved first (Spotify's order). */
  async savedTracks(accessToken: string, onPage?: OnLibraryPage): Promise<SpotifyLibraryEntry[]> {
    const readAt = new Date();
    const items = await this.allPages(accessToken, 'GET /me/tracks', '/me/tracks', savedTracksSchema, {}, onPage);
    return items.flatMap((saved) => {
      const track = playableTrack(saved.track);
      return track ? [libraryEntry(track, saved.added_at, readAt, null)] : [];
    });
  }

  /** The playlists the user owns or follows, in Spotify's order. */
  async myPlaylists(accessToken: string): Promise<SpotifyPlaylistSummary[]> {
    const lists = await this.allPages(accessToken, 'GET /me/playlists', '/me/playlists', myPlaylistsSchema, {});
    return lists.flatMap((list) => (list ? [summary(list)] : []));
  }

  private async allPages<T>(
    token: string,
    endpoint: string,
    path: string,
    schema: z.ZodType<Page<T>>,
    query: Record<string, string>,
    onPage?: OnLibraryPage,
    playlistId?: string,
  ): Promise<T[]> {
    const all: T[] = [];
    for (;;) {
      const page = await this.get(token, endpoint, path, schema, { ...query, limit: String(LIBRARY_PAGE), offset: String(all.length) }, playlistId);
      all.push(...page.items);
      await onPage?.({ fetched: all.length, total: page.total });
      // An empty page before `total` would otherwise ask for the same offset forever.
      if (page.next === null || page.items.length === 0 || all.length >= page.total) return all;
    }
  }

  private async get<T>(token: string, endpoint: string, path: string, schema: z.ZodType<T>, query: Record<string, string>, playlistId?: string): Promise<T> {
    await this.options.quota?.check();
    const url = new URL(this.options.apiUrl.replace(/\/$/, '') + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    try {
      return await this.http.request({ endpoint, url, headers: { authorization: `Bearer ${token}` }, schema, interpret: (response) => this.interpret(response) });
    } catch (error) {
      throw this.refusal(error, endpoint, playlistId);
    }
  }

  private refusal(error: unknown, endpoint: string, playlistId: string | undefined): unknown {
    if (!(error instanceof ProviderRejection)) return error;
    const { status, body } = error;
    // Our own parameters are constants, so a 400 on a playlist is about its id.
    if (playlistId !== undefined && (status === 404 || status === 400)) return new SpotifyPlaylistNotFound(playlistId, status, body);
    if (status === 401) return new SpotifyAccessRefused('TOKEN_REFUSED', status, body);
    if (status === 403) {
      const message = errorBodySchema.safeParse(body).data?.error.message ?? '';
      return new SpotifyAccessRefused(/scope/i.test(message) ? 'INSUFFICIENT_SCOPE' : 'NOT_ALLOWED', status, body);
    }
    this.log.warn({ endpoint, status, body }, 'Spotify refused a library request');
    return new ProviderUnavailableError('spotify', 'REJECTED', `${endpoint} answered ${status}`);
  }

  /** QUOTA_EXCEEDED is the app's allowance, spent for every replica: not worth retrying. */
  private async interpret(response: ProviderResponse): Promise<void> {
    if (response.status !== 429 || !this.options.quota) return;
    const body = errorBodySchema.safeParse(response.body);
    if (body.success && body.data.error.reason === 'QUOTA_EXCEEDED') throw await this.options.quota.markExceeded(retryAfterMs(response.headers));
  }
}

const playlistPath = (id: string) => `/playlists/${encodeURIComponent(id)}`;

function summary(body: SpotifyPlaylistBody): SpotifyPlaylistSummary {
  return {
    id: body.id,
    name: body.name,
    description: body.description || null,
    isPublic: body.public === true,
    collaborative: body.collaborative,
    ownerId: body.owner.id,
    snapshotId: body.snapshot_id,
    totalItems: body.items?.total ?? body.tracks?.total ?? 0,
  };
}

/** The track, when this item is one: not an episode (either way of sending it), not null. */
function playableTrack(playable: SpotifyPlayable | null | undefined): SpotifyLibraryTrack | null {
  if (!playable || playable.type !== 'track') return null;
  const track = playable as SpotifyLibraryTrack;
  return track.episode === true ? null : track;
}

function libraryEntry(track: SpotifyLibraryTrack, addedAt: string | undefined, readAt: Date, addedBy: string | null): SpotifyLibraryEntry {
  return { trackId: track.id, name: track.name, durationMs: track.duration_ms, addedAt: addedAt ? new Date(addedAt) : readAt, addedBy };
}

/** The user library client as configured for this process. */
export function spotifyUserLibraryFromConfig(quota?: SpotifyQuota, http?: ProviderHttp): SpotifyUserLibrary {
  return new SpotifyUserLibrary({ apiUrl: config().SPOTIFY_API_URL, quota, http });
}
