/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { spotifyId, UUID } from '../../platform/graphql/inputs.js';



export const MAX_PLAYED_MS = 24 * 60 * 60 * 1000;
/** Client clocks run ahead; more than this in the future is a wrong clock or a forged report. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const recordListenArgs = z.object({
  input: z.object({
    // Stored in PostgreSQL's canonical lower case.
    eventId: z.string().regex(UUID, 'must be a UUID').transform((id) => id.toLowerCase()),
    trackId: spotifyId,
    playedMs: z.number().int().min(0).max(MAX_PLAYED_MS, `must be at most ${MAX_PLAYED_MS} (24 hours)`),
    playedAt: z
      .date()
      .refine((at) => at.getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, 'must not be more than 5 minutes in the future'),
    deviceId: z
      .string()
      .min(1)
      .max(64, 'must be at most 64 characters')
      .nullish()
      .transform((v) => v ?? null),
  }),
});

export const listeningHistoryArgs = z.object({
  limit: z.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100'),
});
