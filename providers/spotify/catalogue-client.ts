/**
 * Spotify's catalogue (tracks, albums, artists, search) under the app's own client-credentials
 * token. Raw calls, uncached: callers go through the loaders (providers/loaders.ts), which batch
 * and cache.
 *
 * Several-items endpoints (`GET /tracks?ids=` and the like) are removed for development-mode apps
 * since February 2026. In `auto` mode the client uses them until Spotify refuses one (403), then
 * switches to single gets for the rest of the process, bounded to SPOTIFY_SINGLE_GET_CONCURRENCY at a
 * time; the caller gets the same map either way.
 */
import { bulkhead, type BulkheadPolicy } from 'cockatiel';
import type { z } from 'zod';
import { config } from '../../platform/config.js';
import { logger } from '../../platform/logger.js';
import { CachedAccessToken } from '../http/access-token.js';
import { ProviderRejection, ProviderUnavailableError } from '../http/errors.js';
import { ProviderHttp, retryAfterMs, type ProviderResponse } from '../http/provider-http.js';
import type { SpotifyQuota } from '../quota/spotify-quota.js';
import {
  albumSchema,
  albumTracksSchema,
  artistAlbumsSchema,
  artistSchema,
  errorBodySchema,
  searchSchema,
  severalAlbumsSchema,
  severalArtistsSchema,
  severalTracksSchema,
  tokenSchema,
  topTracksSchema,
  trackSchema,
  type SpotifyAlbum,
  type SpotifyArtist,
  type SpotifySearchResults,
  type SpotifyTrack,
} from './schemas.js';

/** Ids per call of the several-items endpoints, as the Web API documents them. */
export const SPOTIFY_BATCH_SIZE = { tracks: 50, artists: 50, albums: 20 } as const;
/** Spotify search pages hold at most 10 items (DESIGN.md, since 2026). */
export const SPOTIFY_SEARCH_PAGE = 10;
/** `GET /artists/{id}/albums` pages hold 1 to 10 albums (the Web API reference). */
export const ARTIST_ALBUMS_PAGE = 10;

export type SeveralItemsMode = 'auto' | 'enabled' | 'disabled';
export type SearchType = 'track' | 'album' | 'artist' | 'playlist';

export interface SpotifyCatalogueOptions {
  apiUrl: string;
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  severalItems: SeveralItemsMode;
  singleGetConcurrency: number;
  quota: SpotifyQuota;
  http?: ProviderHttp;
  accountsHttp?: ProviderHttp;
}

type Kind = keyof typeof SPOTIFY_BATCH_SIZE;
const several = { tracks: severalTracksSchema, artists: severalArtistsSchema, albums: severalAlbumsSchema } as const;
const single = { tracks: trackSchema, artists: artistSchema, albums: albumSchema } as const;
type ObjectOf<K extends Kind> = K extends 'tracks' ? SpotifyTrack : K extends 'artists' ? SpotifyArtist : SpotifyAlbum;

export class SpotifyCatalogue {
  private readonly http: ProviderHttp;
  private readonly accountsHttp: ProviderHttp;
  private readonly token: CachedAccessToken;
  private readonly singleGets: BulkheadPolicy;
  private severalItems: SeveralItemsMode;
  private readonly log = logger().child({ provider: 'spotify' });

  constructor(private readonly options: SpotifyCatalogueOptions) {
    this.http = options.http ?? new ProviderHttp('spotify');
    this.accountsHttp = options.accountsHttp ?? new ProviderHttp('spotify-accounts');
    this.token = new CachedAccessToken(() => this.issueToken());
    this.singleGets = bulkhead(options.singleGetConcurrency, Number.MAX_SAFE_INTEGER);
    this.severalItems = options.severalItems;
  }

  /** Whether several-items endpoints are in use right now (false once Spotify refused them). */
  get batching(): boolean {
    return this.severalItems !== 'disabled';
  }

  /** Tracks by id (at most 50 per call); absent or null: Spotify has no such track. */
  tracks(ids: readonly string[]): Promise<Map<string, SpotifyTrack | null>> {
    return this.objects('tracks', ids);
  }

  artists(ids: readonly string[]): Promise<Map<string, SpotifyArtist | null>> {
    return this.objects('artists', ids);
  }

  albums(ids: readonly string[]): Promise<Map<string, SpotifyAlbum | null>> {
    return this.objects('albums', ids);
  }

  /** One page (at most 10 items) of search results; `offset` pages further. */
  search(query: string, types: readonly SearchType[], options: { limit?: number; offset?: number; market?: string } = {}): Promise<SpotifySearchResults> {
    const limit = Math.min(options.limit ?? SPOTIFY_SEARCH_PAGE, SPOTIFY_SEARCH_PAGE);
    return this.get('GET /search', '/search', searchSchema, {
      q: query,
      type: types.join(','),
      limit: String(limit),
      offset: String(options.offset ?? 0),
      ...(options.market ? { market: options.market } : {}),
    });
  }

  albumTracks(albumId: string, options: { limit?: number; offset?: number } = {}) {
    return this.get('GET /albums/{id}/tracks', `/albums/${encodeURIComponent(albumId)}/tracks`, albumTracksSchema, {
      limit: String(options.limit ?? 50),
      offset: String(options.offset ?? 0),
    });
  }

