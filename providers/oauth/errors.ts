/**
 * How OAuth failures reach callers. Provider trouble is PROVIDER_UNAVAILABLE with `{provider, reason}`
 * in extensions (the same reasons as the shared HTTP layer, providers/http). A refused grant is not
 * trouble but an answer, so it is its own error type: finishing a link turns it into BAD_USER_INPUT,
 * refreshing a token into "the user must consent again".
 */
import { ProviderUnavailableError, type UnavailableReason } from '../http/errors.js';
import type { OAuthProvider } from './providers.js';

/** How people know the provider, for messages. */
export const PROVIDER_DISPLAY_NAMES: Record<OAuthProvider, string> = { spotify: 'Spotify', google: 'Google' };

/** The shared PROVIDER_UNAVAILABLE, named after the provider's accounts service (`extensions.provider` is `spotify` / `google`). */
export function providerUnavailable(provider: OAuthProvider, reason: UnavailableReason, detail?: string): ProviderUnavailableError {
  return new ProviderUnavailableError(provider === 'spotify' ? 'spotify-accounts' : 'google-oauth', reason, detail);
}

/** The token endpoint answered `invalid_grant`: the code or refresh token is invalid, expired or revoked. */
export class InvalidGrantError extends Error {
  override name = 'InvalidGrantError';
  constructor(
    readonly provider: OAuthProvider,
    readonly description: string | undefined,
  ) {
    super(`${provider} refused the grant${description ? `: ${description}` : ''}`);
  }
}
