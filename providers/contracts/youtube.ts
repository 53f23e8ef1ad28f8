/**
 * The YouTube Data API v3 contract, from Google's discovery document (converted to JSON Schema by
 * discovery-to-json-schema.ts) plus youtube-rules.ts. Methods are found by HTTP method and
 * `/youtube/v3/...` path; parameters include the document's global ones (`key`, `fields`,
 * `prettyPrint`...). Auth: an API key (`key`) or an OAuth token (Bearer header, `access_token` or
 * `oauth_token`).
 */
import type { ValidateFunction } from 'ajv';
import { runValidator, sharedAjv } from './ajv.js';
import { requireJsonBody, type Contract } from './contract.js';
import { convertDiscoverySchemas, convertParameter, type DiscoverySchema } from './discovery-to-json-schema.js';
import { checkParam, checkParams, type ParamRule, type ValueType } from './params.js';
import { loadSpec, type Json } from './specs.js';
import {
  GOOGLE_ERROR_SCHEMA,
  SEARCH_TYPES,
  YOUTUBE_EXTRA_PARAMETERS,
  YOUTUBE_ID_LIMITED_METHODS,
  YOUTUBE_MAX_IDS,
  youtubeRequestRules,
} from './youtube-rules.js';
import { hasBearer, isEmptyBody, mediaType, parseBody } from './wire.js';

interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  path: string;
  parameters?: Record<string, DiscoverySchema>;
  response?: { $ref: string };
  request?: { $ref: string };
}

interface YoutubeOperation {
  def: DiscoveryMethod;
  method: string;
  segments: string[];
  literals: number;
  rules?: ParamRule[];
  responseValidator?: ValidateFunction;
}

interface YoutubeApi {
  doc: Json;
  operations: YoutubeOperation[];
  globalParameters: Record<string, DiscoverySchema>;
  schemas: Record<string, DiscoverySchema>;
  errorValidator?: ValidateFunction;
}

const SCHEMA_ID = 'youtube';

let api: YoutubeApi | undefined;

function collectMethods(resources: unknown, out: DiscoveryMethod[]): void {
  for (const resource of Object.values((resources ?? {}) as Record<string, Json>)) {
    for (const method of Object.values((resource.methods ?? {}) as Record<string, DiscoveryMethod>)) out.push(method);
    collectMethods(resource.resources, out);
  }
}

export function youtubeApi(): YoutubeApi {
  if (api) return api;
  const doc = loadSpec('youtube');
  const schemas = doc.schemas as Record<string, DiscoverySchema>;
  sharedAjv().addSchema(convertDiscoverySchemas(schemas, SCHEMA_ID));
  const methods: DiscoveryMethod[] = [];
  collectMethods(doc.resources, methods);
  // Full path = rootUrl's path + servicePath + method path ('/' + '' + 'youtube/v3/videos').
  const prefix = `${new URL(String(doc.rootUrl)).pathname}${String(doc.servicePath ?? '')}`;
  const operations = methods.map((def) => {
    const segments = `${prefix}${def.path}`.split('/').slice(1);
    return { def, method: def.httpMethod.toUpperCase(), segments, literals: segments.filter((s) => !s.startsWith('{')).length };
  });
  api = { doc, operations, globalParameters: doc.parameters as Record<string, DiscoverySchema>, schemas };
  return api;
}

function find(method: string, pathname: string): { op: YoutubeOperation; pathParams: Record<string, string> } | { error: string } {
  const parts = pathname.split('/').slice(1);
  const matches = youtubeApi().operations.flatMap((op) => {
    if (op.segments.length !== parts.length) return [];
    const pathParams: Record<string, string> = {};
    for (const [i, segment] of op.segments.entries()) {
      const part = parts[i] ?? '';
      if (segment.startsWith('{')) {
        if (part === '') return [];
        pathParams[segment.replace(/^\{\+?|\}$/g, '')] = decodeURIComponent(part);
      } else if (segment !== part) return [];
    }
    return [{ op, pathParams }];
  });
  if (matches.length === 0) return { error: `unknown operation: no method of the YouTube discovery document matches ${method} ${pathname}` };
  const same = matches.filter((m) => m.op.method === method).sort((a, b) => b.op.literals - a.op.literals);
  const first = same[0];
  if (!first) return { error: `unknown operation: ${method} is not defined for ${pathname} (defined: ${[...new Set(matches.map((m) => m.op.method))].join(', ')})` };
  return first;
}

function valueType(type: string | undefined): ValueType {
  return type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
}

function ruleFor(name: string, param: DiscoverySchema): ParamRule {
  return {
    name,
    in: param.location === 'path' ? 'path' : 'query',
    required: param.required === true || param.location === 'path',
    shape: param.repeated ? 'repeated' : 'single',
    valueType: valueType(param.type),
    validate: sharedAjv().compile(convertParameter(param)),
    ...(param.description ? { description: param.description } : {}),
  };
}

