/**
 * The one Ajv instance every validator compiles into, and the error formatter that turns Ajv's
 * errors into one readable line each ("/items/0/album must have required property 'album_type'").
 *
 * One instance because the whole OpenAPI documents and the converted discovery schemas are added to
 * it as schemas (ids `spotify`, `genius`, `youtube`), so `$ref`s between their parts resolve and each
 * referenced definition is compiled once.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; depending on the loader the plugin is the default export or its `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

let instance: Ajv | undefined;

export function sharedAjv(): Ajv {
  if (instance) return instance;
  // strict: false because the specs carry OpenAPI and vendor keywords (`example`, `x-spotify-docs-type`,
  // `discriminator`...) that are not JSON Schema; verbose: the failing value goes into messages.
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateSchema: false });
  addFormats(ajv);
  // OpenAPI's numeric formats: int32 is a range, the rest add nothing beyond the JSON type.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  // Google's 64-bit integers travel as decimal strings (JSON numbers lose precision above 2^53).
  ajv.addFormat('google-int64', /^-?[0-9]+$/);
  ajv.addFormat('google-uint64', /^[0-9]+$/);
  ajv.addFormat('byte', /^[A-Za-z0-9+/_-]*={0,2}$/);
  ajv.addFormat('base64', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('binary', true);
  instance = ajv;
  return ajv;
}

const MAX_ERRORS = 25;

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property '${String(params.additionalProperty)}'`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')}, got ${show(error.data)}`;
    case 'const':
      return `must be ${show(params.allowedValue)}, got ${show(error.data)}`;
    case 'type':
      return `must be ${String(params.type)}, got ${jsonType(error.data)} ${show(error.data)}`;
    case 'format':
    case 'pattern':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
      return `${error.message ?? error.keyword}, got ${show(error.data)}`;
    default:
      return error.message ?? error.keyword;
  }
}

/**
 * One line per error, `<instance path> <message>`, prefixed with `where` (e.g. "query parameter 'limit'").
 * Noise from nullable wrappers (`anyOf: [schema, {type: null}]`) is dropped when a real error exists.
 */
export function formatAjvErrors(errors: ErrorObject[] | null | undefined, where = ''): string[] {
  if (!errors || errors.length === 0) return [];
  const real = errors.filter(
    (e) => !(e.keyword === 'type' && (e.params as { type?: unknown }).type === 'null') && e.keyword !== 'anyOf' && e.keyword !== 'oneOf',
  );
  const chosen = real.length > 0 ? real : errors;
  const lines = [
    ...new Set(
      chosen.map((e) => {
        const head = where ? `${where}${e.instancePath}` : e.instancePath || '/';
        return `${head} ${describe(e)}`;
      }),
    ),
  ];
  if (lines.length > MAX_ERRORS) return [...lines.slice(0, MAX_ERRORS), `... and ${lines.length - MAX_ERRORS} more errors`];
  return lines;
}

/** Validate and format in one go. */
export function runValidator(validate: ValidateFunction, data: unknown, where = ''): string[] {
  return validate(data) ? [] : formatAjvErrors(validate.errors, where);
}
