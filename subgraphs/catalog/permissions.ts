/**
 * Who may read and write the catalogue. The catalogue is public, but only through the gateway:
 * direct calls to this subgraph get nothing. Every entity type has a rule because `_entities`
 * reaches entity fields without passing through a root field; the shield denies anything unlisted.
 */
import type { IRules } from 'graphql-shield';
import { isAdmin, viaGateway } from '../../platform/graphql/permissions.js';

export const permissions: IRules = {
  Query: {
    track: viaGateway,
    tracks: viaGateway,
    album: viaGateway,
    artist: viaGateway,
  },
  Mutation: {
    curateTrack: isAdmin,
  },
  Track: viaGateway,
  Album: viaGateway,
  Artist: viaGateway,
  Image: viaGateway,
};
