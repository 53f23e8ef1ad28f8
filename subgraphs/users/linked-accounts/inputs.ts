/** What the account-link mutations accept, checked before anything is stored or sent to a provider. */
import { z } from 'zod';
import type { OAuthProvider } from '../../../providers/oauth/index.js';

const provider = z.enum(['SPOTIFY', 'GOOGLE']).transform((value) => value.toLowerCase() as OAuthProvider);

export const providerArgs = z.object({ provider });

export const finishAccountLinkArgs = z.object({
  provider,
  // Spotify's codes are a few hundred characters; the bound keeps junk from reaching the provider.
  code: z.string().min(1, 'must not be empty').max(2048, 'must be at most 2048 characters'),
  // Exactly what startAccountLink hands out: 32 random bytes, base64url.
  state: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the state startAccountLink returned'),
});
