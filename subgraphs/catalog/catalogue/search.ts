/**
 * `search`: one connection per type over Spotify's 10-item search pages. The root field only
 * validates and remembers the request; each type's page is read when its field is selected, so a
 * client asking for tracks pays for tracks only. The types selected together share their calls:
 * the provider loader asks Spotify for every type wanted at the same offset in one call
 * (`type=track,album`), and caches each type's page on its own. All types start at the same
 * position (`after`), whose cursor is bound to the query.
 */
import { parseInput } from '../../../platform/graphql/inputs.js';
import { SEARCH_MAX_OFFSET, type SpotifySearchPage } from '../../../providers/spotify/page-loaders.js';
import type { SpotifySimplifiedPlaylist } from '../../../providers/spotify/schemas.js';
import { SPOTIFY_SEARCH_PAGE, type SearchType } from '../../../providers/spotify/catalogue-client.js';
import type { CatalogContext } from '../context.js';
import type { AlbumDocument, ArtistDocument, ImageDocument, TrackDocument } from '../store/documents.js';
import { startAfter } from './cursors.js';
import { MAX_SEARCH_POSITION, searchArgs, type SearchTypeName } from './inputs.js';
import { emptyConnection, readWindow, toConnection, type Connection, type Page } from './paging.js';

export interface SearchRequest {
  query: string;
  types: ReadonlySet<SearchTypeName>;
  first: number;
  start: number;
  /** What cursors of this search are bound to. */
  list: string;
}

export function searchRequest(args: unknown): SearchRequest {
  const { query, types, first, after } = parseInput(searchArgs, args);
  const list = `search:${query}`;
  return { query, types: new Set(types), first, start: startAfter(after, list, 'after', MAX_SEARCH_POSITION), list };
}

/** The window of one type's results, or null when the type was not asked for. */
async function searchWindow<T>(ctx: CatalogContext, request: SearchRequest, type: SearchType, itemsOf: (page: SpotifySearchPage) => (T | null)[]) {
  if (!request.types.has(type.toUpperCase() as SearchTypeName)) return null;
  const window = await readWindow(request.start, request.first, SPOTIFY_SEARCH_PAGE, SEARCH_MAX_OFFSET, async (offset): Promise<Page<T | null> | null> => {
    const page = await ctx.catalogue.providers.spotifySearch.load({ query: request.query, type, offset });
    return page && { total: page.total, items: itemsOf(page) };
  });
  // A search always has a first page, if an empty one.
  return window ?? { items: [], start: request.start, end: request.start, total: 0, hasNextPage: false };
}

export async function searchTracks(request: SearchRequest, ctx: CatalogContext): Promise<Connection<{ node: TrackDocument }>> {
  const window = await searchWindow(ctx, request, 'track', (page) => (page.type === 'track' ? page.items : []));
  if (!window) return emptyConnection();
  const nodes = await ctx.catalogue.adopt('track', window.items.map(({ item }) => ctx.catalogue.seeTrack(item)));
  return toConnection(request.list, window, (_item, index) => ({ node: nodes[index]! }));
}

export async function searchAlbums(request: SearchRequest, ctx: CatalogContext): Promise<Connection<{ node: AlbumDocument }>> {
  const window = await searchWindow(ctx, request, 'album', (page) => (page.type === 'album' ? page.items : []));
  if (!window) return emptyConnection();
  const nodes = await ctx.catalogue.adopt('album', window.items.map(({ item }) => ctx.catalogue.seeAlbum(item)));
  return toConnection(request.list, window, (_item, index) => ({ node: nodes[index]! }));
}

export async function searchArtists(request: SearchRequest, ctx: CatalogContext): Promise<Connection<{ node: ArtistDocument }>> {
  const window = await searchWindow(ctx, request, 'artist', (page) => (page.type === 'artist' ? page.items : []));
  if (!window) return emptyConnection();
  const nodes = await ctx.catalogue.adopt('artist', window.items.map(({ item }) => ctx.catalogue.seeArtist(item)));
  return toConnection(request.list, window, (_item, index) => ({ node: nodes[index]! }));
}

export interface SpotifyPlaylistView {
  id: string;
  name: string;
  description: string | null;
  images: ImageDocument[];
  owner: { id: string; displayName: string | null };
  totalTracks: number | null;
  spotifyUrl: string;
}

export async function searchPlaylists(request: SearchRequest, ctx: CatalogContext): Promise<Connection<{ node: SpotifyPlaylistView }>> {
  const window = await searchWindow(ctx, request, 'playlist', (page) => (page.type === 'playlist' ? page.items : []));
  if (!window) return emptyConnection();
  return toConnection(request.list, window, (item) => ({ node: playlistView(item) }));
}

function playlistView(playlist: SpotifySimplifiedPlaylist): SpotifyPlaylistView {
  return {
    id: playlist.id,
    name: playlist.name,
    description: playlist.description || null,
    images: [...(playlist.images ?? [])].sort((a, b) => (b.width ?? 0) - (a.width ?? 0)).map((image) => ({ url: image.url, width: image.width ?? null, height: image.height ?? null })),
    owner: { id: playlist.owner.id, displayName: playlist.owner.display_name ?? null },
    totalTracks: playlist.items?.total ?? playlist.tracks?.total ?? null,
    spotifyUrl: `https://open.spotify.com/playlist/${encodeURIComponent(playlist.id)}`,
  };
}
