/**
 * Spotify imports as jobs: `importSpotifyPlaylist`, `importSpotifySavedTracks` and `syncPlaylist`
 * enqueue the same idempotent run (./queue.ts) after checking, at once, that the caller has a usable
 * linked Spotify account; the catalog serves the job's state, and the library its result
 * (`SpotifyImportJobResult`, an entity keyed by the job id).
 */
import { badInput } from '../../../platform/errors.js';
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { mayFollowJob } from '../../../platform/jobs/job-view.js';
import type { LibraryContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { importSpotifyPlaylistArgs, playlistIdArgs } from '../inputs.js';
import { playlistWithAccess, visiblePlaylist } from '../playlists/resolvers.js';
import { findImport, playlistSource, SAVED_TRACKS_SOURCE, spotifyPlaylistIdOf, type ImportSource } from '../store/spotify-imports.js';
import { spotifyAccessToken } from './linked-account.js';

async function requestImport(ctx: LibraryContext, source: ImportSource) {
  const userId = callerId(ctx);
  await spotifyAccessToken(ctx.graph, userId); // ACCOUNT_NOT_LINKED / ACCOUNT_NEEDS_CONSENT now, not in the job
  const previous = await findImport(ctx.db, userId, source);
  const job = await ctx.imports.request(userId, source, previous?.lastSyncedAt ?? null);
  ctx.log.info({ jobId: job.id, source, state: job.state }, 'Spotify import requested');
  return { __typename: 'Job' as const, id: job.id };
}

export const spotifyImportResolvers = {
  Mutation: {
    importSpotifyPlaylist: (_root, args, ctx) => requestImport(ctx, playlistSource(parseInput(importSpotifyPlaylistArgs, args).spotifyPlaylistId)),
    importSpotifySavedTracks: (_root, _args, ctx) => requestImport(ctx, SAVED_TRACKS_SOURCE),
    syncPlaylist: async (_root, args, ctx) => {
      const { id } = parseInput(playlistIdArgs, args);
      const playlist = await playlistWithAccess(ctx, id, 'OWNER');
      const origin = await ctx.loaders.spotifyImport.load(playlist.id);
      if (!origin) throw badInput('id: this playlist was not imported from Spotify', 'id');
      return requestImport(ctx, origin.source as ImportSource);
    },
  },
  Playlist: {
    spotifySource: async (playlist, _args, ctx) => {
      const origin = await ctx.loaders.spotifyImport.load(playlist.id);
      if (!origin) return null;
      return { spotifyPlaylistId: spotifyPlaylistIdOf(origin.source), savedTracks: origin.source === SAVED_TRACKS_SOURCE, lastSyncedAt: origin.lastSyncedAt };
    },
  },
  SpotifyImportJobResult: {
    // Only those who may follow the job see what it came to.
    __resolveReference: async (ref, ctx) => {
      const job = await ctx.imports.find(ref.jobId);
      const viewer = { userId: ctx.identity.userId, admin: ctx.identity.roles.includes('ADMIN') };
      if (!job?.result || !mayFollowJob(job, viewer)) return null;
      return { jobId: job.id, ...job.result };
    },
    playlist: (result, _args, ctx) => visiblePlaylist(ctx, result.playlistId),
  },
} satisfies Resolvers;
