/**
 * Collaborators: owners and MANAGE collaborators invite users with a role; only the owner grants
 * MANAGE; anyone may leave a playlist they were invited to. Membership is not the playlist's
 * content, so it does not change the playlist's version.
 */
import { badInput, forbidden, notFound } from '../../../platform/errors.js';
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { requireAccess } from '../access.js';
import { cursorDate, keysetPage, type KeysetList } from '../../../platform/graphql/keyset-cursors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { removeCollaboratorArgs, setCollaboratorArgs } from '../inputs.js';
import { playlistWithAccess } from '../playlists/resolvers.js';
import { requireKnownUser } from './known-users.js';
import { collaboratorsPage, removeCollaborator, setCollaborator } from '../store/collaborators.js';
import type { CollaboratorRecord } from '../store/entities.js';
import { z } from 'zod';

/** Collaborators in the order they were invited. */
const COLLABORATORS: KeysetList<CollaboratorRecord, [typeof cursorDate, z.ZodString]> = {
  kind: 'collaborators',
  key: [cursorDate, z.string()],
  keyOf: (c) => [c.createdAt.toISOString(), c.userId],
  defaultFirst: 50,
  maxFirst: 100,
};

export const collaborationResolvers = {
  Mutation: {
    setCollaborator: async (_root, args, ctx) => {
      const { playlistId, userId, role } = parseInput(setCollaboratorArgs, args);
      const playlist = await playlistWithAccess(ctx, playlistId, 'MANAGE');
      if (userId === playlist.ownerId) throw badInput('userId: the owner is not a collaborator', 'userId');
      if (role === 'MANAGE') requireAccess(await ctx.loaders.access(playlist), 'OWNER');
      await requireKnownUser(ctx.graph, userId, 'userId');
      await setCollaborator(ctx.db, { playlistId, userId, role, invitedBy: callerId(ctx) });
      ctx.log.info({ playlistId, collaborator: userId, role }, 'collaborator set');
      await ctx.playlistChanged(playlistId);
      return playlist;
    },
    removeCollaborator: async (_root, args, ctx) => {
      const { playlistId, userId } = parseInput(removeCollaboratorArgs, args);
      const leaving = userId === callerId(ctx);
      const playlist = await playlistWithAccess(ctx, playlistId, leaving ? 'VIEW' : 'MANAGE');
      if (!leaving && !(await removeCollaborator(ctx.db, playlistId, userId))) throw notFound('Collaborator');
      if (leaving && !(await removeCollaborator(ctx.db, playlistId, userId))) throw forbidden('You are not a collaborator of this playlist');
      ctx.log.info({ playlistId, collaborator: userId }, 'collaborator removed');
      await ctx.playlistChanged(playlistId);
      return playlist;
    },
  },
  Playlist: {
    collaborators: async (playlist, args, ctx) => {
      requireAccess(await ctx.loaders.access(playlist), 'VIEW');
      return keysetPage(args, COLLABORATORS, (after, first) =>
        collaboratorsPage(ctx.db, playlist.id, { after: after && { createdAt: after[0], userId: after[1] }, first }),
      );
    },
  },
  Collaborator: {
    user: (collaborator) => ({ __typename: 'User', id: collaborator.userId }),
    invitedBy: (collaborator) => ({ __typename: 'User', id: collaborator.invitedBy }),
    invitedAt: (collaborator) => collaborator.createdAt,
  },
} satisfies Resolvers;
