/**
 * What a provider's answer means, the same for token and profile endpoints: a 2xx must have the
 * documented shape (zod), a 4xx is PROVIDER_UNAVAILABLE `REJECTED` (429 and 5xx never get here:
 * the HTTP layer retries them and reports what is left). Only shapes and
 * statuses are logged, never a body: a token endpoint's bodies carry tokens.
 */
import type { z } from 'zod';
import { logger } from '../../platform/logger.js';
import { providerUnavailable } from './errors.js';
import type { OAuthProvider } from './providers.js';
import type { OAuthRequest, OAuthResponse } from './transport.js';

export function parseOk<T>(provider: OAuthProvider, request: OAuthRequest, response: OAuthResponse, schema: z.ZodType<T>): T {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(response.body);
    if (parsed.success) return parsed.data;
    logger().warn({ provider, endpoint: request.endpoint, issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`) }, 'malformed provider response');
    throw providerUnavailable(provider, 'MALFORMED_RESPONSE', `unexpected answer from ${request.endpoint}`);
  }
  const oauthError = (response.body as { error?: unknown } | undefined)?.error;
  logger().error({ provider, endpoint: request.endpoint, status, oauthError: typeof oauthError === 'string' ? oauthError : undefined }, 'provider rejected our request');
  throw providerUnavailable(provider, 'REJECTED', `${request.endpoint} answered ${status}`);
}
