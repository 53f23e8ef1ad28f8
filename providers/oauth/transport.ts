/**
 * The one place where the OAuth module talks HTTP: through the shared resilient layer
 * (providers/http: timeout, retries of 429/5xx honouring Retry-After, a breaker per target, exchange
 * recording for the contract tests). Every definite answer comes back to the caller, which knows what
 * a 400 from a token endpoint means; provider trouble arrives as PROVIDER_UNAVAILABLE.
 */
import { z } from 'zod';
import { ProviderRejection } from '../http/errors.js';
import { ProviderHttp } from '../http/provider-http.js';
import type { OAuthProvider, OAuthTarget } from './providers.js';

export interface OAuthRequest {
  /** For logs and metrics: the endpoint template, e.g. `POST /api/token`. */
  endpoint: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

export interface OAuthResponse {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

// One pipeline (and so one breaker) per target in this process.
const pipelines = new Map<OAuthTarget, ProviderHttp>();
const pipeline = (target: OAuthTarget) => pipelines.get(target) ?? pipelines.set(target, new ProviderHttp(target)).get(target)!;

export async function sendOAuthRequest(_provider: OAuthProvider, target: OAuthTarget, request: OAuthRequest): Promise<OAuthResponse> {
  try {
    const body = await pipeline(target).request({
      endpoint: request.endpoint,
      url: new URL(request.url),
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...request.headers,
      },
      body: request.form ? new URLSearchParams(request.form).toString() : undefined,
      schema: z.unknown(), // the caller checks the shape it expects (responses.ts)
    });
    return { status: 200, body };
  } catch (error) {
    if (error instanceof ProviderRejection) return { status: error.status, body: error.body };
    throw error;
  }
}
