/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { badInput } from '../errors.js';
import { canonicalLanguage } from '../languages.js';

/** Parses `value` or throws BAD_USER_INPUT for the first problem, e.g. `input.name: ...`. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw badInput(field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input'), field || undefined);
}

/** Spotify ids are 22 base-62 characters; anything else cannot name a catalogue object. */
export const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
export const spotifyId = z.string().regex(SPOTIFY_ID, 'must be a Spotify id (22 base-62 characters)');
export const isSpotifyId = (id: string): boolean => SPOTIFY_ID.test(id);

/** Any UUID version (clients may send v4 or v7 ids; ours come from PostgreSQL and randomUUID), either case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Checking first keeps a malformed id from reaching PostgreSQL as a cast error. */
export const isUuid = (id: string): boolean => UUID.test(id);

/**
 * An optional language code from a client, canonicalised (`ENG`, `eng` → `en`); null when absent.
 * Anything that is not an ISO 639-1/-3 code is refused with `message`.
 */
export const optionalLanguageCode = (message = 'must be an ISO 639-1 or ISO 639-3 language code') =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((code, ctx) => {
      const canonical = canonicalLanguage(code);
      if (!canonical) ctx.addIssue({ code: 'custom', message });
      return canonical ?? code;
    })
    .nullish()
    .transform((v) => v ?? null);
