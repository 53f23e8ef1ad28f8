/**
 * Parameter checking shared by every contract: query parameters (OpenAPI and discovery alike), path
 * parameters and form fields of token requests. A rule says where the parameter travels, whether it
 * is required, how lists are written and which schema one value must satisfy; values arrive as
 * strings, so they are coerced to the schema's JSON type first (what the real servers do too).
 */
import type { ValidateFunction } from 'ajv';
import { formatAjvErrors } from './ajv.js';

export type ValueType = 'string' | 'integer' | 'number' | 'boolean';

export interface ParamRule {
  name: string;
  in: 'query' | 'path' | 'form';
  required: boolean;
  /**
   * `single`: one value. `comma`: one occurrence holding a comma-separated list (Spotify `ids`,
   * OpenAPI `explode: false`). `repeated`: Google's repeated parameters, written as several
   * occurrences or as a comma-separated list (YouTube accepts both).
   */
  shape: 'single' | 'comma' | 'repeated';
  valueType: ValueType;
  /** Validates one coerced value (one list item for list shapes). */
  validate: ValidateFunction;
  maxItems?: number;
  /** The spec's prose about the parameter, where limits sometimes hide ("Maximum: 50 IDs"). */
  description?: string;
}

/** Every occurrence of every parameter, in order (URLSearchParams keeps repeats; we must too). */
export type ParamValues = Map<string, string[]>;

export function collectParams(search: URLSearchParams): ParamValues {
  const values: ParamValues = new Map();
  for (const [key, value] of search) {
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return values;
}

const INTEGER = /^-?[0-9]+$/;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export function coerce(raw: string, type: ValueType): { ok: true; value: unknown } | { ok: false } {
  switch (type) {
    case 'integer':
      return INTEGER.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
    case 'number':
      return NUMBER.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
    case 'boolean':
      return raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : { ok: false };
    default:
      return { ok: true, value: raw };
  }
}

const LABEL = { query: 'query parameter', path: 'path parameter', form: 'form field' } as const;

/** Checks one parameter's occurrences against its rule. */
export function checkParam(rule: ParamRule, occurrences: string[]): string[] {
  const label = `${LABEL[rule.in]} '${rule.name}'`;
  if (occurrences.length === 0) return rule.required ? [`missing required ${label}`] : [];
  if (rule.shape !== 'repeated' && occurrences.length > 1) return [`${label} given ${occurrences.length} times, expected once`];
  const items =
    rule.shape === 'single' ? [occurrences[0] ?? ''] : occurrences.flatMap((o) => o.split(','));
  const errors: string[] = [];
  if (items.length === 1 && items[0] === '') {
    // An empty value is how a missing value usually reaches the wire (`q=`); the APIs refuse it for required ones.
    if (rule.required) return [`${label} is empty`];
    if (rule.valueType === 'string') return [];
  }
  if (rule.shape !== 'single' && items.some((i) => i === '')) errors.push(`${label} has an empty list item`);
  if (rule.maxItems !== undefined && items.length > rule.maxItems) {
    errors.push(`${label} has ${items.length} items, at most ${rule.maxItems} allowed`);
  }
  items.forEach((item, index) => {
    if (item === '' && rule.shape !== 'single') return;
    const where = items.length > 1 ? `${label} item ${index + 1}` : label;
    const coerced = coerce(item, rule.valueType);
    if (!coerced.ok) {
      errors.push(`${where} must be ${rule.valueType}, got ${JSON.stringify(item)}`);
      return;
    }
    if (!rule.validate(coerced.value)) errors.push(...formatAjvErrors(rule.validate.errors, where));
  });
  return errors;
}

/**
 * Checks a whole parameter set: unknown names (except `allowed`, e.g. auth or global parameters),
 * then every rule.
 */
export function checkParams(values: ParamValues, rules: ParamRule[], where: ParamRule['in'], allowed: Iterable<string> = []): string[] {
  const known = new Set([...rules.map((r) => r.name), ...allowed]);
  const errors: string[] = [];
  for (const name of values.keys()) {
    if (!known.has(name)) errors.push(`unknown ${LABEL[where]} '${name}'`);
  }
  for (const rule of rules) errors.push(...checkParam(rule, values.get(rule.name) ?? []));
  return errors;
}
