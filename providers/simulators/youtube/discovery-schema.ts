/**
 * Test support: validators for YouTube answers built from the Google discovery document in
 * /work/shared/apis (or $YOUTUBE_DISCOVERY_PATH). Strict: every object also refuses properties the
 * document does not list, so the simulator cannot drift from the document unnoticed.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const DEFAULT_PATH = '/work/shared/apis/youtube-v3-discovery.json';

type DiscoverySchema = Record<string, unknown>;
const IGNORED_KEYWORDS = ['id', 'description', 'annotations', 'enumDescriptions', 'default', 'deprecated', 'enumDeprecated', 'readOnly'];

// Discovery schemas are JSON Schema draft-03 flavoured: rewrite refs and drop what Ajv does not know.
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as DiscoverySchema)) {
    if (IGNORED_KEYWORDS.includes(key)) continue;
    if (key === '$ref') out.$ref = `#/definitions/${value as string}`;
    else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as DiscoverySchema).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else out[key] = toJsonSchema(value);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function discoveryValidators(path = process.env.YOUTUBE_DISCOVERY_PATH ?? DEFAULT_PATH): (name: string) => ValidateFunction {
  const discovery = JSON.parse(readFileSync(path, 'utf8')) as { schemas: DiscoverySchema };
  const definitions = Object.fromEntries(Object.entries(discovery.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  for (const format of ['uint64', 'int64', 'uint32', 'int32', 'byte', 'double', 'float', 'google-datetime', 'date-time-or-empty']) {
    ajv.addFormat(format, true);
  }
  ajv.addSchema({ $id: 'youtube', definitions });
  return (name: string) => {
    const validate = ajv.getSchema(`youtube#/definitions/${name}`);
    if (!validate) throw new Error(`no schema ${name} in the discovery document`);
    return validate;
  };
}
