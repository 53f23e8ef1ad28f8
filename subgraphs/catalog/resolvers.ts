/**
 * Catalog resolvers: tracks, albums and artists by Spotify id (curated snapshot, else Spotify,
 * through this request's loaders: one batched call per 50 ids), entity references for the other
 * subgraphs, and the admin override `curateTrack`. Who may call what is in permissions.ts.
 */
import { badInput } from '../../platform/errors.js';
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { Resolvers } from './generated/resolvers.js';
import { isSpotifyId, parseInput } from '../../platform/graphql/inputs.js';
import type { CatalogContext } from './context.js';
import { curateTrackArgs, tracksArgs } from './inputs.js';
import { curateTrack } from './store/curation.js';

/** Root arguments must be Spotify ids; a malformed id is the client's mistake, not a miss. */
function requireSpotifyId(id: string, field = 'id'): string {
  if (!isSpotifyId(id)) throw badInput(`${field}: must be a Spotify id (22 base-62 characters)`, field);
  return id;
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    track: (_root, { id }, ctx) => ctx.catalogue.track.load(requireSpotifyId(id)),
    tracks: (_root, args, ctx) => {
      const { ids } = parseInput(tracksArgs, args);
      return Promise.all(ids.map((id) => ctx.catalogue.track.load(id)));
    },
    album: (_root, { id }, ctx) => ctx.catalogue.album.load(requireSpotifyId(id)),
    artist: (_root, { id }, ctx) => ctx.catalogue.artist.load(requireSpotifyId(id)),
  },
  Mutation: {
    curateTrack: async (_root, args, ctx) => {
      const { input } = parseInput(curateTrackArgs, args);
      const track = await curateTrack(ctx.catalog, input);
      ctx.log.info({ trackId: track._id }, 'track curated by admin');
      return track;
    },
  },
  // References from other subgraphs: an id that cannot exist resolves to null without a lookup.
  Track: {
    __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? ctx.catalogue.track.load(ref.id) : null),
    id: (track) => track._id,
    artists: (track, _args, ctx) => loadArtists(ctx, track.artistIds),
    album: async (track, _args, ctx) => {
      const album = await ctx.catalogue.album.load(track.albumId);
      // A track's album is written (or fetched) with it: its absence is a broken store or provider, not a client error.
      if (!album) throw new Error(`album ${track.albumId} of track ${track._id} is missing`);
      return album;
    },
  },
  Album: {
    __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? ctx.catalogue.album.load(ref.id) : null),
    id: (album) => album._id,
    artists: (album, _args, ctx) => loadArtists(ctx, album.artistIds),
  },
  Artist: {
    __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? ctx.catalogue.artist.load(ref.id) : null),
    id: (artist) => artist._id,
  },
};

/** The artists with these ids in billing order; ids Spotify does not know are left out. */
async function loadArtists(ctx: CatalogContext, ids: readonly string[]) {
  const artists = await ctx.catalogue.artist.loadMany(ids);
  return artists.flatMap((artist) => {
    if (artist instanceof Error) throw artist;
    return artist ? [artist] : [];
  });
}
