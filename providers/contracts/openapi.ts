/**
 * OpenAPI 3.0 support for the Spotify and Genius specs: operation lookup by method and URL path,
 * parameter rules, and response schemas by status, compiled lazily with the shared Ajv instance and
 * cached per operation.
 *
 * The whole document is added to Ajv under an id (`spotify`, `genius`), so a schema taken from a path
 * or a component is compiled as-is after its local `$ref: '#/components/...'` are re-rooted to that
 * id. Ajv understands OpenAPI's `nullable` when `type` sits next to it; the other shapes (`$ref` or
 * `allOf` with `nullable`) are rewritten once at load to `anyOf: [schema, {type: 'null'}]`.
 */
import type { ValidateFunction } from 'ajv';
import { sharedAjv } from './ajv.js';
import type { ParamRule, ValueType } from './params.js';
import type { Json } from './specs.js';

export interface OpenApiOperation {
  method: string;
  template: string;
  segments: string[];
  literals: number;
  operation: Json;
  pathItem: Json;
}

export interface ResponseContract {
  /** The responses key used ('200', '4XX', 'default') or the component name for fallbacks. */
  source: string;
  /** Undefined: the response has no content, so the body must be empty. */
  validate?: ValidateFunction;
  mediaTypes: string[];
}

export interface OpenApiDocument {
  id: string;
  doc: Json;
  basePath: string;
  operations: OpenApiOperation[];
  /** Caches, per operation, of compiled parameter rules and response contracts. */
  paramCache: Map<OpenApiOperation, ParamRule[]>;
  responseCache: Map<string, ResponseContract | string>;
  /**
   * For error statuses an operation does not list (Spotify lists 401/403/429 but answers 400 and 404
   * too): the name of the `components.responses` entry that describes them.
   */
  errorFallback: (status: number) => string | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rewrites `nullable` without a sibling `type` (which Ajv refuses) into an explicit null branch. */
export function normaliseNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normaliseNullable);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = normaliseNullable(value);
  if (out.nullable === true) {
    if (out.type === undefined) {
      const { nullable: _nullable, description, ...rest } = out;
      return { ...(description !== undefined ? { description } : {}), anyOf: [rest, { type: 'null' }] };
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

export function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  return node;
}

/** Follows `$ref` chains of non-schema objects (parameters, responses). */
export function deref(doc: Json, node: unknown): Json {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error('$ref cycle');
    current = pointer(doc, current.$ref);
  }
  if (!isObject(current)) throw new Error('dangling $ref');
  return current;
}

