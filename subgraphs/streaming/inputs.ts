/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { spotifyId, UUID } from '../../platform/graphql/inputs.js';
import { DEVICE_KINDS } from './store/records.js';

// Device ids are UUIDs we issued; anything longer cannot be one and is not worth a lookup.
const deviceId = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const positionMs = z.number().int().min(0, 'must be 0 or more').max(86_400_000, 'must be at most 86400000 (24 hours)');
// 0 is "nothing played yet", so a first play can be made conditional too.
const expectedVersion = z.number().int().min(0, 'must be a version (0 or more)').nullish().transform((v) => v ?? null);

/** What `play` takes as a list of tracks: what one catalogue call checks. */
export const MAX_PLAY_TRACK_IDS = 100;

export const registerDeviceArgs = z.object({
  input: z.object({
    name: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
    kind: z.enum(DEVICE_KINDS),
  }),
});

export const removeDeviceArgs = z.object({ id: deviceId });
export const deviceHeartbeatArgs = z.object({ deviceId });

export const preparePlaybackArgs = z.object({ trackId: spotifyId, deviceId });

export const updatePlaybackArgs = z.object({
  input: z.object({
    deviceId,
    trackId: spotifyId,
    isPlaying: z.boolean(),
    positionMs,
    expectedVersion,
  }),
});

const SOURCES = ['trackId', 'trackIds', 'playlistId', 'albumId'] as const;

export const playArgs = z.object({
  input: z
    .object({
      trackId: spotifyId.nullish(),
      trackIds: z
        .array(spotifyId)
        .min(1, 'give at least one track')
        .max(MAX_PLAY_TRACK_IDS, `at most ${MAX_PLAY_TRACK_IDS} tracks`)
        .nullish(),
      playlistId: z.string().regex(UUID, 'must be a playlist id (a UUID)').nullish(),
      albumId: spotifyId.nullish(),
      offset: z.number().int().min(0, 'must be 0 or more').nullish().transform((v) => v ?? 0),
      positionMs: positionMs.nullish().transform((v) => v ?? 0),
      deviceId: deviceId.nullish().transform((v) => v ?? null),
      expectedVersion,
    })
    .superRefine((input, ctx) => {
      const given = SOURCES.filter((key) => input[key] != null);
      if (given.length === 0) ctx.addIssue({ code: 'custom', message: 'give one of trackId, trackIds, playlistId or albumId', path: [] });
      for (const extra of given.slice(1)) {
        ctx.addIssue({ code: 'custom', message: `give only one of trackId, trackIds, playlistId or albumId (${given[0]} is given)`, path: [extra] });
      }
    }),
});

export const expectedVersionArgs = z.object({ expectedVersion });
export const seekArgs = z.object({ positionMs, expectedVersion });
export const setVolumeArgs = z.object({
  volumePercent: z.number().int().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100'),
  expectedVersion,
});
export const setShuffleArgs = z.object({ shuffle: z.boolean(), expectedVersion });
export const setRepeatArgs = z.object({ mode: z.enum(['OFF', 'TRACK', 'CONTEXT']), expectedVersion });
export const addToQueueArgs = z.object({ trackId: spotifyId, expectedVersion });
export const transferPlaybackArgs = z.object({
  deviceId,
  play: z.boolean().nullish().transform((v) => v ?? null),
  expectedVersion,
});
