/**
 * Per-request, cached loaders of Spotify's paged answers: search pages, an album's tracks, an
 * artist's albums and top tracks. Pages are canonical (fixed offsets and sizes: search and artist
 * albums 10, album tracks 50), so every caller shares the same cache entries whatever window it
 * shows; the catalog assembles its connections from them. Search pages of several types at the
 * same offset are one call (`type=track,album`), cached per type.
 */
import type DataLoader from 'dataloader';
import { ProviderRejection } from '../http/errors.js';
import type { CachedKind } from '../index.js';
import { ARTIST_ALBUMS_PAGE, SPOTIFY_SEARCH_PAGE, type SearchType, type SpotifyCatalogue } from './catalogue-client.js';
import type { SpotifyArtist, SpotifyArtistAlbum, SpotifySimplifiedAlbum, SpotifySimplifiedPlaylist, SpotifySimplifiedTrack, SpotifyTrack } from './schemas.js';

/** `GET /albums/{id}/tracks` pages of 50, the most Spotify allows: most albums are one page. */
export const ALBUM_TRACKS_PAGE = 50;
/** Spotify answers search offsets up to 1,000; nothing further can be reached. */
export const SEARCH_MAX_OFFSET = 1000;

export interface SpotifyPage<T> {
  total: number;
  items: T[];
}

/** One type's page of a search; playlist pages may hold nulls, as Spotify sends them. */
export type SpotifySearchPage =
  | ({ type: 'track' } & SpotifyPage<SpotifyTrack>)
  | ({ type: 'album' } & SpotifyPage<SpotifySimplifiedAlbum>)
  | ({ type: 'artist' } & SpotifyPage<SpotifyArtist>)
  | ({ type: 'playlist' } & SpotifyPage<SpotifySimplifiedPlaylist | null>);

/** `query` as the caller normalised it; `offset` a multiple of 10. */
export interface SpotifySearchKey {
  query: string;
  type: SearchType;
  offset: number;
}

export type ArtistAlbumGroup = 'album' | 'single' | 'compilation' | 'appears_on';

export interface SpotifyPageLoaders {
  spotifySearch: DataLoader<SpotifySearchKey, SpotifySearchPage | null, string>;
  /** null: Spotify has no such album. `offset` a multiple of 50. */
  spotifyAlbumTracks: DataLoader<{ albumId: string; offset: number }, SpotifyPage<SpotifySimplifiedTrack> | null, string>;
  /** null: Spotify has no such artist. `offset` a multiple of 10. */
  spotifyArtistAlbums: DataLoader<{ artistId: string; groups: readonly ArtistAlbumGroup[]; offset: number }, SpotifyPage<SpotifyArtistAlbum> | null, string>;
  spotifyTopTracks: DataLoader<{ artistId: string; market: string }, SpotifyTrack[] | null, string>;
}

/** The cached-loader factory of providers/loaders.ts. */
export type CachedLoader = <V, K>(
  kind: CachedKind,
  maxBatchSize: number,
  fetch: (keys: string[]) => Promise<Map<string, V | null>>,
  keyOf: (key: K) => string,
) => DataLoader<K, V | null, string>;

export function spotifyPageLoaders(cached: CachedLoader, spotify: SpotifyCatalogue): SpotifyPageLoaders {
  return {
    spotifySearch: cached<SpotifySearchPage, SpotifySearchKey>('spotify-search', 20, (keys) => searchPages(spotify, keys), searchKey),
    spotifyAlbumTracks: cached(
      'spotify-album-tracks',
      1,
      each(async (key) => {
        const { albumId, offset } = JSON.parse(key) as { albumId: string; offset: number };
        const page = await orNull(spotify.albumTracks(albumId, { limit: ALBUM_TRACKS_PAGE, offset }));
        return page && { total: page.total, items: page.items };
      }),
      ({ albumId, offset }: { albumId: string; offset: number }) => JSON.stringify({ albumId, offset }),
    ),
    spotifyArtistAlbums: cached(
      'spotify-artist-albums',
      1,
      each(async (key) => {
        const { artistId, groups, offset } = JSON.parse(key) as { artistId: string; groups: ArtistAlbumGroup[]; offset: number };
        const page = await orNull(spotify.artistAlbums(artistId, { limit: ARTIST_ALBUMS_PAGE, offset, includeGroups: groups }));
        return page && { total: page.total, items: page.items };
      }),
      ({ artistId, groups, offset }: { artistId: string; groups: readonly ArtistAlbumGroup[]; offset: number }) =>
        JSON.stringify({ artistId, groups: [...groups].sort(), offset }),
    ),
    spotifyTopTracks: cached(
      'spotify-top-tracks',
      1,
      each((key) => {
        const { artistId, market } = JSON.parse(key) as { artistId: string; market: string };
        return orNull(spotify.artistTopTracks(artistId, market));
      }),
      ({ artistId, market }: { artistId: string; market: string }) => JSON.stringify({ artistId, market }),
    ),
  };
}

/** One stable string per page of one type: the same search from any client is the same entry. */
function searchKey({ query, type, offset }: SpotifySearchKey): string {
  return JSON.stringify({ query, type, offset });
}

/** The missing pages, one call per (query, offset) carrying every type asked for at that offset. */
async function searchPages(spotify: SpotifyCatalogue, keys: string[]): Promise<Map<string, SpotifySearchPage>> {
  const calls = new Map<string, { query: string; offset: number; types: SearchType[] }>();
  for (const key of keys) {
    const { query, type, offset } = JSON.parse(key) as SpotifySearchKey;
    const call = JSON.stringify([query, offset]);
    const entry = calls.get(call) ?? { query, offset, types: [] };
    entry.types.push(type);
    calls.set(call, entry);
  }
  const pages = new Map<string, SpotifySearchPage>();
  await Promise.all(
    [...calls.values()].map(async ({ query, offset, types }) => {
      const answer = await spotify.search(query, types, { limit: SPOTIFY_SEARCH_PAGE, offset });
      for (const type of types) {
        const page = answer[`${type}s`] ?? { total: 0, items: [] };
        pages.set(searchKey({ query, type, offset }), { type, total: page.total, items: page.items } as SpotifySearchPage);
      }
    }),
  );
  return pages;
}

/** For calls that take one key each: run them side by side and collect the answers. */
const each =
  <V>(one: (key: string) => Promise<V | null>) =>
  async (keys: string[]) =>
    new Map(await Promise.all(keys.map(async (key) => [key, await one(key)] as const)));

/** 404 (and 400, an id Spotify cannot parse): no such object, remembered as a miss. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ProviderRejection && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}
