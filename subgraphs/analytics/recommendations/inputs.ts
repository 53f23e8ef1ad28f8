/** Arguments of `User.recommendations`: out of bounds is a BAD_USER_INPUT naming the argument. */
import { z } from 'zod';
import { optionalLanguageCode } from '../../../platform/graphql/inputs.js';
import type { LanguageFilter } from './read.js';

export const MAX_RECOMMENDATIONS = 100;

export const recommendationsArgs = z
  .object({
    first: z.number().int().min(1, `must be between 1 and ${MAX_RECOMMENDATIONS}`).max(MAX_RECOMMENDATIONS, `must be between 1 and ${MAX_RECOMMENDATIONS}`),
    language: optionalLanguageCode('must be an ISO 639-1 or ISO 639-3 language code (or zxx for instrumental)'),
    preferredLanguages: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
  })
  .superRefine((args, ctx) => {
    if (args.language && args.preferredLanguages) {
      ctx.addIssue({ code: 'custom', path: ['preferredLanguages'], message: 'cannot be combined with language' });
    }
  })
  .transform(({ first, language, preferredLanguages }): { first: number; filter: LanguageFilter } => ({
    first,
    filter: language ? { kind: 'language', language } : preferredLanguages ? { kind: 'preferred' } : { kind: 'any' },
  }));
