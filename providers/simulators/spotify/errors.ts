/**
 * Spotify's error answers: the Web API's `{"error": {"status", "message"[, "reason"]}}` and the
 * accounts service's OAuth `{"error", "error_description"}`. Route code throws; the error
 * middleware of each router answers in the right shape.
 */
import type { NextFunction, Request, Response } from 'express';
import type { SimulatedError } from '../kit.js';

/** A Web API error: thrown in /v1 handlers, answered as `{"error": {...}}`. */
export class WebApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** An accounts-service error: answered as `{"error": code, "error_description": ...}`. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export const notFound = (): WebApiError => new WebApiError(404, 'Resource not found');
export const invalidId = (): WebApiError => new WebApiError(400, 'invalid id');

/** The Web API's usual message for a status, when a fault or the rate limiter gives none. */
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request', 401: 'Invalid access token', 403: 'Forbidden', 404: 'Resource not found', 429: 'API rate limit exceeded',
  500: 'Server error', 502: 'Bad gateway', 503: 'Service unavailable',
};

export function webApiErrorBody(error: Pick<SimulatedError, 'status' | 'message' | 'reason'>): unknown {
  return { error: { status: error.status, message: error.message ?? DEFAULT_MESSAGES[error.status] ?? 'Error', ...(error.reason ? { reason: error.reason } : {}) } };
}

export function webApiErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (error instanceof WebApiError) {
    if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json(webApiErrorBody(error));
    return;
  }
  next(error);
}

export function oauthErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (error instanceof OAuthError) {
    res.status(error.status).json({ error: error.code, error_description: error.description });
    return;
  }
  next(error);
}
