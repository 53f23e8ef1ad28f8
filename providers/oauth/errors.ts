/**
 * How OAuth failures reach callers. Provider trouble is PROVIDER_UNAVAILABLE with `{provider, reason}`
 * in extensions (the same reasons as the shared HTTP layer, providers/http). A refused grant is not
 * trouble but an answer, so it is its own error type: finishing a link turns it into BAD_USER_INPUT,
 * refreshing a token into "the user must consent again".
 */
import { AppError, ErrorCode } from '../../platform/errors.js';
import type { OAuthProvider } from './providers.js';

export type OAuthFailureReason =
  | 'NOT_CONFIGURED' // no client id for this provider
  | 'MALFORMED_RESPONSE' // an answer without the documented shape
  | 'REJECTED' // a 4xx other than invalid_grant: our client or request is wrong, logged
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT';

/** How people know the provider, for messages. */
export const PROVIDER_DISPLAY_NAMES: Record<OAuthProvider, string> = { spotify: 'Spotify', google: 'Google' };

export function providerUnavailable(
  provider: OAuthProvider,
  reason: OAuthFailureReason,
  detail?: string,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(ErrorCode.PROVIDER_UNAVAILABLE, `${PROVIDER_DISPLAY_NAMES[provider]} is unavailable right now${detail ? ` (${detail})` : ''}`, {
    provider,
    reason,
    ...extra,
  });
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
