/**
 * Normalises a request or response sample once (URL parsed, header names lower-cased, JSON text
 * parsed) so that every contract reads the same shape, plus the small header checks they share.
 */
import type { RequestSample, ResponseSample } from './exchange.js';
import { collectParams, type ParamValues } from './params.js';

export interface WireRequest {
  method: string;
  url: URL;
  query: ParamValues;
  headers: Record<string, string>;
  body?: string;
}

export interface WireResponse {
  method: string;
  url: URL;
  query: ParamValues;
  status: number;
  body: unknown;
  /** Undefined when the sample carried no headers: header checks are then skipped. */
  headers?: Record<string, string>;
}

export function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

export function parseUrl(url: string): URL | string {
  try {
    return new URL(url);
  } catch {
    return `not an absolute URL: ${url}`;
  }
}

export function toWireRequest(sample: RequestSample): WireRequest | string {
  const url = parseUrl(sample.url);
  if (typeof url === 'string') return url;
  return {
    method: sample.method.toUpperCase(),
    url,
    query: collectParams(url.searchParams),
    headers: lowerCaseHeaders(sample.headers),
    ...(sample.body !== undefined ? { body: sample.body } : {}),
  };
}

/** JSON text is parsed so callers may pass either the raw body or the parsed one. */
export function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export function toWireResponse(sample: ResponseSample): WireResponse | string {
  const url = parseUrl(sample.url);
  if (typeof url === 'string') return url;
  return {
    method: sample.method.toUpperCase(),
    url,
    query: collectParams(url.searchParams),
    status: sample.status,
    body: parseBody(sample.body),
    ...(sample.headers ? { headers: lowerCaseHeaders(sample.headers) } : {}),
  };
}

export function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

/** `Authorization: Bearer <token>` with a non-empty token (RFC 6750 §2.1). */
export function hasBearer(headers: Record<string, string>): boolean {
  return /^Bearer [A-Za-z0-9\-._~+/]+=*$/.test(headers.authorization ?? '');
}

/** `Authorization: Basic base64(id:secret)` (RFC 7617), decoded, or undefined. */
export function basicCredentials(headers: Record<string, string>): { id: string; secret: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The media type of a Content-Type header, without parameters, lower-cased. */
export function mediaType(value: string | undefined): string | undefined {
  return value?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** `Retry-After` in delay-seconds form (RFC 9110 §10.2.3), which is what Spotify sends. */
export function checkRetryAfterSeconds(headers: Record<string, string> | undefined): string[] {
  if (!headers) return [];
  const value = headers['retry-after'];
  if (value === undefined) return ['429 without a Retry-After header'];
  return /^[0-9]+$/.test(value.trim()) ? [] : [`Retry-After must be whole seconds, got ${JSON.stringify(value)}`];
}
