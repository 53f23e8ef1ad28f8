/**
 * Playlists: reading one, its items and totals, a user's playlists and followed playlists, and
 * every edit. An edit first checks the caller's access (../access.ts), then validates its tracks
 * against the catalogue, then runs in one transaction that claims the version the client read
 * (../store/playlist-edits.ts): a stale edit fails with CONFLICT carrying the current version and
 * writes nothing.
 */
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { requireAccess, type PlaylistAccess } from '../access.js';
import type { LibraryContext } from '../context.js';
import { cursorDate, keysetPage, type KeysetList } from '../../../platform/graphql/keyset-cursors.js';
import type { Resolvers } from '../generated/resolvers.js';
import {
  addPlaylistItemsArgs,
  createPlaylistArgs,
  movePlaylistItemArgs,
  playlistIdArgs,
  playlistVersionArgs,
  removePlaylistItemsArgs,
  updatePlaylistArgs,
  uuid,
} from '../inputs.js';
import type { PlaylistItemRecord, PlaylistRecord } from '../store/entities.js';
import { followedPlaylistsPage, followPlaylist, unfollowPlaylist, type FollowedPlaylist } from '../store/followers.js';
import { deletePlaylist, editPlaylist, type PlaylistEdit } from '../store/playlist-edits.js';
import { itemsPage } from '../store/playlist-items.js';
import { createPlaylist, playlistsPageFor } from '../store/playlists.js';
import { z } from 'zod';

/** The playlist if the caller may see it; null otherwise, exactly as for an id that does not exist. */
export async function visiblePlaylist(ctx: LibraryContext, id: string): Promise<PlaylistRecord | null> {
  if (!uuid.safeParse(id).success) return null;
  const playlist = await ctx.loaders.playlist.load(id);
  return playlist && (await ctx.loaders.access(playlist)) ? playlist : null;
}

/** The playlist, once the caller is known to have `needed` access to it. */
export async function playlistWithAccess(ctx: LibraryContext, id: string, needed: PlaylistAccess): Promise<PlaylistRecord> {
  const playlist = await ctx.loaders.playlist.load(id);
  requireAccess(playlist ? await ctx.loaders.access(playlist) : null, needed);
  return playlist!;
}

/** The playlist as a change stored it: later fields of this request read that, not the loader's older copy. */
function remember(ctx: LibraryContext, playlist: PlaylistRecord): PlaylistRecord {
  ctx.loaders.playlist.clear(playlist.id).prime(playlist.id, playlist);
  return playlist;
}

/** Runs an edit against `expectedVersion`, and tells live subscribers. */
async function edit(ctx: LibraryContext, id: string, expectedVersion: number, change: (edit: PlaylistEdit) => Promise<unknown>) {
  const updated = await editPlaylist(ctx.db, id, expectedVersion, async (e) => void (await change(e)));
  ctx.log.info({ playlistId: id, version: updated.version }, 'playlist edited');
  await ctx.playlistChanged(id, updated.version);
  return remember(ctx, updated);
}

/** A user's playlists, most recently changed first. */
const PLAYLISTS: KeysetList<PlaylistRecord, [typeof cursorDate, z.ZodString]> = {
  kind: 'playlists',
  key: [cursorDate, z.string()],
  keyOf: (p) => [p.updatedAt.toISOString(), p.id],
  defaultFirst: 20,
  maxFirst: 100,
};

/** Followed playlists, most recently followed first. */
const FOLLOWED: KeysetList<FollowedPlaylist, [typeof cursorDate, z.ZodString]> = {
  kind: 'followed',
  key: [cursorDate, z.string()],
  keyOf: (f) => [f.followedAt.toISOString(), f.playlist.id],
  defaultFirst: 20,
  maxFirst: 100,
};

/** Items by position; positions are gap-free, so the position is the cursor. */
const ITEMS: KeysetList<PlaylistItemRecord, [z.ZodNumber]> = {
  kind: 'items',
  key: [z.number().int().min(0)],
  keyOf: (item) => [item.position],
  defaultFirst: 100,
  // Spotify's own page of playlist items; larger pages would also exceed the edge's cost limit.
  maxFirst: 100,
};

