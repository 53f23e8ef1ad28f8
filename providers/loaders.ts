/**
 * Per-request DataLoaders over the provider clients: within one GraphQL request (or one job step)
 * every id is asked for once, ids are gathered into calls of the providers' real batch sizes
 * (Spotify tracks and artists 50, albums 20, YouTube videos 50), and each id is looked up in the
 * two-level cache before any call. A loader lives as long as its request, so its own memo never
 * serves data older than the cache allows.
 */
import DataLoader from 'dataloader';
import type { Genius } from './genius/client.js';
import type { GeniusSearchHit, GeniusSong } from './genius/schemas.js';
import type { CachedKind, Providers } from './index.js';
import type { OdesliLinks } from './odesli/client.js';
import type { CallerPriority } from './quota/priority.js';
import type { SpotifyAlbum, SpotifyArtist, SpotifyTrack } from './spotify/schemas.js';
import { SPOTIFY_BATCH_SIZE } from './spotify/catalogue-client.js';
import { spotifyPageLoaders, type SpotifyPageLoaders } from './spotify/page-loaders.js';
import { YOUTUBE_BATCH_SIZE, type YouTubeSearchOptions } from './youtube/data-client.js';
import type { YouTubeSearchPage, YouTubeVideo } from './youtube/schemas.js';

/** Pages of a channel's uploads read at most for one artist (50 videos each, 1 unit each). */
export const MAX_UPLOAD_PAGES = 10;

export interface YouTubeSearchKey extends YouTubeSearchOptions {
  query: string;
}

/** Also Spotify's paged answers (search, album tracks, artist albums, top tracks): providers/spotify/page-loaders.ts. */
export interface ProviderLoaders extends SpotifyPageLoaders {
  spotifyTrack: DataLoader<string, SpotifyTrack | null>;
  spotifyArtist: DataLoader<string, SpotifyArtist | null>;
  spotifyAlbum: DataLoader<string, SpotifyAlbum | null>;
  youtubeVideo: DataLoader<string, YouTubeVideo | null>;
  /** Search results are cached by query and options: a repeated search costs no quota. */
  youtubeSearch: DataLoader<YouTubeSearchKey, YouTubeSearchPage | null, string>;
  /** The video ids of an uploads playlist (`UU…`), newest first, up to 500. */
  youtubeUploads: DataLoader<string, string[] | null>;
  geniusSearch: DataLoader<string, GeniusSearchHit[] | null>;
  geniusSong: DataLoader<number, GeniusSong | null>;
  odesliLinks: DataLoader<string, OdesliLinks | null>;
}

export function createProviderLoaders(providers: Providers, priority: CallerPriority): ProviderLoaders {
  const { spotify, youtube, genius, odesli, cache } = providers;

  /** A loader whose batches are served from the cache, fetching the rest with `fetch`. */
  function cached<V, K = string>(
    kind: CachedKind,
    maxBatchSize: number,
    fetch: (keys: string[]) => Promise<Map<string, V | null>>,
    keyOf: (key: K) => string = String,
  ): DataLoader<K, V | null, string> {
    return new DataLoader<K, V | null, string>(
      async (keys) => {
        const names = keys.map(keyOf);
        const found = await cache.getMany<V>(kind, names, fetch);
        return names.map((name) => found.get(name) ?? null);
      },
      { maxBatchSize, cacheKeyFn: keyOf },
    );
  }

  /** For calls that take one key each: run them side by side and collect the answers. */
  const each =
    <V>(one: (key: string) => Promise<V | null>) =>
    async (keys: string[]) =>
      new Map(await Promise.all(keys.map(async (key) => [key, await one(key)] as const)));

  return {
    spotifyTrack: cached('spotify-track', SPOTIFY_BATCH_SIZE.tracks, (ids) => spotify.tracks(ids)),
    spotifyArtist: cached('spotify-artist', SPOTIFY_BATCH_SIZE.artists, (ids) => spotify.artists(ids)),
    spotifyAlbum: cached('spotify-album', SPOTIFY_BATCH_SIZE.albums, (ids) => spotify.albums(ids)),
    ...spotifyPageLoaders(cached, spotify),
    youtubeVideo: cached('youtube-video', YOUTUBE_BATCH_SIZE, (ids) => youtube.videos(ids, priority)),
    youtubeSearch: cached<YouTubeSearchPage, YouTubeSearchKey>(
      'youtube-search',
      1,
      each((key) => {
        const { query, ...options } = JSON.parse(key) as YouTubeSearchKey;
        return youtube.search(query, priority, options);
      }),
      searchKey,
    ),
    youtubeUploads: cached('youtube-uploads', 1, each((playlistId) => uploads(providers, playlistId, priority))),
    geniusSearch: cached('genius-search', 1, each((query) => genius.search(query))),
    geniusSong: cached<GeniusSong, number>('genius-song', 1, each((id) => geniusSong(genius, id)), String),
    odesliLinks: cached('odesli-links', 1, each((trackId) => odesli.spotifyTrack(trackId, priority))),
  };
}

/** One stable string per search: same query and options, same cache entry. */
function searchKey({ query, channelId, maxResults, pageToken }: YouTubeSearchKey): string {
  return JSON.stringify({ query: query.trim().toLowerCase(), channelId, maxResults, pageToken });
}

async function uploads(providers: Providers, playlistId: string, priority: CallerPriority): Promise<string[]> {
  const ids: string[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_UPLOAD_PAGES; page++) {
    const result = await providers.youtube.playlistItems(playlistId, priority, pageToken);
    for (const item of result.items) {
      const id = item.contentDetails?.videoId ?? item.snippet?.resourceId.videoId;
      if (id) ids.push(id);
    }
    pageToken = result.nextPageToken;
    if (!pageToken) break;
  }
  return ids;
}

const geniusSong = (genius: Genius, id: string) => genius.song(Number(id));
