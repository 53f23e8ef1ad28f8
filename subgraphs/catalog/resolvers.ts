/**
 * Catalog resolvers: catalogue snapshots by Spotify id, entity references for the other subgraphs,
 * and the admin override `curateTrack`. Who may call what is in permissions.ts.
 * Artists and albums are read per parent for now (N+1); DataLoaders come with the Spotify client.
 */
import { badInput } from '../../platform/errors.js';
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { Resolvers } from './generated/resolvers.js';
import { isSpotifyId, parseInput } from '../../platform/graphql/inputs.js';
import { curateTrackArgs } from './inputs.js';
import { curateTrack } from './store/curation.js';
import { findAlbum, findArtist, findArtists, findTrack } from './store/reads.js';

/** Root arguments must be Spotify ids; a malformed id is the client's mistake, not a miss. */
function requireSpotifyId(id: string, field = 'id'): string {
  if (!isSpotifyId(id)) throw badInput(`${field}: must be a Spotify id (22 base-62 characters)`, field);
  return id;
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    track: (_root, { id }, ctx) => findTrack(ctx.catalog, requireSpotifyId(id)),
    album: (_root, { id }, ctx) => findAlbum(ctx.catalog, requireSpotifyId(id)),
    artist: (_root, { id }, ctx) => findArtist(ctx.catalog, requireSpotifyId(id)),
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
    __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? findTrack(ctx.catalog, ref.id) : null),
    id: (track) => track._id,
    artists: (track, _args, ctx) => findArtists(ctx.catalog, track.artistIds),
    album: async (track, _args, ctx) => {
      const album = await findAlbum(ctx.catalog, track.albumId);
      // curateTrack writes the album before the track, so this is a broken store, not a client error.
      if (!album) throw new Error(`album ${track.albumId} of track ${track._id} is missing`);
      return album;
    },
  },
  Album: {
    __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? findAlbum(ctx.catalog, ref.id) : null),
    id: (album) => album._id,
    artists: (album, _args, ctx) => findArtists(ctx.catalog, album.artistIds),
  },
  Artist: {
    __resolveReference: (ref, ctx) => (isSpotifyId(ref.id) ? findArtist(ctx.catalog, ref.id) : null),
    id: (artist) => artist._id,
  },
};
