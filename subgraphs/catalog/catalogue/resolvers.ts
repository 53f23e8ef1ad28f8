/**
 * Resolvers of the catalogue: `search`, the fields of Track, Album and Artist, their entity
 * references, and the connection types. Every object comes through the request's
 * CatalogueLoaders (curated > Spotify > snapshot); fields a simplified object lacks are completed
 * through the batched loaders only when selected. Merged into ../resolvers.ts.
 */
import { isSpotifyId } from '../../../platform/graphql/inputs.js';
import type { CatalogContext } from '../context.js';
import type { AlbumResolvers, ArtistResolvers, QueryResolvers, Resolvers, SearchResultsResolvers, TrackResolvers } from '../generated/resolvers.js';
import type { AlbumDocument, ArtistDocument, TrackDocument } from '../store/documents.js';
import { albumTracks, artistAlbums, topTracks } from './lists.js';
import { searchAlbums, searchArtists, searchPlaylists, searchRequest, searchTracks } from './search.js';

const spotifyUrl = (kind: 'track' | 'album' | 'artist', id: string) => `https://open.spotify.com/${kind}/${id}`;
const updatedAt = (doc: TrackDocument | AlbumDocument | ArtistDocument) => doc.fetchedAt ?? doc.updatedAt;
const upper = <T extends string>(value: T | null | undefined): Uppercase<T> | null => (value ? (value.toUpperCase() as Uppercase<T>) : null);

/** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (curated albums store no precision of their own). */
const precisionOf = (date: string): 'YEAR' | 'MONTH' | 'DAY' => (date.length === 4 ? 'YEAR' : date.length === 7 ? 'MONTH' : 'DAY');

const Query: QueryResolvers<CatalogContext> = {
  search: (_root, args) => searchRequest(args),
};

const SearchResults: SearchResultsResolvers<CatalogContext> = {
  tracks: (request, _args, ctx) => searchTracks(request, ctx),
  albums: (request, _args, ctx) => searchAlbums(request, ctx),
  artists: (request, _args, ctx) => searchArtists(request, ctx),
  playlists: (request, _args, ctx) => searchPlaylists(request, ctx),
};

// References from other subgraphs: an id that cannot exist resolves to null without a lookup.
const Track: TrackResolvers<CatalogContext> = {
  __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? ctx.catalogue.track.load(ref.id) : null),
  id: (track) => track._id,
  isrc: async (track, _args, ctx) => (await ctx.catalogue.complete('track', track)).isrc,
  popularity: async (track, _args, ctx) => (await ctx.catalogue.complete('track', track)).popularity,
  trackNumber: (track) => track.trackNumber ?? null,
  discNumber: (track) => track.discNumber ?? null,
  previewUrl: (track) => track.previewUrl ?? null,
  spotifyUrl: (track) => spotifyUrl('track', track._id),
  artists: (track, _args, ctx) => ctx.catalogue.summaries('artist', track.artistIds),
  album: async (track, _args, ctx) => {
    const album = await ctx.catalogue.summary('album', track.albumId);
    // A track's album is written (or fetched) with it: its absence is a broken store or provider, not a client error.
    if (!album) throw new Error(`album ${track.albumId} of track ${track._id} is missing`);
    return album;
  },
  origin: (track, _args, ctx) => ctx.catalogue.origin(track),
  updatedAt,
};

const Album: AlbumResolvers<CatalogContext> = {
  __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? ctx.catalogue.album.load(ref.id) : null),
  id: (album) => album._id,
  albumType: (album) => upper(album.albumType),
  releaseDatePrecision: (album) => upper(album.releaseDatePrecision) ?? precisionOf(album.releaseDate),
  artists: (album, _args, ctx) => ctx.catalogue.summaries('artist', album.artistIds),
  totalTracks: (album) => album.totalTracks ?? null,
  label: async (album, _args, ctx) => (await ctx.catalogue.complete('album', album)).label ?? null,
  genres: async (album, _args, ctx) => (await ctx.catalogue.complete('album', album)).genres ?? [],
  popularity: async (album, _args, ctx) => (await ctx.catalogue.complete('album', album)).popularity ?? null,
  tracks: (album, args, ctx) => albumTracks(album, args, ctx),
  spotifyUrl: (album) => spotifyUrl('album', album._id),
  origin: (album, _args, ctx) => ctx.catalogue.origin(album),
  updatedAt,
};

const Artist: ArtistResolvers<CatalogContext> = {
  __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? ctx.catalogue.artist.load(ref.id) : null),
  id: (artist) => artist._id,
  genres: async (artist, _args, ctx) => (await ctx.catalogue.complete('artist', artist)).genres,
  images: async (artist, _args, ctx) => (await ctx.catalogue.complete('artist', artist)).images ?? [],
  popularity: async (artist, _args, ctx) => (await ctx.catalogue.complete('artist', artist)).popularity ?? null,
  followers: async (artist, _args, ctx) => (await ctx.catalogue.complete('artist', artist)).followers ?? null,
  albums: (artist, args, ctx) => artistAlbums(artist, args, ctx),
  topTracks: (artist, args, ctx) => topTracks(artist, args, ctx),
  spotifyUrl: (artist) => spotifyUrl('artist', artist._id),
  origin: (artist, _args, ctx) => ctx.catalogue.origin(artist),
  updatedAt,
};

export const catalogueResolvers = { Query, SearchResults, Track, Album, Artist } satisfies Resolvers;
