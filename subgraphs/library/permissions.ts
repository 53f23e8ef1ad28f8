/**
 * Who may read and change the library. Every root field and every field of Playlist and of the
 * library's User fields has a rule: `_entities` reaches them without a root field, and the shield
 * denies anything unlisted. Direct calls (not through the gateway) get nothing.
 */
import type { IRules } from 'graphql-shield';
import { forbidden } from '../../platform/errors.js';
import type { SubgraphContext } from '../../platform/graphql/context.js';
import { isSelfOrAdmin, isSignedIn, rule, viaGateway } from '../../platform/graphql/permissions.js';
import type { PlaylistRecord } from './store/entities.js';
import { canViewPlaylist } from './visibility.js';

/** The parent playlist is public, or the caller's own, or the caller is an admin. */
const canViewParentPlaylist = rule({ cache: 'strict' })((playlist: PlaylistRecord, _args, ctx: SubgraphContext) =>
  canViewPlaylist(playlist, ctx.identity) ? true : forbidden(),
);

export const permissions: IRules = {
  Query: {
    // Anonymous callers may read public playlists; the resolver hides the rest.
    playlist: viaGateway,
  },
  Mutation: {
    createPlaylist: isSignedIn,
    saveTrack: isSignedIn,
    unsaveTrack: isSignedIn,
  },
  Playlist: canViewParentPlaylist,
  SavedTrackPayload: viaGateway,
  User: {
    id: viaGateway,
    playlists: isSelfOrAdmin,
    savedTrackCount: isSelfOrAdmin,
  },
};