export const playlistResolvers = {
  Query: {
    playlist: (_root, args, ctx) => visiblePlaylist(ctx, parseInput(playlistIdArgs, args).id),
  },
  Mutation: {
    createPlaylist: async (_root, args, ctx) => {
      const { input } = parseInput(createPlaylistArgs, args);
      const playlist = await createPlaylist(ctx.db, { ...input, ownerId: callerId(ctx) });
      ctx.log.info({ playlistId: playlist.id }, 'playlist created');
      return playlist;
    },
    updatePlaylist: async (_root, args, ctx) => {
      const { id, expectedVersion, input } = parseInput(updatePlaylistArgs, args);
      await playlistWithAccess(ctx, id, 'MANAGE');
      return edit(ctx, id, expectedVersion, (e) => e.updateDetails(input));
    },
    deletePlaylist: async (_root, args, ctx) => {
      const { id, expectedVersion } = parseInput(playlistVersionArgs, args);
      // Admins may take down any playlist they see (moderation); collaborators never delete.
      await playlistWithAccess(ctx, id, ctx.identity.roles.includes('ADMIN') ? 'VIEW' : 'OWNER');
      await deletePlaylist(ctx.db, id, expectedVersion);
      ctx.log.info({ playlistId: id }, 'playlist deleted');
      await ctx.playlistChanged(id);
      return { id };
    },
    addPlaylistItems: async (_root, args, ctx) => {
      const { playlistId, expectedVersion, trackIds, position } = parseInput(addPlaylistItemsArgs, args);
      await playlistWithAccess(ctx, playlistId, 'EDIT');
      const durations = await ctx.tracks.durations(trackIds, 'trackIds');
      const addedBy = callerId(ctx);
      return edit(ctx, playlistId, expectedVersion, (e) =>
        e.insertItems(trackIds.map((trackId) => ({ trackId, durationMs: durations.get(trackId)!, addedBy })), position),
      );
    },
    removePlaylistItems: async (_root, args, ctx) => {
      const { playlistId, expectedVersion, itemIds } = parseInput(removePlaylistItemsArgs, args);
      await playlistWithAccess(ctx, playlistId, 'EDIT');
      return edit(ctx, playlistId, expectedVersion, (e) => e.removeItems(itemIds));
    },
    movePlaylistItem: async (_root, args, ctx) => {
      const { playlistId, expectedVersion, itemId, toPosition } = parseInput(movePlaylistItemArgs, args);
      await playlistWithAccess(ctx, playlistId, 'EDIT');
      return edit(ctx, playlistId, expectedVersion, (e) => e.moveItem(itemId, toPosition));
    },
    followPlaylist: async (_root, args, ctx) => {
      const { id } = parseInput(playlistIdArgs, args);
      await playlistWithAccess(ctx, id, 'PUBLIC');
      const followed = remember(ctx, await followPlaylist(ctx.db, id, callerId(ctx)));
      await ctx.playlistChanged(id);
      return followed;
    },
    unfollowPlaylist: async (_root, args, ctx) => {
      const { id } = parseInput(playlistIdArgs, args);
      await playlistWithAccess(ctx, id, 'PUBLIC');
      const unfollowed = remember(ctx, await unfollowPlaylist(ctx.db, id, callerId(ctx)));
      await ctx.playlistChanged(id);
      return unfollowed;
    },
  },
  Playlist: {
    // `_entities` answers a playlist only to whoever `playlist(id)` would; the type's rule checks again.
    __resolveReference: (ref, ctx) => visiblePlaylist(ctx, ref.id),
    owner: (playlist) => ({ __typename: 'User', id: playlist.ownerId }),
    durationSeconds: (playlist) => Math.round(playlist.durationMs / 1000),
    viewerFollows: (playlist, _args, ctx) => ctx.loaders.viewerFollows.load(playlist.id),
    viewerAccess: async (playlist, _args, ctx) => (await ctx.loaders.access(playlist)) ?? 'PUBLIC',
    items: async (playlist, args, ctx) => ({
      ...(await keysetPage(args, ITEMS, (after, first) => itemsPage(ctx.db, playlist.id, { afterPosition: after?.[0] ?? null, first }))),
      totalCount: playlist.trackCount,
    }),
  },
  User: {
    playlists: async (user, args, ctx) => {
      const page = await keysetPage(args, PLAYLISTS, (after, first) => playlistsPageFor(ctx.db, user.id, { after: after && { updatedAt: after[0], id: after[1] }, first }));
      for (const playlist of page.nodes) ctx.loaders.playlist.prime(playlist.id, playlist);
      return page;
    },
    followedPlaylists: async (user, args, ctx) => {
      const page = await keysetPage(args, FOLLOWED, (after, first) => followedPlaylistsPage(ctx.db, user.id, { after: after && { followedAt: after[0], playlistId: after[1] }, first }));
      // A followed playlist that has since become private is left out of the page (its cursor still counts).
      const visible = await Promise.all(page.edges.map(async (edge) => ((await ctx.loaders.access(edge.node.playlist)) ? { cursor: edge.cursor, node: edge.node.playlist } : null)));
      const edges = visible.filter((edge) => edge !== null);
      return { edges, nodes: edges.map((edge) => edge.node), pageInfo: page.pageInfo };
    },
  },
  PlaylistItem: {
    track: (item) => ({ __typename: 'Track', id: item.trackId }),
    addedBy: (item) => ({ __typename: 'User', id: item.addedBy }),
  },
} satisfies Resolvers;

