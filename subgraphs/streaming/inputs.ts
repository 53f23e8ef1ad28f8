/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { spotifyId } from '../../platform/graphql/inputs.js';
import { DEVICE_KINDS } from './store/records.js';


// Device ids are UUIDs we issued; anything longer cannot be one and is not worth a lookup.
const deviceId = z.string().min(1).max(64, 'must be at most 64 characters');

export const registerDeviceArgs = z.object({
  input: z.object({
    name: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
    kind: z.enum(DEVICE_KINDS),
  }),
});

export const updatePlaybackArgs = z.object({
  input: z.object({
    deviceId,
    trackId: spotifyId,
    isPlaying: z.boolean(),
    positionMs: z.number().int().min(0).max(86_400_000, 'must be at most 86400000 (24 hours)'),
  }),
});

export const removeDeviceArgs = z.object({ id: deviceId });
