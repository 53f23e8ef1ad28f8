/**
 * Converts Google API discovery documents (the YouTube Data API v3 one) to JSON Schema that Ajv
 * compiles. Hand-written because no maintained library does it: Google's generators turn discovery
 * documents into client code, not schemas, and the few converters on npm are abandoned. The format
 * is small (https://developers.google.com/discovery/v1/reference/apis), so the mapping is too:
 *
 * - `$ref: 'Video'` → `$ref: '#/definitions/Video'` (the schemas become `definitions` of one document);
 * - `format: int64 | uint64` on `type: string` stays a string (Google sends 64-bit numbers as
 *   decimal strings) and must look like one;
 * - `int32` / `uint32` integers get their ranges; `date-time` / `google-datetime` become `date-time`;
 * - `minimum` / `maximum`, written as strings in discovery, become numbers;
 * - `type: any` is any value; `annotations`, `enumDescriptions`, `id` are dropped;
 * - a `kind` whose description says "Value: the fixed string "youtube#video"" becomes a `const`:
 *   the spec states the value, only in prose.
 *
 * Objects stay open (discovery has no `additionalProperties: false`), and nothing is required:
 * discovery marks required-ness only on parameters.
 */

export type DiscoverySchema = {
  id?: string;
  type?: string;
  $ref?: string;
  description?: string;
  properties?: Record<string, DiscoverySchema>;
  items?: DiscoverySchema;
  additionalProperties?: DiscoverySchema;
  enum?: string[];
  format?: string;
  pattern?: string;
  minimum?: string;
  maximum?: string;
  default?: string;
  repeated?: boolean;
  required?: boolean;
  location?: string;
};

export type JsonSchema = Record<string, unknown>;

const FIXED_VALUE = /Value: the fixed string "([^"]+)"/;

function withFormat(type: string | undefined, format: string | undefined, out: JsonSchema): void {
  switch (format) {
    case 'int64':
    case 'uint64':
      if (type === 'string') out.format = `google-${format}`;
      else if (format === 'uint64') out.minimum = 0;
      break;
    case 'int32':
      out.minimum = -(2 ** 31);
      out.maximum = 2 ** 31 - 1;
      break;
    case 'uint32':
      out.minimum = 0;
      out.maximum = 2 ** 32 - 1;
      break;
    case 'date-time':
    case 'google-datetime':
      out.format = 'date-time';
      break;
    case 'date':
      out.format = 'date';
      break;
    case 'byte':
      out.format = 'byte';
      break;
    case 'google-duration':
      out.pattern = '^-?[0-9]+(\\.[0-9]+)?s$';
      break;
    default:
      // double, float, google-fieldmask and unknown formats add nothing checkable.
      break;
  }
}

export function convertSchema(schema: DiscoverySchema): JsonSchema {
  if (schema.$ref !== undefined) return { $ref: `#/definitions/${schema.$ref}` };
  const out: JsonSchema = {};
  if (schema.type && schema.type !== 'any') out.type = schema.type;
  withFormat(schema.type, schema.format, out);
  if (schema.enum) out.enum = [...schema.enum];
  if (schema.pattern) out.pattern = schema.pattern;
  // Explicit bounds come after the format's so that they win (maxResults: uint32 but 0-50).
  if (schema.minimum !== undefined) out.minimum = Number(schema.minimum);
  if (schema.maximum !== undefined) out.maximum = Number(schema.maximum);
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, p]) => [name, convertProperty(name, p)]));
  }
  if (schema.items) out.items = convertSchema(schema.items);
  if (schema.additionalProperties) out.additionalProperties = convertSchema(schema.additionalProperties);
  return out;
}

function convertProperty(name: string, schema: DiscoverySchema): JsonSchema {
  const converted = convertSchema(schema);
  const fixed = name === 'kind' && schema.type === 'string' ? FIXED_VALUE.exec(schema.description ?? '')?.[1] : undefined;
  return fixed ? { ...converted, const: fixed } : converted;
}

/** All schemas of a discovery document as one JSON Schema document with `definitions`, registered under `id`. */
export function convertDiscoverySchemas(schemas: Record<string, DiscoverySchema>, id: string): JsonSchema {
  return {
    $id: id,
    definitions: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, convertSchema(s)])),
  };
}

/** The JSON Schema one value of a discovery parameter must satisfy (lists are split before). */
export function convertParameter(parameter: DiscoverySchema): JsonSchema {
  const { repeated: _repeated, required: _required, location: _location, ...scalar } = parameter;
  return convertSchema(scalar);
}
