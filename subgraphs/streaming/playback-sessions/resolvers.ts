/**
 * `preparePlayback`: what a device needs to play a track. Rate limited per user, then: the device
 * must be the caller's and alive (the call is its heartbeat), the catalogue must have a CONFIDENT
 * YouTube upload for the track (./track-mapping.ts), and the start is where the caller's playback
 * state has that track now. The answer carries a short-lived signed token (./playback-token.ts).
 */
import { notFound } from '../../../platform/errors.js';
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import type { Resolvers } from '../generated/resolvers.js';
import { preparePlaybackArgs } from '../inputs.js';
import { heartbeatDevice } from '../store/devices.js';
import { positionAt, readPlayback } from '../store/player.js';
import { signPlaybackToken } from './playback-token.js';
import { playableTrack } from './track-mapping.js';

/** YouTube's embed takes whole seconds; a start under one second is a start at 0. */
function embedAt(embedUrl: string, startMs: number): string {
  const seconds = Math.floor(startMs / 1000);
  if (seconds < 1) return embedUrl;
  const url = new URL(embedUrl);
  url.searchParams.set('start', String(seconds));
  return url.toString();
}

export const playbackSessionResolvers = {
  Mutation: {
    preparePlayback: async (_root, args, ctx) => {
      const { trackId, deviceId } = parseInput(preparePlaybackArgs, args);
      const userId = callerId(ctx);
      await ctx.preparePlaybackLimit.consume(userId);
      const device = await heartbeatDevice(ctx.redis, userId, deviceId);
      if (!device) throw notFound('Device');
      const [playable, playback] = await Promise.all([playableTrack(ctx.graph, trackId, userId), readPlayback(ctx.redis, userId)]);
      const startPositionMs = playback?.trackId === trackId ? Math.min(positionAt(playback), playable.durationMs) : 0;
      const { token, expiresAt } = await signPlaybackToken({ userId, deviceId, trackId, videoId: playable.videoId });
      ctx.log.info({ trackId, deviceId, videoId: playable.videoId }, 'playback prepared');
      return {
        token,
        expiresAt,
        track: { __typename: 'Track' as const, id: trackId },
        device,
        youtubeVideoId: playable.videoId,
        embedUrl: embedAt(playable.embedUrl, startPositionMs),
        startPositionMs,
        durationMs: playable.durationMs,
      };
    },
  },
} satisfies Resolvers;