/** The resource's top-level properties, which is what `part` names (from `XListResponse.items[]` or the resource itself). */
export function partNames(def: DiscoveryMethod): string[] | undefined {
  const { schemas } = youtubeApi();
  const response = def.response ? schemas[def.response.$ref] : undefined;
  const itemRef = response?.properties?.items?.items?.$ref;
  const resource = itemRef ? schemas[itemRef] : response;
  if (!resource?.properties) return undefined;
  return Object.keys(resource.properties).filter((p) => p !== 'kind' && p !== 'etag');
}

function rulesFor(op: YoutubeOperation): ParamRule[] {
  if (op.rules) return op.rules;
  const { globalParameters } = youtubeApi();
  const params = { ...globalParameters, ...(op.def.parameters ?? {}), ...(YOUTUBE_EXTRA_PARAMETERS[op.def.id] ?? {}) };
  const parts = partNames(op.def);
  op.rules = Object.entries(params).map(([name, param]) => {
    const rule = ruleFor(name, param);
    if (name === 'part' && parts) return { ...rule, validate: sharedAjv().compile({ type: 'string', enum: parts }) };
    if (name === 'id' && YOUTUBE_ID_LIMITED_METHODS.has(op.def.id)) return { ...rule, maxItems: YOUTUBE_MAX_IDS };
    if (name === 'type' && op.def.id === 'youtube.search.list') return { ...rule, validate: sharedAjv().compile({ type: 'string', enum: SEARCH_TYPES }) };
    return rule;
  });
  return op.rules;
}

function hasCredentials(query: Map<string, string[]>, headers: Record<string, string>): boolean {
  return hasBearer(headers) || ['key', 'access_token', 'oauth_token'].some((p) => (query.get(p)?.[0] ?? '') !== '');
}

function errorValidator(): ValidateFunction {
  const state = youtubeApi();
  state.errorValidator ??= sharedAjv().compile(GOOGLE_ERROR_SCHEMA);
  return state.errorValidator;
}

export const youtubeContract: Contract = {
  request(req) {
    const match = find(req.method, req.url.pathname);
    if ('error' in match) return [match.error];
    const rules = rulesFor(match.op);
    const errors: string[] = [];
    for (const rule of rules.filter((r) => r.in === 'path')) {
      const value = match.pathParams[rule.name];
      errors.push(...checkParam(rule, value === undefined ? [] : [value]));
    }
    errors.push(...checkParams(req.query, rules.filter((r) => r.in === 'query'), 'query'));
    errors.push(...youtubeRequestRules(match.op.def.id, req.query));
    if (!hasCredentials(req.query, req.headers)) errors.push('missing credentials: key parameter or Authorization: Bearer <token>');
    if (req.body !== undefined && req.body !== '') {
      if (req.method === 'GET') errors.push('GET request must not carry a body');
      else if (match.op.def.request) {
        const body = parseBody(req.body);
        const validate = sharedAjv().getSchema(`${SCHEMA_ID}#/definitions/${match.op.def.request.$ref}`);
        if (validate) errors.push(...runValidator(validate, body, 'request body'));
      }
    }
    return errors;
  },

  response(res) {
    const match = find(res.method, res.url.pathname);
    if ('error' in match) return [match.error];
    const errors: string[] = [];
    const contentType = mediaType(res.headers?.['content-type']);
    if (res.status >= 400) {
      const bodyError = requireJsonBody(res.body);
      if (bodyError) return [bodyError];
      errors.push(...runValidator(errorValidator(), res.body));
      const code = (res.body as { error?: { code?: unknown } }).error?.code;
      if (typeof code === 'number' && code !== res.status) errors.push(`/error/code is ${code} but the HTTP status is ${res.status}`);
    } else if (res.status >= 200 && res.status < 300) {
      const ref = match.op.def.response?.$ref;
      if (!ref) {
        if (!isEmptyBody(res.body)) errors.push(`${match.op.def.id} has no response body in the spec, but the body is not empty`);
        return errors;
      }
      const bodyError = requireJsonBody(res.body);
      if (bodyError) return [bodyError];
      match.op.responseValidator ??= sharedAjv().compile({ $ref: `${SCHEMA_ID}#/definitions/${ref}` });
      errors.push(...runValidator(match.op.responseValidator, res.body));
    } else {
      return [`status ${res.status} is not an answer of ${match.op.def.id}`];
    }
    if (res.headers && contentType !== 'application/json') errors.push(`Content-Type must be application/json, got ${JSON.stringify(res.headers['content-type'] ?? '')}`);
    return errors;
  },
};
