/**
 * The Genius API contract, from the unofficial OpenAPI 3.0.3 file (info.version 1.0.0, generated
 * from Genius's documentation). Its response schemas type most fields but require almost none (only
 * `meta` on errors and `meta.status`), so a response check here catches wrong types, formats and
 * enums rather than missing fields. Auth: a bearer token or the `access_token` query parameter
 * (Genius accepts both; the spec declares neither as a parameter). Every body echoes the HTTP status
 * in `meta.status`.
 */
import type { Contract } from './contract.js';
import { openApiContract } from './openapi-contract.js';
import { registerOpenApi, type OpenApiDocument } from './openapi.js';
import { loadSpec } from './specs.js';
import { hasBearer } from './wire.js';

const ERROR_COMPONENTS: Record<number, string> = { 400: 'BadRequest', 401: 'Unauthorized', 404: 'NotFound' };

let api: OpenApiDocument | undefined;

export function geniusApi(): OpenApiDocument {
  // Statuses an operation does not list answer in the one ErrorResponse shape of the spec.
  api ??= registerOpenApi('genius', structuredClone(loadSpec('genius')), (status) => ERROR_COMPONENTS[status] ?? 'BadRequest');
  return api;
}

export const geniusContract: Contract = openApiContract({
  api: geniusApi,
  extraQueryParams: ['access_token'],
  auth: (req) => {
    const token = req.query.get('access_token')?.[0];
    return hasBearer(req.headers) || (token !== undefined && token !== '') ? [] : ['missing Authorization: Bearer <token> (or access_token parameter)'];
  },
  responseRules: (_op, res) => {
    const echoed = (res.body as { meta?: { status?: unknown } } | null)?.meta?.status;
    return typeof echoed === 'number' && echoed !== res.status ? [`/meta/status is ${echoed} but the HTTP status is ${res.status}`] : [];
  },
});
