/**
 * Library resolvers: playlists (owned here) with their items, collaborators and followers, saved
 * tracks, Spotify imports, and the library's fields on users (owned by users). Each area has its
 * module; this file joins them per type. Who may call what is in permissions.ts and access.ts.
 */
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import { collaborationResolvers } from './collaboration/resolvers.js';
import type { Resolvers } from './generated/resolvers.js';
import { playlistResolvers } from './playlists/resolvers.js';
import { savedTrackResolvers } from './saved-tracks/resolvers.js';
import { spotifyImportResolvers } from './spotify-import/resolvers.js';
import { libraryPrivacy } from './privacy/resolvers.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...libraryPrivacy.scalars,
  Query: { ...playlistResolvers.Query, ...libraryPrivacy.Query },
  Mutation: {
    ...playlistResolvers.Mutation,
    ...collaborationResolvers.Mutation,
    ...savedTrackResolvers.Mutation,
    ...spotifyImportResolvers.Mutation,
    ...libraryPrivacy.Mutation,
  },
  Playlist: {
    ...playlistResolvers.Playlist,
    ...collaborationResolvers.Playlist,
    ...spotifyImportResolvers.Playlist,
  },
  PlaylistItem: playlistResolvers.PlaylistItem,
  Collaborator: collaborationResolvers.Collaborator,
  SavedTrack: savedTrackResolvers.SavedTrack,
  SpotifyImportJobResult: spotifyImportResolvers.SpotifyImportJobResult,
  User: {
    // Users owns accounts; here a user is only its id, and the fields below read the library.
    __resolveReference: (ref) => ({ id: ref.id }),
    ...savedTrackResolvers.User,
    ...playlistResolvers.User,
  },
};
