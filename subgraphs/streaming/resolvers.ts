/**
 * Streaming resolvers: the caller's devices and playback state, and the same on `User` for the
 * gateway's `me { devices playbackState }`. Access rules live in permissions.ts.
 */
import { conflict, notFound } from '../../platform/errors.js';
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { Resolvers } from './generated/resolvers.js';
import { parseInput } from '../../platform/graphql/inputs.js';
import { registerDeviceArgs, removeDeviceArgs, updatePlaybackArgs } from './inputs.js';
import { DeviceLimitError, findDevice, listDevices, MAX_DEVICES_PER_USER, registerDevice, removeDevice } from './store/devices.js';
import { readPlayback, UnknownDeviceError, updatePlayback } from './store/playback.js';
import { callerId } from '../../platform/graphql/context.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    devices: (_root, _args, ctx) => listDevices(ctx.redis, callerId(ctx)),
    playbackState: (_root, _args, ctx) => readPlayback(ctx.redis, callerId(ctx)),
  },
  Mutation: {
    registerDevice: async (_root, args, ctx) => {
      const { input } = parseInput(registerDeviceArgs, args);
      try {
        return await registerDevice(ctx.redis, callerId(ctx), input);
      } catch (error) {
        if (error instanceof DeviceLimitError) {
          throw conflict(`You already have ${MAX_DEVICES_PER_USER} devices; remove one first`);
        }
        throw error;
      }
    },
    updatePlayback: async (_root, args, ctx) => {
      const { input } = parseInput(updatePlaybackArgs, args);
      try {
        return await updatePlayback(ctx.redis, { ...input, userId: callerId(ctx) });
      } catch (error) {
        // Someone else's device and no device at all look the same to the caller.
        if (error instanceof UnknownDeviceError) throw notFound('Device');
        throw error;
      }
    },
    removeDevice: async (_root, args, ctx) => {
      const { id } = parseInput(removeDeviceArgs, args);
      if (!(await removeDevice(ctx.redis, callerId(ctx), id))) throw notFound('Device');
      return true;
    },
  },
  PlaybackState: {
    device: (playback, _args, ctx) => findDevice(ctx.redis, playback.userId, playback.deviceId),
    track: (playback) => ({ __typename: 'Track', id: playback.trackId }),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    devices: (user, _args, ctx) => listDevices(ctx.redis, user.id),
    playbackState: (user, _args, ctx) => readPlayback(ctx.redis, user.id),
  },
};
