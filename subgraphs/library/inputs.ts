/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { spotifyId } from '../../platform/graphql/inputs.js';



export const createPlaylistArgs = z.object({
  input: z.object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    // An empty description is the same as none.
    description: z
      .string()
      .trim()
      .max(300, 'must be at most 300 characters')
      .nullish()
      .transform((v) => v || null),
    isPublic: z.boolean().nullish().transform((v) => v ?? false),
  }),
});

export const trackArgs = z.object({ trackId: spotifyId });
