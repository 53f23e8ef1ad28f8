/**
 * Devices: registering, heartbeats, listing and removing the caller's devices, and `User.devices`
 * for the gateway's `me { devices }`. A device that stops sending heartbeats expires (../store/devices.ts).
 */
import { conflict, notFound } from '../../../platform/errors.js';
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { playbackTopic, publishLiveEvent } from '../../../platform/live/live-events.js';
import type { Resolvers } from '../generated/resolvers.js';
import { deviceHeartbeatArgs, registerDeviceArgs, removeDeviceArgs } from '../inputs.js';
import { DeviceLimitError, heartbeatDevice, listDevices, MAX_DEVICES_PER_USER, registerDevice, removeDevice } from '../store/devices.js';

export const deviceResolvers = {
  Query: {
    devices: (_root, _args, ctx) => listDevices(ctx.redis, callerId(ctx)),
  },
  Mutation: {
    registerDevice: async (_root, args, ctx) => {
      const { input } = parseInput(registerDeviceArgs, args);
      try {
        return await registerDevice(ctx.redis, callerId(ctx), input);
      } catch (error) {
        if (error instanceof DeviceLimitError) throw conflict(`You already have ${MAX_DEVICES_PER_USER} devices; remove one first`);
        throw error;
      }
    },
    deviceHeartbeat: async (_root, args, ctx) => {
      const { deviceId } = parseInput(deviceHeartbeatArgs, args);
      const device = await heartbeatDevice(ctx.redis, callerId(ctx), deviceId);
      // Someone else's device, an expired one and no device at all look the same to the caller.
      if (!device) throw notFound('Device');
      return device;
    },
    removeDevice: async (_root, args, ctx) => {
      const { id } = parseInput(removeDeviceArgs, args);
      const userId = callerId(ctx);
      const { removed, version } = await removeDevice(ctx.redis, userId, id);
      if (!removed) throw notFound('Device');
      // Removing the playing device paused playback: its watchers hear of it.
      if (version !== null) await publishLiveEvent(ctx.redis, playbackTopic(userId), { version });
      return true;
    },
  },
  User: {
    devices: (user, _args, ctx) => listDevices(ctx.redis, user.id),
  },
} satisfies Resolvers;
