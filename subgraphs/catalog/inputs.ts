/**
 * Validation of what clients send. Anything out of bounds is a BAD_USER_INPUT naming the field,
 * checked before anything is written.
 */
import { z } from 'zod';
import { spotifyId } from '../../platform/graphql/inputs.js';
import type { CuratedTrack } from './store/curation.js';



const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const pixels = z.number().int().min(1).max(10_000).nullish().transform((v) => v ?? null);

const artist = z.object({
  id: spotifyId,
  name: text(200),
  genres: z.array(text(100)).max(20).nullish().transform((genres) => [...new Set(genres ?? [])]),
});

const image = z.object({
  url: z
    .string()
    .max(2000, 'must be at most 2000 characters')
    .refine((url) => URL.canParse(url) && new URL(url).protocol === 'https:', 'must be an https URL'),
  width: pixels,
  height: pixels,
});

export const curateTrackArgs = z.object({
  input: z.object({
    id: spotifyId,
    name: text(200),
    durationMs: z.number().int().min(1).max(86_400_000),
    explicit: z.boolean(),
    isrc: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/, 'must be an ISRC such as USUM71703861')
      .nullish()
      .transform((v) => v ?? null),
    popularity: z.number().int().min(0).max(100).nullish().transform((v) => v ?? null),
    artists: z.array(artist).min(1).max(50),
    album: z.object({
      id: spotifyId,
      name: text(200),
      releaseDate: z
        .string()
        .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
      images: z.array(image).max(10).nullish().transform((v) => v ?? []),
      artists: z.array(artist).min(1).max(50).nullish().transform((v) => v ?? null),
    }),
  }),
}) satisfies z.ZodType<{ input: CuratedTrack }, unknown>;

/** At most 100 ids per `tracks` call, like two Spotify batches; repeated ids are allowed and answered in place. */
export const TRACKS_PER_CALL = 100;
export const tracksArgs = z.object({
  ids: z.array(spotifyId).min(1, 'must hold at least one id').max(TRACKS_PER_CALL, `must hold at most ${TRACKS_PER_CALL} ids`),
});
