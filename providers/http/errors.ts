/**
 * What can go wrong at a provider, as errors the GraphQL layer already understands: each one is an
 * AppError with a stable code (PROVIDER_UNAVAILABLE, QUOTA_EXHAUSTED, RATE_LIMITED), naming the
 * provider and the reason in `extensions`, so a client can tell "Spotify is down" from "YouTube
 * quota is spent until midnight Pacific" without ever seeing an internal message.
 */
import { AppError, ErrorCode } from '../../platform/errors.js';

export type ProviderName = 'spotify' | 'spotify-accounts' | 'youtube' | 'google-oauth' | 'genius' | 'odesli';

export type UnavailableReason =
  | 'SERVER_ERROR' // 5xx after the retries
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'CIRCUIT_OPEN' // the breaker refuses calls for a while after repeated failures
  | 'OVERLOADED' // the bulkhead's queue is full
  | 'RATE_LIMITED' // 429 whose Retry-After is longer than we are willing to wait
  | 'MALFORMED_RESPONSE' // the body does not have the shape the API documents
  | 'REJECTED' // a 4xx the provider will never accept: a bug on our side, logged
  | 'UNAUTHORIZED' // credentials refused even after a fresh token
  | 'NOT_CONFIGURED'; // no credentials for this provider in this deployment

export class ProviderUnavailableError extends AppError {
  constructor(
    readonly provider: ProviderName,
    readonly reason: UnavailableReason,
    detail?: string,
    extra: Record<string, unknown> = {},
  ) {
    super(ErrorCode.PROVIDER_UNAVAILABLE, `${displayName(provider)} is unavailable right now${detail ? ` (${detail})` : ''}`, {
      provider: publicName(provider),
      reason,
      ...extra,
    });
  }
}

/** A budget (YouTube units or searches, Spotify's quota) is spent until `resetsAt`. */
export class QuotaExhaustedError extends AppError {
  constructor(
    readonly provider: ProviderName,
    readonly bucket: string,
    readonly resetsAt: Date,
  ) {
    super(ErrorCode.QUOTA_EXHAUSTED, `${displayName(provider)} quota is spent until ${resetsAt.toISOString()}`, {
      provider: publicName(provider),
      bucket,
      resetsAt: resetsAt.toISOString(),
    });
  }
}

/**
 * Thrown inside the resilience pipeline only: statuses worth another attempt. The pipeline turns
 * what is left of them after the retries into a ProviderUnavailableError.
 */
export class RetryableProviderResponse extends Error {
  override name = 'RetryableProviderResponse';
  constructor(
    readonly status: number,
    /** Milliseconds the provider asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`provider answered ${status}`);
  }
}

/** A definite 4xx answer the caller may want to interpret (404 → "no such track"). */
export class ProviderRejection extends Error {
  override name = 'ProviderRejection';
  constructor(
    readonly provider: ProviderName,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${provider} answered ${status}`);
  }
}

/** What clients see in `extensions.provider`: the service, not which of its hosts we called. */
function publicName(provider: ProviderName): string {
  return provider === 'spotify-accounts' ? 'spotify' : provider === 'google-oauth' ? 'google' : provider;
}

function displayName(provider: ProviderName): string {
  switch (provider) {
    case 'spotify':
    case 'spotify-accounts':
      return 'Spotify';
    case 'youtube':
      return 'YouTube';
    case 'google-oauth':
      return 'Google';
    case 'genius':
      return 'Genius';
    case 'odesli':
      return 'Odesli';
  }
}
