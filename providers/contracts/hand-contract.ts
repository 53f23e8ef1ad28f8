/**
 * A Contract built from hand-written operations, for the services without a spec file (Spotify's
 * accounts service, Google's OAuth endpoints, Odesli). Each operation is a method, a path and two
 * checks; the path is matched on its end so that a mount prefix (the real hosts have none, a
 * simulator may) does not matter.
 */
import type { Contract } from './contract.js';
import { sharedAjv } from './ajv.js';
import type { ParamRule, ValueType } from './params.js';
import type { WireRequest, WireResponse } from './wire.js';

export interface HandOperation {
  method: string;
  /** The full path on the real host, e.g. `/api/token`. */
  path: string;
  request(req: WireRequest): string[];
  response(res: WireResponse): string[];
}

function find(name: string, operations: HandOperation[], method: string, pathname: string): HandOperation | string {
  const onPath = operations.filter((op) => pathname === op.path || pathname.endsWith(op.path));
  const op = onPath.find((o) => o.method === method);
  if (op) return op;
  if (onPath.length > 0) return `unknown operation: ${method} is not defined for ${pathname} (defined: ${onPath.map((o) => o.method).join(', ')})`;
  return `unknown operation: ${method} ${pathname} is not an endpoint of ${name} (${operations.map((o) => `${o.method} ${o.path}`).join(', ')})`;
}

export function handContract(name: string, operations: HandOperation[]): Contract {
  return {
    request(req) {
      const op = find(name, operations, req.method, req.url.pathname);
      return typeof op === 'string' ? [op] : op.request(req);
    },
    response(res) {
      const op = find(name, operations, res.method, res.url.pathname);
      return typeof op === 'string' ? [op] : op.response(res);
    },
  };
}

const validators = new Map<string, ParamRule['validate']>();

function compiled(schema: Record<string, unknown>): ParamRule['validate'] {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = sharedAjv().compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/** A parameter rule from a small JSON Schema, for hand-written rule sets (validators cached by schema text). */
export function rule(
  name: string,
  where: ParamRule['in'],
  schema: Record<string, unknown>,
  options: { required?: boolean; shape?: ParamRule['shape']; maxItems?: number } = {},
): ParamRule {
  const type = schema.type;
  const valueType: ValueType = type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
  return {
    name,
    in: where,
    required: options.required ?? false,
    shape: options.shape ?? 'single',
    valueType,
    validate: compiled(schema),
    ...(options.maxItems !== undefined ? { maxItems: options.maxItems } : {}),
  };
}
