/**
 * The lists hanging off catalogue objects: an album's tracks (`GET /albums/{id}/tracks`, pages of
 * 50), an artist's albums (`GET /artists/{id}/albums`, pages of 10) and top tracks. Pages come
 * through the provider loaders (cached); their objects are adopted like any Spotify object (kept as
 * snapshots, curated versions swapped in).
 *
 * While Spotify cannot be reached, an album's tracks are answered from the snapshots when the
 * catalogue holds as many of them as the album has; a discography or a top-ten cannot be known to
 * be whole from snapshots, so those answer the typed error.
 */
import { parseInput } from '../../../platform/graphql/inputs.js';
import { ALBUM_TRACKS_PAGE, type ArtistAlbumGroup } from '../../../providers/spotify/page-loaders.js';
import { ARTIST_ALBUMS_PAGE } from '../../../providers/spotify/catalogue-client.js';
import type { CatalogContext } from '../context.js';
import type { AlbumDocument, ArtistDocument, TrackDocument } from '../store/documents.js';
import { startAfter } from './cursors.js';
import { albumTracksArgs, artistAlbumsArgs, MAX_LIST_POSITION, topTracksArgs, type AlbumGroupName } from './inputs.js';
import { isSpotifyOutage } from './loaders.js';
import { emptyConnection, readWindow, toConnection, type Connection, type Window } from './paging.js';

export async function albumTracks(album: AlbumDocument, args: unknown, ctx: CatalogContext): Promise<Connection<{ node: TrackDocument }>> {
  const { first, after } = parseInput(albumTracksArgs, args);
  const list = `album-tracks:${album._id}`;
  const start = startAfter(after, list, 'after', MAX_LIST_POSITION);
  let window: Window<TrackDocument> | null;
  try {
    const spotify = await readWindow(start, first, ALBUM_TRACKS_PAGE, Infinity, (offset) => ctx.catalogue.providers.spotifyAlbumTracks.load({ albumId: album._id, offset }));
    window = spotify && { ...spotify, items: spotify.items.map(({ position, item }) => ({ position, item: ctx.catalogue.seeSimplifiedTrack(item, album._id) })) };
  } catch (error) {
    if (!isSpotifyOutage(error)) throw error;
    window = await storedAlbumTracks(ctx, album, start, first, error);
  }
  if (!window) return emptyConnection();
  const nodes = await ctx.catalogue.adopt('track', window.items.map(({ item }) => item));
  return toConnection(list, window, (_item, index) => ({ node: nodes[index]! }));
}

/** The album's tracks from the snapshots, if they are all there; else Spotify's failure stands. */
async function storedAlbumTracks(ctx: CatalogContext, album: AlbumDocument, start: number, first: number, failure: Error): Promise<Window<TrackDocument>> {
  const total = album.totalTracks ?? null;
  const tracks = await ctx.catalog.tracks.find({ albumId: album._id }).toArray();
  if (total === null || tracks.length < total) throw failure;
  tracks.sort((a, b) => (a.discNumber ?? 0) - (b.discNumber ?? 0) || (a.trackNumber ?? 0) - (b.trackNumber ?? 0));
  ctx.catalogue.standIn(tracks, failure);
  const end = Math.min(start + first, tracks.length);
  return {
    items: tracks.slice(start, end).map((item, index) => ({ position: start + index, item })),
    start,
    end: Math.max(start, end),
    total: tracks.length,
    hasNextPage: end < tracks.length,
  };
}

export interface ArtistAlbumEdgeView {
  node: AlbumDocument;
  group: AlbumGroupName | null;
}

export async function artistAlbums(artist: ArtistDocument, args: unknown, ctx: CatalogContext): Promise<Connection<ArtistAlbumEdgeView>> {
  const { first, after, groups } = parseInput(artistAlbumsArgs, args);
  const spotifyGroups = groups.map((group) => group.toLowerCase() as ArtistAlbumGroup).sort();
  const list = `artist-albums:${artist._id}:${spotifyGroups.join(',')}`;
  const start = startAfter(after, list, 'after', MAX_LIST_POSITION);
  const window = await readWindow(start, first, ARTIST_ALBUMS_PAGE, Infinity, (offset) =>
    ctx.catalogue.providers.spotifyArtistAlbums.load({ artistId: artist._id, groups: spotifyGroups, offset }),
  );
  if (!window) return emptyConnection();
  const nodes = await ctx.catalogue.adopt('album', window.items.map(({ item }) => ctx.catalogue.seeAlbum(item)));
  return toConnection(list, window, (item, index): ArtistAlbumEdgeView => ({
    node: nodes[index]!,
    group: groupOf(item.album_group),
  }));
}

const groupOf = (group: string | undefined): AlbumGroupName | null => {
  const name = group?.toUpperCase();
  return name === 'ALBUM' || name === 'SINGLE' || name === 'COMPILATION' || name === 'APPEARS_ON' ? name : null;
};

export async function topTracks(artist: ArtistDocument, args: unknown, ctx: CatalogContext): Promise<TrackDocument[]> {
  const { market } = parseInput(topTracksArgs, args);
  const tracks = await ctx.catalogue.providers.spotifyTopTracks.load({ artistId: artist._id, market });
  return ctx.catalogue.adopt('track', (tracks ?? []).map((track) => ctx.catalogue.seeTrack(track)));
}
