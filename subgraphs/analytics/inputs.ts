/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { spotifyId, UUID } from '../../platform/graphql/inputs.js';



export const MAX_PLAYED_MS = 24 * 60 * 60 * 1000;
/** Client clocks run ahead; more than this in the future is a wrong clock or a forged report. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const recordListeningArgs = z.object({
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

const deviceId = z
  .string()
  .min(1)
  .max(64, 'must be at most 64 characters')
  .nullish()
  .transform((v) => v ?? null);

/** Which fields a kind needs is checked by the store (event-recording.ts checkEvent), shared with the other ways in. */
export const recordActivityArgs = z.object({
  input: z.object({
    eventId: z.string().regex(UUID, 'must be a UUID').transform((id) => id.toLowerCase()),
    kind: z.enum(['SEARCH', 'SKIP', 'LIKE']),
    at: z.date(),
    trackId: spotifyId.nullish().transform((v) => v ?? null),
    positionMs: z.number().int().min(0, 'must be 0 or more').nullish().transform((v) => v ?? null),
    query: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').nullish().transform((v) => v ?? null),
    deviceId,
  }),
});

export const statsArgs = z.object({ range: z.enum(['WEEK', 'MONTH', 'YEAR', 'ALL']) });

export const topArgs = z.object({
  first: z.number().int().min(1, 'must be between 1 and 50').max(50, 'must be between 1 and 50').nullish().transform((v) => v ?? 10),
});

export const listeningHistoryArgs = z.object({
  limit: z.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100'),
});
