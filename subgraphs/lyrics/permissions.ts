/**
 * Who may read and set lyrics metadata. Reading is public through the gateway (direct calls get
 * nothing); setting is for admins. Track and LyricsInfo have rules on every field because
 * `_entities` reaches them without a root field, and the shield denies anything unlisted.
 */
import type { IRules } from 'graphql-shield';
import { isAdmin, viaGateway } from '../../platform/graphql/permissions.js';

export const permissions: IRules = {
  Query: {
    lyricsMatch: viaGateway,
  },
  Mutation: {
    setLyricsMatch: isAdmin,
    setTrackLanguage: isAdmin,
  },
  Track: viaGateway,
  LyricsInfo: viaGateway,
  // Stubs of catalog's entities, for `@requires`: only their external fields, which the gateway sends.
  Artist: viaGateway,
  Album: viaGateway,
};
