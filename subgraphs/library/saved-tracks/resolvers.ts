/**
 * Saved tracks (the user's favourites): saving and removing are idempotent, so a retried request
 * is harmless; the list is newest first with keyset cursors on (saved at, track id).
 */
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { cursorDate, keysetPage, type KeysetList } from '../../../platform/graphql/keyset-cursors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { trackArgs } from '../inputs.js';
import type { SavedTrackRecord } from '../store/entities.js';
import { savedTrackCount, savedTracksPage, saveTrack, unsaveTrack } from '../store/saved-tracks.js';
import { z } from 'zod';

/** Newest first, then by track id. */
const SAVED_TRACKS: KeysetList<SavedTrackRecord, [typeof cursorDate, z.ZodString]> = {
  kind: 'saved',
  key: [cursorDate, z.string()],
  keyOf: (s) => [s.savedAt.toISOString(), s.trackId],
  defaultFirst: 50,
  maxFirst: 500,
};

export const savedTrackResolvers = {
  Mutation: {
    saveTrack: async (_root, args, ctx) => {
      const { trackId } = parseInput(trackArgs, args);
      await ctx.tracks.durations([trackId], 'trackId');
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
  User: {
    savedTrackCount: (user, _args, ctx) => savedTrackCount(ctx.db, user.id),
    savedTracks: async (user, args, ctx) => {
      const [page, totalCount] = await Promise.all([
        keysetPage(args, SAVED_TRACKS, (after, first) => savedTracksPage(ctx.db, user.id, { after: after && { savedAt: after[0], trackId: after[1] }, first })),
        savedTrackCount(ctx.db, user.id),
      ]);
      return { ...page, totalCount };
    },
  },
  SavedTrack: {
    track: (saved) => ({ __typename: 'Track', id: saved.trackId }),
  },
} satisfies Resolvers;
