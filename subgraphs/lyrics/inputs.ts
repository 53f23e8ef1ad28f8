/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { spotifyId } from '../../platform/graphql/inputs.js';


const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A language code as we store it: ICU canonicalises `eng` to `en` and `iw` to `he`, so each language
 * has one spelling; codes ICU has no name for (`xx`, `und`) are refused.
 */
export function canonicalLanguage(code: string): string | null {
  if (!/^[a-z]{2,3}$/.test(code)) return null;
  const canonical = Intl.getCanonicalLocales(code)[0];
  return canonical && languageNames.of(canonical) ? canonical : null;
}

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
  language: z
    .string()
    .trim()
    .toLowerCase()
    .transform((code, ctx) => {
      const canonical = canonicalLanguage(code);
      if (!canonical) ctx.addIssue({ code: 'custom', message: 'must be an ISO 639-1 or ISO 639-3 language code' });
      return canonical ?? code;
    })
    .nullish()
    .transform((v) => v ?? null),
});