/** Copies a schema fragment, pointing its local refs into the document registered under `id`. */
function rebase(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rebase(n, id));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${id}${value}` : rebase(value, id);
  }
  return out;
}

export function compileFragment(api: OpenApiDocument, schema: unknown): ValidateFunction {
  return sharedAjv().compile(rebase(schema, api.id) as Json);
}

export function registerOpenApi(id: string, rawDoc: Json, errorFallback: OpenApiDocument['errorFallback']): OpenApiDocument {
  const doc = normaliseNullable(rawDoc) as Json;
  sharedAjv().addSchema(doc, id);
  const servers = Array.isArray(doc.servers) ? (doc.servers as Json[]) : [];
  const basePath = servers[0] && typeof servers[0].url === 'string' ? new URL(servers[0].url).pathname.replace(/\/$/, '') : '';
  const operations: OpenApiOperation[] = [];
  for (const [template, pathItem] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const segments = template.split('/').slice(1);
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        segments,
        literals: segments.filter((s) => !s.startsWith('{')).length,
        operation,
        pathItem,
      });
    }
  }
  return { id, doc, basePath, operations, paramCache: new Map(), responseCache: new Map(), errorFallback };
}

export type Match = { op: OpenApiOperation; pathParams: Record<string, string> } | { error: string };

/** Finds the operation for a method and an absolute URL path (base path included, e.g. `/v1/tracks/x`). */
export function matchOperation(api: OpenApiDocument, method: string, pathname: string): Match {
  if (api.basePath && pathname !== api.basePath && !pathname.startsWith(`${api.basePath}/`)) {
    return { error: `unknown operation: ${method} ${pathname} is outside the API base path ${api.basePath}` };
  }
  const relative = pathname.slice(api.basePath.length);
  const parts = relative.split('/').slice(1);
  const candidates: { op: OpenApiOperation; pathParams: Record<string, string> }[] = [];
  for (const op of api.operations) {
    if (op.segments.length !== parts.length) continue;
    const pathParams: Record<string, string> = {};
    const ok = op.segments.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith('{') && segment.endsWith('}')) {
        if (part === '') return false;
        pathParams[segment.slice(1, -1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (ok) candidates.push({ op, pathParams });
  }
  if (candidates.length === 0) return { error: `unknown operation: no path of the ${api.id} spec matches ${method} ${pathname}` };
  const sameMethod = candidates.filter((c) => c.op.method === method);
  if (sameMethod.length === 0) {
    const allowed = [...new Set(candidates.map((c) => c.op.method))].join(', ');
    return { error: `unknown operation: ${method} is not defined for ${candidates[0]?.op.template} (defined: ${allowed})` };
  }
  // `/me/tracks/contains` beats `/me/tracks/{id}`: the most literal template wins.
  sameMethod.sort((a, b) => b.op.literals - a.op.literals);
  return sameMethod[0] as { op: OpenApiOperation; pathParams: Record<string, string> };
}

function schemaType(api: OpenApiDocument, schema: unknown): { type: string | undefined; node: Json } {
  const node = isObject(schema) && typeof schema.$ref === 'string' ? deref(api.doc, schema) : isObject(schema) ? schema : {};
  const type = typeof node.type === 'string' ? node.type : undefined;
  return { type, node };
}

function valueType(type: string | undefined): ValueType {
  return type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
}

/** The query and path parameter rules of an operation (path-item parameters merged with the operation's). */
export function parameterRules(api: OpenApiDocument, op: OpenApiOperation): ParamRule[] {
  const cached = api.paramCache.get(op);
  if (cached) return cached;
  const byKey = new Map<string, Json>();
  for (const list of [op.pathItem.parameters, op.operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const param = deref(api.doc, entry);
      byKey.set(`${String(param.in)}:${String(param.name)}`, param);
    }
  }
  const rules: ParamRule[] = [];
  for (const param of byKey.values()) {
    if (param.in !== 'query' && param.in !== 'path') continue;
    const { type, node } = schemaType(api, param.schema);
    const isArray = type === 'array';
    const itemSchema = isArray ? (node.items ?? {}) : (param.schema ?? {});
    const description = [param.description, node.description].filter((d) => typeof d === 'string').join('\n');
    rules.push({
      name: String(param.name),
      in: param.in,
      required: param.required === true || param.in === 'path',
      shape: param.in === 'path' ? 'single' : isArray ? (param.explode === false ? 'comma' : 'repeated') : 'single',
      valueType: valueType(schemaType(api, itemSchema).type),
      validate: compileFragment(api, itemSchema),
      ...(isArray && typeof node.maxItems === 'number' ? { maxItems: node.maxItems } : {}),
      ...(description ? { description } : {}),
    });
  }
  api.paramCache.set(op, rules);
  return rules;
}

function statusKeys(status: number): string[] {
  return [String(status), `${Math.floor(status / 100)}XX`, 'default'];
}

function contractFromResponse(api: OpenApiDocument, response: Json, source: string): ResponseContract {
  const content = isObject(response.content) ? response.content : undefined;
  if (!content || Object.keys(content).length === 0) return { source, mediaTypes: [] };
  const mediaTypes = Object.keys(content);
  const json = mediaTypes.find((m) => m === 'application/json' || m.endsWith('+json')) ?? mediaTypes[0];
  const media = json ? content[json] : undefined;
  const schema = isObject(media) ? media.schema : undefined;
  return { source, mediaTypes, ...(schema !== undefined ? { validate: compileFragment(api, schema) } : {}) };
}

/** The response contract for a status, or an error text when the status is not one the operation can answer. */
export function responseContract(api: OpenApiDocument, op: OpenApiOperation, status: number): ResponseContract | string {
  const cacheKey = `${op.method} ${op.template} ${status}`;
  const cached = api.responseCache.get(cacheKey);
  if (cached) return cached;
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  let contract: ResponseContract | string | undefined;
  for (const key of statusKeys(status)) {
    if (responses[key] !== undefined) {
      contract = contractFromResponse(api, deref(api.doc, responses[key]), key);
      break;
    }
  }
  if (!contract && status >= 400) {
    const name = api.errorFallback(status);
    const components = isObject(api.doc.components) && isObject(api.doc.components.responses) ? api.doc.components.responses : {};
    if (name && isObject(components[name])) contract = contractFromResponse(api, deref(api.doc, components[name]), `components.responses.${name}`);
  }
  contract ??= `status ${status} is not a response of ${op.method} ${op.template} (declared: ${Object.keys(responses).join(', ')})`;
  api.responseCache.set(cacheKey, contract);
  return contract;
}

/** The JSON request body validator, if the operation declares one. */
export function requestBodyValidator(api: OpenApiDocument, op: OpenApiOperation): ValidateFunction | undefined {
  const body = op.operation.requestBody;
  if (!isObject(body)) return undefined;
  const resolved = deref(api.doc, body);
  const content = isObject(resolved.content) ? resolved.content : {};
  const media = content['application/json'];
  return isObject(media) && media.schema !== undefined ? compileFragment(api, media.schema) : undefined;
}
