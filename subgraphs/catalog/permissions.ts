/**
 * Who may read and write the catalogue. The catalogue is public, but only through the gateway:
 * direct calls to this subgraph get nothing. Every entity type has a rule because `_entities`
 * reaches entity fields without passing through a root field; the shield denies anything unlisted.
 */
import type { IRules } from 'graphql-shield';
import { isAdmin, isService, servedByGateway, viaGateway } from '../../platform/graphql/permissions.js';
import { mappingRootPermissions, mappingTypePermissions } from './mapping-api/permissions.js';
import { catalogPrivacyRules } from './privacy/resolvers.js';

export const permissions: IRules = {
  Subscription: { jobUpdated: servedByGateway },
  Query: {
    track: viaGateway,
    tracks: viaGateway,
    album: viaGateway,
    artist: viaGateway,
    search: viaGateway,
    ...mappingRootPermissions.Query,
    ...catalogPrivacyRules.Query,
    mappingFeedbackCounts: isService('analytics'),
  },
  Mutation: {
    curateTrack: isAdmin,
    ...mappingRootPermissions.Mutation,
    ...catalogPrivacyRules.Mutation,
  },
  Track: viaGateway,
  Album: viaGateway,
  Artist: viaGateway,
  Image: viaGateway,
  // Search and the catalogue's connections: public like the objects they list.
  SearchResults: viaGateway,
  PageInfo: viaGateway,
  TrackConnection: viaGateway,
  TrackEdge: viaGateway,
  AlbumConnection: viaGateway,
  AlbumEdge: viaGateway,
  ArtistConnection: viaGateway,
  ArtistEdge: viaGateway,
  ArtistAlbumConnection: viaGateway,
  ArtistAlbumEdge: viaGateway,
  SpotifyPlaylist: viaGateway,
  SpotifyPlaylistOwner: viaGateway,
  SpotifyPlaylistConnection: viaGateway,
  SpotifyPlaylistEdge: viaGateway,
  ...mappingTypePermissions,
  MappingFeedbackDay: isService('analytics'),
};
