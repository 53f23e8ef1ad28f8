/**
 * Library resolvers: playlists (owned here) and the library's fields on users (owned by users).
 * Access rules live in permissions.ts; resolvers additionally hide playlists the caller may not see,
 * answering null as if they did not exist.
 */
import { badInput } from '../../platform/errors.js';
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { LibraryContext } from './context.js';
import type { Resolvers } from './generated/resolvers.js';
import { parseInput } from '../../platform/graphql/inputs.js';
import { createPlaylistArgs, trackArgs } from './inputs.js';
import { createPlaylist, findPlaylist, isPlaylistId, playlistsOwnedBy } from './store/playlists.js';
import { savedTrackCount, saveTrack, unsaveTrack } from './store/saved-tracks.js';
import { canViewPlaylist } from './visibility.js';
import { callerId } from '../../platform/graphql/context.js';

async function visiblePlaylist(id: string, ctx: LibraryContext) {
  const playlist = await findPlaylist(ctx.db, id);
  return playlist && canViewPlaylist(playlist, ctx.identity) ? playlist : null;
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    playlist: (_root, { id }, ctx) => {
      if (!isPlaylistId(id)) throw badInput('id: must be a playlist id (a UUID)', 'id');
      return visiblePlaylist(id, ctx);
    },
  },
  Mutation: {
    createPlaylist: async (_root, args, ctx) => {
      const { input } = parseInput(createPlaylistArgs, args);
      const playlist = await createPlaylist(ctx.db, { ...input, ownerId: callerId(ctx) });
      ctx.log.info({ playlistId: playlist.id }, 'playlist created');
      return playlist;
    },
    saveTrack: async (_root, args, ctx) => {
      const { trackId } = parseInput(trackArgs, args);
      const userId = callerId(ctx);
      await saveTrack(ctx.db, userId, trackId);
      return { trackId, saved: true, savedTrackCount: await savedTrackCount(ctx.db, userId) };
    },
    unsaveTrack: async (_root, args, ctx) => {
      const { trackId } = parseInput(trackArgs, args);
      const userId = callerId(ctx);
      await unsaveTrack(ctx.db, userId, trackId);
      return { trackId, saved: false, savedTrackCount: await savedTrackCount(ctx.db, userId) };
    },
  },
  Playlist: {
    // Another subgraph (or the gateway) referring to a playlist sees it only if the caller may.
    __resolveReference: (ref, ctx) => visiblePlaylist(ref.id, ctx),
    owner: (playlist) => ({ __typename: 'User', id: playlist.ownerId }),
  },
  User: {
    // Users owns accounts; here a user is only its id, and the fields below read the library.
    __resolveReference: (ref) => ({ id: ref.id }),
    playlists: (user, _args, ctx) => playlistsOwnedBy(ctx.db, user.id),
    savedTrackCount: (user, _args, ctx) => savedTrackCount(ctx.db, user.id),
  },
};
