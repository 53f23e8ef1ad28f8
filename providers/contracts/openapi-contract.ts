/**
 * Turns an OpenAPI document into a Contract: the operation must exist for the method and path, path
 * and query parameters must satisfy the spec (no unknown ones), the body must match the request body
 * schema, and a response must match the schema its status selects. Provider specifics (auth, the
 * facts DESIGN.md adds to the spec) come in through the options.
 */
import { runValidator } from './ajv.js';
import { requireJsonBody, type Contract } from './contract.js';
import {
  matchOperation,
  parameterRules,
  requestBodyValidator,
  responseContract,
  type OpenApiDocument,
  type OpenApiOperation,
} from './openapi.js';
import { checkParam, checkParams, type ParamRule } from './params.js';
import { isEmptyBody, mediaType, parseBody, type WireRequest, type WireResponse } from './wire.js';

export interface OpenApiContractOptions {
  api: () => OpenApiDocument;
  /** Errors when the request carries no acceptable credentials. */
  auth: (req: WireRequest) => string[];
  /** Query parameters every operation accepts beyond its own (e.g. Genius `access_token`). */
  extraQueryParams?: string[];
  /** Rewrites query parameters before checking (spellings the real API accepts but the spec omits). */
  normaliseQuery?: (op: OpenApiOperation, query: WireRequest['query']) => WireRequest['query'];
  /** Adjusts an operation's parameter rules once (limits the spec states only in prose). */
  adjustRules?: (op: OpenApiOperation, rules: ParamRule[]) => ParamRule[];
  requestRules?: (op: OpenApiOperation, req: WireRequest) => string[];
  responseRules?: (op: OpenApiOperation, res: WireResponse) => string[];
}

export function openApiContract(options: OpenApiContractOptions): Contract {
  const adjusted = new Map<OpenApiOperation, ParamRule[]>();
  const rulesFor = (api: OpenApiDocument, op: OpenApiOperation): ParamRule[] => {
    let rules = adjusted.get(op);
    if (!rules) {
      rules = options.adjustRules ? options.adjustRules(op, parameterRules(api, op)) : parameterRules(api, op);
      adjusted.set(op, rules);
    }
    return rules;
  };

  return {
    request(req) {
      const api = options.api();
      const match = matchOperation(api, req.method, req.url.pathname);
      if ('error' in match) return [match.error];
      const { op, pathParams } = match;
      const rules = rulesFor(api, op);
      const errors: string[] = [];
      for (const rule of rules.filter((r) => r.in === 'path')) {
        const value = pathParams[rule.name];
        errors.push(...checkParam(rule, value === undefined ? [] : [value]));
      }
      const query = options.normaliseQuery ? options.normaliseQuery(op, req.query) : req.query;
      errors.push(
        ...checkParams(
          query,
          rules.filter((r) => r.in === 'query'),
          'query',
          options.extraQueryParams,
        ),
      );
      errors.push(...options.auth(req));
      const bodyValidator = requestBodyValidator(api, op);
      if (req.body !== undefined && req.body !== '') {
        if (req.method === 'GET' || req.method === 'HEAD') errors.push(`${req.method} request must not carry a body`);
        else if (bodyValidator) {
          const body = parseBody(req.body);
          errors.push(...(typeof body === 'string' ? ['request body is not JSON'] : runValidator(bodyValidator, body, 'request body')));
        }
      } else if (bodyValidator && op.operation.requestBody && (op.operation.requestBody as { required?: unknown }).required === true) {
        errors.push('missing required request body');
      }
      errors.push(...(options.requestRules?.(op, req) ?? []));
      return errors;
    },

    response(res) {
      const api = options.api();
      const match = matchOperation(api, res.method, res.url.pathname);
      if ('error' in match) return [match.error];
      const contract = responseContract(api, match.op, res.status);
      if (typeof contract === 'string') return [contract];
      const errors: string[] = [];
      if (!contract.validate) {
        if (!isEmptyBody(res.body)) errors.push(`status ${res.status} has no content in the spec, but the body is not empty`);
      } else {
        const bodyError = requireJsonBody(res.body);
        if (bodyError) errors.push(bodyError);
        else errors.push(...runValidator(contract.validate, res.body));
        const type = mediaType(res.headers?.['content-type']);
        if (res.headers && !bodyError && !contract.mediaTypes.includes(type ?? '')) {
          errors.push(`Content-Type must be ${contract.mediaTypes.join(' or ')}, got ${JSON.stringify(res.headers['content-type'] ?? '')}`);
        }
      }
      errors.push(...(options.responseRules?.(match.op, res) ?? []));
      return errors;
    },
  };
}
