/**
 * Test support: validators for Genius answers from the unofficial OpenAPI document in
 * /work/shared/apis (or $GENIUS_OPENAPI_PATH). Not strict about extra properties: the document is
 * generated from Genius's docs and lists fewer fields than the real API sends, which the simulator
 * reproduces; every field it does list must have its type.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const DEFAULT_PATH = '/work/shared/apis/genius-openapi.yml';

export function geniusValidators(path = process.env.GENIUS_OPENAPI_PATH ?? DEFAULT_PATH): (name: string) => ValidateFunction {
  const document = parse(readFileSync(path, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormatsModule as unknown as (ajv: Ajv) => Ajv)(ajv);
  ajv.addSchema({ $id: 'genius', components: { schemas: document.components.schemas } });
  return (name: string) => {
    const validate = ajv.getSchema(`genius#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name} in the Genius OpenAPI document`);
    return validate;
  };
}
