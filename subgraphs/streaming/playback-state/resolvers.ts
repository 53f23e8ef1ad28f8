/**
 * The playback state: reading it (`playbackState`, `User.playbackState`) and every command that
 * changes it. A command validates its input, resolves what it needs through the graph (a play's
 * tracks), then makes exactly one atomic change (../store/player.ts) and publishes the new version
 * on the user's playback topic, so every device and subscriber follows. A refused change writes
 * nothing and publishes nothing.
 */
import type { z } from 'zod';
import { AppError, ErrorCode, notFound } from '../../../platform/errors.js';
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { playbackTopic, publishLiveEvent } from '../../../platform/live/live-events.js';
import type { StreamingContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import {
  addToQueueArgs,
  expectedVersionArgs,
  playArgs,
  seekArgs,
  setRepeatArgs,
  setShuffleArgs,
  setVolumeArgs,
  transferPlaybackArgs,
  updatePlaybackArgs,
} from '../inputs.js';
import { findDevice } from '../store/devices.js';
import { applyPlayerCommand, PlayerCommandError, readPlayback, type PlayerCommand } from '../store/player.js';
import type { ContextKind, PlaybackRecord } from '../store/records.js';

function refusal(error: PlayerCommandError): AppError {
  switch (error.reason) {
    case 'CONFLICT':
      return new AppError(ErrorCode.CONFLICT, `The playback state changed since (now version ${error.currentVersion})`, { currentVersion: error.currentVersion });
    case 'QUEUE_FULL':
      return new AppError(ErrorCode.CONFLICT, 'The queue is full', { reason: 'QUEUE_FULL' });
    case 'DEVICE_NOT_FOUND':
      // Someone else's device, an expired one and no device at all look the same to the caller.
      return notFound('Device');
    case 'NO_ACTIVE_DEVICE':
      return new AppError(ErrorCode.NOT_FOUND, 'No device is playing: play on a device, or transfer playback to one', { reason: 'NO_ACTIVE_DEVICE' });
    case 'NO_PLAYBACK':
      return new AppError(ErrorCode.NOT_FOUND, 'Nothing has been played yet', { reason: 'NO_PLAYBACK' });
  }
}

/** Applies one command for the caller and tells the user's watchers about the new version. */
async function change(ctx: StreamingContext, command: PlayerCommand, expectedVersion: number | null): Promise<PlaybackRecord> {
  const userId = callerId(ctx);
  let state: PlaybackRecord;
  try {
    state = await applyPlayerCommand(ctx.redis, userId, command, { expectedVersion });
  } catch (error) {
    if (error instanceof PlayerCommandError) throw refusal(error);
    throw error;
  }
  await publishLiveEvent(ctx.redis, playbackTopic(userId), { version: state.version });
  return state;
}

/** The tracks and context of a `play` input, resolved and checked before anything is written. */
async function playContext(ctx: StreamingContext, input: z.output<typeof playArgs>['input']) {
  const userId = callerId(ctx);
  let context: { kind: ContextKind; id: string | null };
  let trackIds: string[];
  let field: string;
  if (input.playlistId) {
    [context, field] = [{ kind: 'PLAYLIST', id: input.playlistId }, 'input.playlistId'];
    trackIds = await ctx.contextTracks.playlist(input.playlistId, userId);
  } else if (input.albumId) {
    [context, field] = [{ kind: 'ALBUM', id: input.albumId }, 'input.albumId'];
    trackIds = await ctx.contextTracks.album(input.albumId, userId);
  } else {
    field = input.trackIds ? 'input.trackIds' : 'input.trackId';
    [context, trackIds] = [{ kind: 'TRACKS', id: null }, input.trackIds ?? [input.trackId!]];
    await ctx.contextTracks.check(trackIds, field, userId);
  }
  if (trackIds.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, `${field}: has no tracks to play`, { field });
  if (input.offset >= trackIds.length) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `input.offset: must be less than the number of tracks (${trackIds.length})`, { field: 'input.offset' });
  }
  return { context, trackIds };
}

const trackRef = (id: string) => ({ __typename: 'Track' as const, id });

export const playbackStateResolvers = {
  Query: {
    playbackState: (_root, _args, ctx) => readPlayback(ctx.redis, callerId(ctx)),
  },
  Mutation: {
    play: async (_root, args, ctx) => {
      const { input } = parseInput(playArgs, args);
      const { context, trackIds } = await playContext(ctx, input);
      const command: PlayerCommand = { kind: 'play', deviceId: input.deviceId, context, trackIds, offset: input.offset, positionMs: input.positionMs };
      return change(ctx, command, input.expectedVersion);
    },
    pause: (_root, args, ctx) => change(ctx, { kind: 'pause' }, parseInput(expectedVersionArgs, args).expectedVersion),
    resume: (_root, args, ctx) => change(ctx, { kind: 'resume' }, parseInput(expectedVersionArgs, args).expectedVersion),
    seek: async (_root, args, ctx) => {
      const { positionMs, expectedVersion } = parseInput(seekArgs, args);
      return change(ctx, { kind: 'seek', positionMs }, expectedVersion);
    },
    next: (_root, args, ctx) => change(ctx, { kind: 'next' }, parseInput(expectedVersionArgs, args).expectedVersion),
    previous: (_root, args, ctx) => change(ctx, { kind: 'previous' }, parseInput(expectedVersionArgs, args).expectedVersion),
    setVolume: async (_root, args, ctx) => {
      const { volumePercent, expectedVersion } = parseInput(setVolumeArgs, args);
      return change(ctx, { kind: 'volume', volumePercent }, expectedVersion);
    },
    setShuffle: async (_root, args, ctx) => {
      const { shuffle, expectedVersion } = parseInput(setShuffleArgs, args);
      return change(ctx, { kind: 'shuffle', on: shuffle }, expectedVersion);
    },
    setRepeat: async (_root, args, ctx) => {
      const { mode, expectedVersion } = parseInput(setRepeatArgs, args);
      return change(ctx, { kind: 'repeat', mode }, expectedVersion);
    },
    addToQueue: async (_root, args, ctx) => {
      const { trackId, expectedVersion } = parseInput(addToQueueArgs, args);
      await ctx.contextTracks.check([trackId], 'trackId', callerId(ctx));
      return change(ctx, { kind: 'queue', trackId }, expectedVersion);
    },
    transferPlayback: async (_root, args, ctx) => {
      const { deviceId, play, expectedVersion } = parseInput(transferPlaybackArgs, args);
      return change(ctx, { kind: 'transfer', deviceId, play }, expectedVersion);
    },
    updatePlayback: async (_root, args, ctx) => {
      const { input } = parseInput(updatePlaybackArgs, args);
      const { expectedVersion, ...report } = input;
      return change(ctx, { kind: 'report', ...report }, expectedVersion);
    },
  },
  PlaybackState: {
    device: (playback, _args, ctx) => (playback.deviceAlive && playback.deviceId ? findDevice(ctx.redis, playback.userId, playback.deviceId) : null),
    track: (playback) => trackRef(playback.trackId),
    queue: (playback) => playback.queue.map(trackRef),
    context: ({ context }) => ({
      ...context,
      playlist: context.kind === 'PLAYLIST' && context.id ? { __typename: 'Playlist' as const, id: context.id } : null,
      album: context.kind === 'ALBUM' && context.id ? { __typename: 'Album' as const, id: context.id } : null,
    }),
  },
  User: {
    playbackState: (user, _args, ctx) => readPlayback(ctx.redis, user.id),
  },
} satisfies Resolvers;
