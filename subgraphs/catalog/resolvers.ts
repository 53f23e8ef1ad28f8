/**
 * Catalog resolvers: tracks, albums and artists by Spotify id (curated snapshot, else Spotify,
 * through this request's loaders: one batched call per 50 ids), entity references for the other
 * subgraphs, and the admin override `curateTrack`; search and the entity fields come from
 * catalogue/resolvers.ts, the mapping fields from mapping-api/. Every root field and entity
 * reference first checks the whole operation's arguments (catalogue/preflight.ts). Who may call
 * what is in permissions.ts.
 */
import { badInput } from '../../platform/errors.js';
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { Resolvers } from './generated/resolvers.js';
import { isSpotifyId, parseInput } from '../../platform/graphql/inputs.js';
import { ARGUMENT_CHECKS } from './catalogue/inputs.js';
import { withPreflight } from './catalogue/preflight.js';
import { catalogueResolvers } from './catalogue/resolvers.js';
import { curateTrackArgs, tracksArgs } from './inputs.js';
import { curateTrack } from './store/curation.js';
import type { TrackDocument } from './store/documents.js';
import { mappingFieldResolvers, mappingTypeResolvers } from './mapping-api/resolvers.js';
import { catalogPrivacy } from './privacy/resolvers.js';
import { mappingFeedbackCounts } from './mapping/feedback-counts.js';

/** Root arguments must be Spotify ids; a malformed id is the client's mistake, not a miss. */
function requireSpotifyId(id: string, field = 'id'): string {
  if (!isSpotifyId(id)) throw badInput(`${field}: must be a Spotify id (22 base-62 characters)`, field);
  return id;
}

export const resolvers: Resolvers = withPreflight<Resolvers>({
  ...scalarResolvers,
  ...catalogPrivacy.scalars,
  Query: {
    track: (_root, { id }, ctx) => ctx.catalogue.track.load(requireSpotifyId(id)),
    tracks: (_root, args, ctx) => {
      const { ids } = parseInput(tracksArgs, args);
      // One promise per item: a track Spotify fails to answer (with no snapshot) is null with its
      // error at `tracks.<index>`, the others still answer. The typed resolvers cannot say that.
      return ids.map((id) => ctx.catalogue.track.load(id)) as unknown as TrackDocument[];
    },
    album: (_root, { id }, ctx) => ctx.catalogue.album.load(requireSpotifyId(id)),
    artist: (_root, { id }, ctx) => ctx.catalogue.artist.load(requireSpotifyId(id)),
    ...catalogueResolvers.Query,
    ...mappingFieldResolvers.Query,
    ...catalogPrivacy.Query,
    // Analytics' KPIs (service only): reports per UTC day.
    mappingFeedbackCounts: (_root, { from, to }, ctx) => mappingFeedbackCounts(ctx.catalog.contentMappings, new Date(from), new Date(to)),
  },
  Mutation: {
    curateTrack: async (_root, args, ctx) => {
      const { input } = parseInput(curateTrackArgs, args);
      const track = await curateTrack(ctx.catalog, input);
      ctx.log.info({ trackId: track._id }, 'track curated by admin');
      return track;
    },
    ...mappingFieldResolvers.Mutation,
    ...catalogPrivacy.Mutation,
  },
  // Entity references and fields, search and its connections (catalogue/).
  Track: {
    ...catalogueResolvers.Track,
    ...mappingFieldResolvers.Track,
  },
  Album: catalogueResolvers.Album,
  Artist: catalogueResolvers.Artist,
  SearchResults: catalogueResolvers.SearchResults,
  // Mappings and mapping jobs (mapping-api/).
  ...mappingTypeResolvers,
}, ARGUMENT_CHECKS);
