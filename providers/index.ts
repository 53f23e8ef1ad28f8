/**
 * The provider layer of one process: one client per external API (sharing its resilience policy,
 * token and quota across every request), the two-level cache, and `loaders()`, which makes the
 * per-request DataLoaders resolvers use. Subgraphs and jobs import only this file.
 *
 *   const providers = createProviders(redis);            // once per process
 *   const load = providers.loaders('interactive');        // once per GraphQL request or job
 *   await load.spotifyTrack.load(id);                     // batched by 50, cached in L1 and L2
 *   await providers.spotifyLibrary.playlistItems(userToken, playlistId);  // the user's own, never cached
 */
import type { Redis } from 'ioredis';
import { config } from '../platform/config.js';
import { ProviderCache, type CacheKind } from './cache/provider-cache.js';
import { geniusFromConfig, type Genius } from './genius/client.js';
import { ProviderHttp } from './http/provider-http.js';
import { createProviderLoaders, type ProviderLoaders } from './loaders.js';
import { watchQuota } from './metrics.js';
import { odesliFromConfig, type Odesli } from './odesli/client.js';
import type { CallerPriority } from './quota/priority.js';
import { SpotifyQuota } from './quota/spotify-quota.js';
import { YouTubeQuota } from './quota/youtube-quota.js';
import { spotifyCatalogueFromConfig, type SpotifyCatalogue } from './spotify/catalogue-client.js';
import { spotifyUserLibraryFromConfig, type SpotifyUserLibrary } from './spotify/user-library-client.js';
import { youTubeDataFromConfig, type YouTubeData } from './youtube/data-client.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * How long each kind of object is fresh, then served stale while it is refreshed, and how long a
 * "no such object" is believed. Catalogue metadata changes rarely; YouTube searches cost the
 * scarcest budget of all, so their results are kept longest.
 */
export const CACHE_KINDS = {
  'spotify-track': { freshSeconds: DAY, staleSeconds: 7 * DAY, missSeconds: HOUR, l1Max: 20_000 },
  'spotify-artist': { freshSeconds: DAY, staleSeconds: 7 * DAY, missSeconds: HOUR, l1Max: 5_000 },
  'spotify-album': { freshSeconds: 7 * DAY, staleSeconds: 30 * DAY, missSeconds: HOUR, l1Max: 5_000 },
  // Pages (providers/spotify/page-loaders.ts): search rankings and discographies move faster than an album's track list.
  'spotify-search': { freshSeconds: DAY, staleSeconds: 7 * DAY, missSeconds: HOUR, l1Max: 2_000 },
  'spotify-album-tracks': { freshSeconds: 7 * DAY, staleSeconds: 30 * DAY, missSeconds: HOUR, l1Max: 2_000 },
  'spotify-artist-albums': { freshSeconds: DAY, staleSeconds: 7 * DAY, missSeconds: HOUR, l1Max: 2_000 },
  'spotify-top-tracks': { freshSeconds: DAY, staleSeconds: 7 * DAY, missSeconds: HOUR, l1Max: 2_000 },
  'youtube-video': { freshSeconds: DAY, staleSeconds: 7 * DAY, missSeconds: DAY, l1Max: 20_000 },
  'youtube-search': { freshSeconds: 7 * DAY, staleSeconds: 30 * DAY, missSeconds: DAY, l1Max: 2_000 },
  'youtube-uploads': { freshSeconds: DAY, staleSeconds: 7 * DAY, missSeconds: DAY, l1Max: 2_000 },
  'genius-search': { freshSeconds: 7 * DAY, staleSeconds: 30 * DAY, missSeconds: DAY, l1Max: 5_000 },
  'genius-song': { freshSeconds: 7 * DAY, staleSeconds: 30 * DAY, missSeconds: DAY, l1Max: 5_000 },
  'odesli-links': { freshSeconds: 30 * DAY, staleSeconds: 90 * DAY, missSeconds: 7 * DAY, l1Max: 10_000 },
} satisfies Record<string, CacheKind>;
export type CachedKind = keyof typeof CACHE_KINDS;

export interface Providers {
  spotify: SpotifyCatalogue;
  /** A user's own Spotify library, under their token; uncached. */
  spotifyLibrary: SpotifyUserLibrary;
  youtube: YouTubeData;
  genius: Genius;
  odesli: Odesli;
  youtubeQuota: YouTubeQuota;
  spotifyQuota: SpotifyQuota;
  cache: ProviderCache;
  /** Fresh DataLoaders for one request or job, spending quota with that priority. */
  loaders(priority: CallerPriority): ProviderLoaders;
  close(): Promise<void>;
}

export function createProviders(redis: Redis, overrides: Partial<Pick<Providers, 'spotify' | 'spotifyLibrary' | 'youtube' | 'genius' | 'odesli'>> = {}): Providers {
  const c = config();
  const spotifyQuota = new SpotifyQuota(redis);
  const youtubeQuota = new YouTubeQuota(redis, {
    dailyUnits: c.YOUTUBE_DAILY_UNITS,
    searchCalls: c.YOUTUBE_SEARCH_DAILY_CALLS,
    interactiveReserve: c.YOUTUBE_INTERACTIVE_RESERVE,
  });
  const cache = new ProviderCache(redis, CACHE_KINDS);
  // provider_quota_remaining reads the shared Redis counters on every scrape.
  const unwatchQuota = watchQuota(async () => {
    const usage = await youtubeQuota.usage();
    return (['units', 'search'] as const).map((bucket) => ({ provider: 'youtube', bucket, left: usage[bucket].left }));
  });
  // One pipeline for both Spotify clients: one breaker (and its gauge) for one service.
  const spotifyHttp = new ProviderHttp('spotify');
  const providers: Providers = {
    spotify: overrides.spotify ?? spotifyCatalogueFromConfig(spotifyQuota, spotifyHttp),
    spotifyLibrary: overrides.spotifyLibrary ?? spotifyUserLibraryFromConfig(spotifyQuota, spotifyHttp),
    youtube: overrides.youtube ?? youTubeDataFromConfig(youtubeQuota),
    genius: overrides.genius ?? geniusFromConfig(),
    odesli: overrides.odesli ?? odesliFromConfig(redis),
    youtubeQuota,
    spotifyQuota,
    cache,
    loaders: (priority) => createProviderLoaders(providers, priority),
    close: () => {
      unwatchQuota();
      return cache.close();
    },
  };
  return providers;
}

export type { ProviderLoaders } from './loaders.js';
export type { CallerPriority } from './quota/priority.js';
export { ProviderUnavailableError, QuotaExhaustedError } from './http/errors.js';
export {
  SpotifyAccessRefused,
  SpotifyPlaylistNotFound,
  type LibraryPageProgress,
  type SpotifyLibraryEntry,
  type SpotifyPlaylistSummary,
  type SpotifyRefusal,
  SpotifyUserLibrary,
} from './spotify/user-library-client.js';
