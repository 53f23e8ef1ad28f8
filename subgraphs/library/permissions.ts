/**
 * Who may read and change the library. Every root field and every field of the library's types
 * has a rule: `_entities` reaches Playlist and User fields without a root field, and the shield
 * denies anything unlisted. Direct calls (not through the gateway or a service) get nothing.
 * Finer checks that need the playlist row (EDIT vs MANAGE, owner only) are made by the mutations
 * through access.ts, which answers NOT_FOUND for a playlist the caller cannot see.
 */
import type { IRules } from 'graphql-shield';
import { forbidden } from '../../platform/errors.js';
import { and, isSelfOrAdmin, isSignedIn, rule, servedByGateway, viaGateway } from '../../platform/graphql/permissions.js';
import type { LibraryContext } from './context.js';
import type { PlaylistRecord } from './store/entities.js';
import { libraryPrivacyRules } from './privacy/resolvers.js';

/** The parent playlist is one the caller may see: public, their own, shared with them, or they are an admin. */
const canViewParentPlaylist = rule({ cache: 'strict' })(async (playlist: PlaylistRecord, _args, ctx: LibraryContext) =>
  (await ctx.loaders.access(playlist)) ? true : forbidden(),
);

const signedInViaGateway = and(viaGateway, isSignedIn);

export const permissions: IRules = {
  Subscription: { playlistChanged: servedByGateway },
  Query: {
    // Anonymous callers may read public playlists; the resolver hides the rest.
    playlist: viaGateway,
    ...libraryPrivacyRules.Query,
  },
  Mutation: {
    createPlaylist: signedInViaGateway,
    updatePlaylist: signedInViaGateway,
    deletePlaylist: signedInViaGateway,
    addPlaylistItems: signedInViaGateway,
    removePlaylistItems: signedInViaGateway,
    movePlaylistItem: signedInViaGateway,
    setCollaborator: signedInViaGateway,
    removeCollaborator: signedInViaGateway,
    followPlaylist: signedInViaGateway,
    unfollowPlaylist: signedInViaGateway,
    saveTrack: signedInViaGateway,
    unsaveTrack: signedInViaGateway,
    importSpotifyPlaylist: signedInViaGateway,
    importSpotifySavedTracks: signedInViaGateway,
    syncPlaylist: signedInViaGateway,
    ...libraryPrivacyRules.Mutation,
  },
  Playlist: canViewParentPlaylist,
  // Reached only through a playlist (checked above), a user's own lists, or the caller's own payloads.
  PlaylistItem: viaGateway,
  PlaylistItemConnection: viaGateway,
  PlaylistItemEdge: viaGateway,
  PlaylistConnection: viaGateway,
  PlaylistEdge: viaGateway,
  Collaborator: viaGateway,
  CollaboratorConnection: viaGateway,
  CollaboratorEdge: viaGateway,
  SavedTrack: viaGateway,
  SavedTrackConnection: viaGateway,
  SavedTrackEdge: viaGateway,
  SavedTrackPayload: viaGateway,
  SpotifySource: viaGateway,
  DeletedPlaylist: viaGateway,
  PageInfo: viaGateway,
  Track: viaGateway,
  Job: viaGateway,
  // Its reference resolver answers only those who may follow the job.
  SpotifyImportJobResult: viaGateway,
  User: {
    id: viaGateway,
    playlists: isSelfOrAdmin,
    followedPlaylists: isSelfOrAdmin,
    savedTracks: isSelfOrAdmin,
    savedTrackCount: isSelfOrAdmin,
  },
};
