/**
 * Odesli (song.link) `GET /v1-alpha.1/links`, which has no spec file: a hand-written rule set from
 * Odesli's public API documentation (linktree.notion.site, "API"):
 *
 * - request: `url` (an entity URL on any platform), or instead all of `platform`, `type` and `id`;
 *   optional `userCountry` (ISO 3166-1 alpha-2), `songIfSingle` (boolean), `key` (raises the rate
 *   limit; no key is needed). No auth header.
 * - 200: `entityUniqueId`, `userCountry`, `pageUrl`, `entitiesByUniqueId`, `linksByPlatform`, where
 *   every unique id a link (or the answer) names is a key of `entitiesByUniqueId`.
 * - errors: `{statusCode, code}` with `statusCode` repeating the HTTP status (404 for an entity it
 *   cannot resolve, 429 for the rate limit).
 */
import type { ValidateFunction } from 'ajv';
import { runValidator, sharedAjv } from './ajv.js';
import { requireJsonBody, type Contract } from './contract.js';
import { handContract, rule } from './hand-contract.js';
import { checkParams, type ParamRule } from './params.js';
import { mediaType, type WireRequest, type WireResponse } from './wire.js';

export const ODESLI_PLATFORMS = [
  'spotify',
  'itunes',
  'appleMusic',
  'youtube',
  'youtubeMusic',
  'google',
  'googleStore',
  'pandora',
  'deezer',
  'tidal',
  'amazonStore',
  'amazonMusic',
  'soundcloud',
  'napster',
  'yandex',
  'spinrilla',
  'audius',
  'audiomack',
  'anghami',
  'boomplay',
];

const LINK = {
  type: 'object',
  required: ['entityUniqueId', 'url'],
  properties: {
    entityUniqueId: { type: 'string', minLength: 1 },
    url: { type: 'string', format: 'uri' },
    nativeAppUriMobile: { type: 'string' },
    nativeAppUriDesktop: { type: 'string' },
  },
};

const ENTITY = {
  type: 'object',
  required: ['id', 'type', 'apiProvider', 'platforms'],
  properties: {
    id: { type: 'string', minLength: 1 },
    type: { type: 'string', enum: ['song', 'album'] },
    title: { type: 'string' },
    artistName: { type: 'string' },
    thumbnailUrl: { type: 'string', format: 'uri' },
    thumbnailWidth: { type: 'integer', minimum: 0 },
    thumbnailHeight: { type: 'integer', minimum: 0 },
    apiProvider: { type: 'string' },
    platforms: { type: 'array', items: { type: 'string' } },
  },
};

export const ODESLI_LINKS_SCHEMA = {
  type: 'object',
  required: ['entityUniqueId', 'userCountry', 'pageUrl', 'entitiesByUniqueId', 'linksByPlatform'],
  properties: {
    entityUniqueId: { type: 'string', minLength: 1 },
    userCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
    pageUrl: { type: 'string', format: 'uri' },
    entitiesByUniqueId: { type: 'object', additionalProperties: ENTITY },
    linksByPlatform: { type: 'object', additionalProperties: LINK },
  },
};

export const ODESLI_ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode'],
  properties: { statusCode: { type: 'integer', minimum: 400, maximum: 599 }, code: { type: 'string' } },
};

let rules: ParamRule[] | undefined;
let linksValidator: ValidateFunction | undefined;
let errorValidator: ValidateFunction | undefined;

function linksRequest(req: WireRequest): string[] {
  rules ??= [
    rule('url', 'query', { type: 'string', format: 'uri' }),
    rule('userCountry', 'query', { type: 'string', pattern: '^[A-Z]{2}$' }),
    rule('songIfSingle', 'query', { type: 'boolean' }),
    rule('key', 'query', { type: 'string', minLength: 1 }),
    rule('platform', 'query', { type: 'string', enum: ODESLI_PLATFORMS }),
    rule('type', 'query', { type: 'string', enum: ['song', 'album'] }),
    rule('id', 'query', { type: 'string', minLength: 1 }),
  ];
  const errors = checkParams(req.query, rules, 'query');
  const byId = ['platform', 'type', 'id'].filter((p) => req.query.has(p));
  if (!req.query.has('url') && byId.length < 3) {
    errors.push(
      byId.length === 0
        ? "missing required query parameter 'url' (or platform, type and id)"
        : `platform, type and id go together; missing ${['platform', 'type', 'id'].filter((p) => !byId.includes(p)).join(', ')}`,
    );
  }
  return errors;
}

function linksResponse(res: WireResponse): string[] {
  const bodyError = requireJsonBody(res.body);
  if (bodyError) return [bodyError];
  const errors: string[] = [];
  if (res.headers && mediaType(res.headers['content-type']) !== 'application/json') {
    errors.push(`Content-Type must be application/json, got ${JSON.stringify(res.headers['content-type'] ?? '')}`);
  }
  if (res.status >= 400) {
    errorValidator ??= sharedAjv().compile(ODESLI_ERROR_SCHEMA);
    errors.push(...runValidator(errorValidator, res.body));
    const echoed = (res.body as { statusCode?: unknown }).statusCode;
    if (typeof echoed === 'number' && echoed !== res.status) errors.push(`/statusCode is ${echoed} but the HTTP status is ${res.status}`);
    return errors;
  }
  if (res.status !== 200) return [...errors, `status ${res.status} is not an answer of /links`];
  linksValidator ??= sharedAjv().compile(ODESLI_LINKS_SCHEMA);
  const schemaErrors = runValidator(linksValidator, res.body);
  if (schemaErrors.length > 0) return [...errors, ...schemaErrors];
  const body = res.body as { entityUniqueId: string; entitiesByUniqueId: Record<string, unknown>; linksByPlatform: Record<string, { entityUniqueId: string }> };
  if (!(body.entityUniqueId in body.entitiesByUniqueId)) errors.push(`/entityUniqueId ${JSON.stringify(body.entityUniqueId)} is not a key of /entitiesByUniqueId`);
  for (const [platform, link] of Object.entries(body.linksByPlatform)) {
    if (!(link.entityUniqueId in body.entitiesByUniqueId)) {
      errors.push(`/linksByPlatform/${platform}/entityUniqueId ${JSON.stringify(link.entityUniqueId)} is not a key of /entitiesByUniqueId`);
    }
  }
  return errors;
}

export const odesliContract: Contract = handContract('Odesli', [
  { method: 'GET', path: '/v1-alpha.1/links', request: linksRequest, response: linksResponse },
]);
