/**
 * The listening API: recording listens and other activity (`recordListening`, `recordActivity`,
 * both through store/event-recording.ts), a user's `stats` and `recentlyPlayed`, and the admin's
 * `refreshListeningRollups`. Track lengths for validation come from the catalogue
 * (platform/graphql/catalog-tracks.ts), which also refuses unknown tracks. Rules: permissions.ts
 * beside this file.
 */
import { z } from 'zod';
import { callerId } from '../../../platform/graphql/context.js';
import { catalogTracks } from '../../../platform/graphql/catalog-tracks.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { cursorDate, keysetPage, type KeysetList } from '../../../platform/graphql/keyset-cursors.js';
import { serviceClient } from '../../../platform/graphql/service-client.js';
import type { Resolvers } from '../generated/resolvers.js';
import { recordActivityArgs, recordListeningArgs, statsArgs, topArgs } from '../inputs.js';
import { runRollupCycle } from '../listening-rollups/rollup-job.js';
import type { ListeningEventRecord } from '../store/entities.js';
import { recentlyPlayed, recordActivity, recordListening } from '../store/listening-events.js';
import { playsPerDay, statsScope, statsTotals, topArtists, topLanguages, topTracks } from '../store/listening-stats.js';

const catalogue = catalogTracks(serviceClient('analytics'));

const recentlyPlayedList: KeysetList<ListeningEventRecord, readonly [typeof cursorDate, z.ZodGUID]> = {
  kind: 'recentlyPlayed',
  key: [cursorDate, z.guid()] as const,
  keyOf: (event) => [event.playedAt.toISOString(), event.eventId],
  defaultFirst: 20,
  maxFirst: 100,
};

export const listeningResolvers = {
  Mutation: {
    recordListening: async (_root, args, ctx) => {
      const { input } = parseInput(recordListeningArgs, args);
      const userId = callerId(ctx);
      const durations = await catalogue.durations([input.trackId], 'input.trackId', userId);
      const { playedAt, ...rest } = input;
      const { event, created } = await recordListening(
        ctx.db,
        { ...rest, at: playedAt, userId, durationLimitMs: durations.get(input.trackId) ?? null },
        'input.',
      );
      if (!created) ctx.log.debug({ eventId: event.eventId }, 'listen already recorded');
      return event;
    },
    recordActivity: async (_root, args, ctx) => {
      const { input } = parseInput(recordActivityArgs, args);
      const userId = callerId(ctx);
      const durations = input.trackId ? await catalogue.durations([input.trackId], 'input.trackId', userId) : new Map<string, number>();
      const { event } = await recordActivity(
        ctx.db,
        { ...input, userId, durationLimitMs: input.trackId ? (durations.get(input.trackId) ?? null) : null },
        'input.',
      );
      return event;
    },
    refreshListeningRollups: (_root, _args, ctx) => runRollupCycle(ctx.db, { log: ctx.log }),
  },
  ActivityEvent: {
    id: (event) => event.eventId,
    track: (event) => (event.trackId ? { __typename: 'Track', id: event.trackId } : null),
  },
  User: {
    stats: (user, args) => statsScope(user.id, parseInput(statsArgs, args).range),
    recentlyPlayed: (user, args, ctx) =>
      keysetPage(args, recentlyPlayedList, (after, first) => recentlyPlayed(ctx.db, user.id, after ? [after[0], after[1]] : null, first + 1)),
  },
  UserListeningStats: {
    range: (scope) => scope.range,
    since: (scope) => scope.since,
    plays: async (scope, _args, ctx) => (await statsTotals(ctx.db, scope)).plays,
    listeningMs: async (scope, _args, ctx) => (await statsTotals(ctx.db, scope)).listeningMs,
    topTracks: async (scope, args, ctx) =>
      (await topTracks(ctx.db, scope, parseInput(topArgs, args).first)).map(({ trackId, ...totals }) => ({ ...totals, track: { __typename: 'Track' as const, id: trackId } })),
    topArtists: async (scope, args, ctx) =>
      (await topArtists(ctx.db, scope, parseInput(topArgs, args).first)).map(({ artistId, ...totals }) => ({ ...totals, artist: { id: artistId } })),
    topLanguages: (scope, args, ctx) => topLanguages(ctx.db, scope, parseInput(topArgs, args).first),
    playsPerDay: (scope, _args, ctx) => playsPerDay(ctx.db, scope),
  },
} satisfies Resolvers;
