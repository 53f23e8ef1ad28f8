/**
 * The Spotify Web API contract: the official OpenAPI file (sonallux's fixed version) plus the
 * DESIGN.md facts in spotify-rules.ts. Requests need `Authorization: Bearer`; error answers are
 * `{error: {status, message}}` with `status` echoing the HTTP status, for the statuses an operation
 * lists and for the ones it omits (400, 404, 5xx) alike; 429 carries `Retry-After` seconds.
 */
import type { Contract } from './contract.js';
import { openApiContract } from './openapi-contract.js';
import { registerOpenApi, type OpenApiDocument } from './openapi.js';
import { loadSpec } from './specs.js';
import { adjustSpotifyRules, normaliseSpotifyQuery, patchSpotifySpec, searchPageErrors } from './spotify-rules.js';
import { checkRetryAfterSeconds, hasBearer } from './wire.js';

const ERROR_COMPONENTS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  429: 'TooManyRequests',
};

let api: OpenApiDocument | undefined;

export function spotifyApi(): OpenApiDocument {
  // Every Spotify error has the same `{error: ErrorObject}` body, so any status falls back to one of them.
  api ??= registerOpenApi('spotify', patchSpotifySpec(structuredClone(loadSpec('spotify'))), (status) => ERROR_COMPONENTS[status] ?? 'BadRequest');
  return api;
}

/** The HTTP status repeated in the body must be the real one. */
function errorStatusEcho(status: number, body: unknown): string[] {
  const echoed = (body as { error?: { status?: unknown } } | null)?.error?.status;
  return typeof echoed === 'number' && echoed !== status ? [`/error/status is ${echoed} but the HTTP status is ${status}`] : [];
}

export const spotifyContract: Contract = openApiContract({
  api: spotifyApi,
  auth: (req) => (hasBearer(req.headers) ? [] : ['missing Authorization: Bearer <access token>']),
  adjustRules: adjustSpotifyRules,
  normaliseQuery: normaliseSpotifyQuery,
  responseRules: (op, res) => {
    const errors: string[] = [];
    if (res.status >= 400) errors.push(...errorStatusEcho(res.status, res.body));
    if (res.status === 429) errors.push(...checkRetryAfterSeconds(res.headers));
    if (op.template === '/search' && res.status === 200) errors.push(...searchPageErrors(res.body));
    return errors;
  },
});
