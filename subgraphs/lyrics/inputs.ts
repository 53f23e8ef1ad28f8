/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { optionalLanguageCode, spotifyId } from '../../platform/graphql/inputs.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const lyricsMatchArgs = z.object({ trackId: spotifyId });

export const setLyricsMatchArgs = z.object({
  input: z.object({
    trackId: spotifyId,
    geniusSongId: z
      .string()
      .regex(/^[1-9][0-9]{0,14}$/, 'must be a Genius song id (a positive integer)')
      .transform(Number),
    title: text(300),
    primaryArtist: text(200),
    url: z
      .string()
      .max(500, 'must be at most 500 characters')
      .refine((url) => {
        if (!URL.canParse(url)) return false;
        const { protocol, hostname } = new URL(url);
        return protocol === 'https:' && hostname === 'genius.com';
      }, 'must be an https://genius.com/ address'),
    confidence: z.number().min(0).max(1).nullish().transform((v) => v ?? 1),
  }),
});

export const setTrackLanguageArgs = z.object({
  trackId: spotifyId,
  language: optionalLanguageCode(),
});