  artistAlbums(artistId: string, options: { limit?: number; offset?: number; includeGroups?: string[] } = {}) {
    return this.get('GET /artists/{id}/albums', `/artists/${encodeURIComponent(artistId)}/albums`, artistAlbumsSchema, {
      include_groups: (options.includeGroups ?? ['album', 'single', 'compilation']).join(','),
      limit: String(Math.min(options.limit ?? ARTIST_ALBUMS_PAGE, ARTIST_ALBUMS_PAGE)),
      offset: String(options.offset ?? 0),
    });
  }

  async artistTopTracks(artistId: string, market = 'US'): Promise<SpotifyTrack[]> {
    const result = await this.get('GET /artists/{id}/top-tracks', `/artists/${encodeURIComponent(artistId)}/top-tracks`, topTracksSchema, { market });
    return result.tracks;
  }

  private async objects<K extends Kind>(kind: K, ids: readonly string[]): Promise<Map<string, ObjectOf<K> | null>> {
    const unique = [...new Set(ids)];
    if (unique.length > SPOTIFY_BATCH_SIZE[kind]) throw new Error(`at most ${SPOTIFY_BATCH_SIZE[kind]} ${kind} per call`);
    if (!unique.length) return new Map();
    if (this.severalItems !== 'disabled' && unique.length > 1) {
      try {
        return await this.severalAtOnce(kind, unique);
      } catch (error) {
        if (!(error instanceof ProviderRejection && error.status === 403 && this.severalItems === 'auto')) throw error;
        this.severalItems = 'disabled';
        this.log.warn(`several-items endpoints refused (${kind}); using single gets from now on`);
      }
    }
    const results = await Promise.all(unique.map((id) => this.singleGets.execute(() => this.one(kind, id))));
    return new Map(unique.map((id, index) => [id, results[index] ?? null]));
  }

  private async severalAtOnce<K extends Kind>(kind: K, ids: string[]): Promise<Map<string, ObjectOf<K> | null>> {
    const schema = several[kind] as unknown as z.ZodType<Record<K, (ObjectOf<K> | null)[]>>;
    const body = await this.get(`GET /${kind}`, `/${kind}`, schema, { ids: ids.join(',') });
    const found = new Map<string, ObjectOf<K> | null>(ids.map((id) => [id, null]));
    for (const object of body[kind]) if (object) found.set(object.id, object);
    return found;
  }

  private async one<K extends Kind>(kind: K, id: string): Promise<ObjectOf<K> | null> {
    try {
      return await this.get(`GET /${kind}/{id}`, `/${kind}/${encodeURIComponent(id)}`, single[kind] as unknown as z.ZodType<ObjectOf<K>>);
    } catch (error) {
      // 404: no such object; 400: an id Spotify cannot parse, which is no such object either.
      if (error instanceof ProviderRejection && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }

  /** A GET under the app token: a refused token is renewed and the call repeated once. */
  private async get<T>(endpoint: string, path: string, schema: z.ZodType<T>, query: Record<string, string> = {}): Promise<T> {
    await this.options.quota.check();
    const url = new URL(this.options.apiUrl.replace(/\/$/, '') + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    for (let attempt = 1; ; attempt++) {
      const token = await this.token.get();
      try {
        return await this.http.request({
          endpoint,
          url,
          headers: { authorization: `Bearer ${token}` },
          schema,
          interpret: (response) => this.interpret(response),
        });
      } catch (error) {
        if (error instanceof ProviderRejection && error.status === 401) {
          this.token.invalidate(token);
          if (attempt === 1) continue;
          throw new ProviderUnavailableError('spotify', 'UNAUTHORIZED', 'the app token was refused');
        }
        throw error;
      }
    }
  }

  /** QUOTA_EXCEEDED is a 429 that waiting a few seconds will not fix: it blocks every replica. */
  private async interpret(response: ProviderResponse): Promise<void> {
    if (response.status !== 429) return;
    const body = errorBodySchema.safeParse(response.body);
    if (body.success && body.data.error.reason === 'QUOTA_EXCEEDED') {
      throw await this.options.quota.markExceeded(retryAfterMs(response.headers));
    }
  }

  private async issueToken() {
    const { clientId, clientSecret, accountsUrl } = this.options;
    const token = await this.accountsHttp
      .request({
        endpoint: 'POST /api/token',
        method: 'POST',
        url: new URL(`${accountsUrl.replace(/\/$/, '')}/api/token`),
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        schema: tokenSchema,
      })
      .catch((error: unknown) => {
        if (error instanceof ProviderRejection) throw new ProviderUnavailableError('spotify', 'UNAUTHORIZED', 'the app credentials were refused');
        throw error;
      });
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
  }
}

/** The catalogue client as configured for this process; `http` to share one pipeline (breaker) per provider. */
export function spotifyCatalogueFromConfig(quota: SpotifyQuota, http?: ProviderHttp): SpotifyCatalogue {
  const c = config();
  return new SpotifyCatalogue({
    apiUrl: c.SPOTIFY_API_URL,
    accountsUrl: c.SPOTIFY_ACCOUNTS_URL,
    clientId: c.SPOTIFY_CLIENT_ID ?? '',
    clientSecret: c.SPOTIFY_CLIENT_SECRET ?? '',
    severalItems: c.SPOTIFY_SEVERAL_ITEMS,
    singleGetConcurrency: c.SPOTIFY_SINGLE_GET_CONCURRENCY,
    quota,
    http,
  });
}
