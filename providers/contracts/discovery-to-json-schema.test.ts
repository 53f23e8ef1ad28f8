// The discovery → JSON Schema converter: mapping rules, and every converted YouTube schema compiles.
import { describe, expect, it } from 'vitest';
import { sharedAjv } from './ajv.js';
import { convertDiscoverySchemas, convertParameter, convertSchema } from './discovery-to-json-schema.js';
import { loadSpec } from './specs.js';
import { youtubeApi } from './youtube.js';

describe('convertSchema', () => {
  it('maps references into definitions and keeps objects open', () => {
    expect(convertSchema({ $ref: 'Video', description: 'ignored' })).toEqual({ $ref: '#/definitions/Video' });
    expect(convertSchema({ type: 'object', properties: { items: { type: 'array', items: { $ref: 'Video' } } } })).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: '#/definitions/Video' } } },
    });
    expect(convertSchema({ type: 'object', additionalProperties: { $ref: 'LocalizedString' } })).toEqual({
      type: 'object',
      additionalProperties: { $ref: '#/definitions/LocalizedString' },
    });
  });

  it('keeps 64-bit integers as strings and bounds 32-bit ones', () => {
    expect(convertSchema({ type: 'string', format: 'uint64' })).toEqual({ type: 'string', format: 'google-uint64' });
    expect(convertSchema({ type: 'string', format: 'int64' })).toEqual({ type: 'string', format: 'google-int64' });
    expect(convertSchema({ type: 'integer', format: 'uint32' })).toEqual({ type: 'integer', minimum: 0, maximum: 2 ** 32 - 1 });
  });

  it('turns string bounds into numbers, explicit bounds winning over the format', () => {
    expect(convertParameter({ type: 'integer', format: 'uint32', minimum: '0', maximum: '50', location: 'query', default: '5' })).toEqual({
      type: 'integer',
      minimum: 0,
      maximum: 50,
    });
  });

  it('reads fixed kinds from the description', () => {
    const converted = convertSchema({
      type: 'object',
      properties: { kind: { type: 'string', description: 'Value: the fixed string "youtube#video".' } },
    });
    expect(converted).toEqual({ type: 'object', properties: { kind: { type: 'string', const: 'youtube#video' } } });
  });

  it('maps date-time formats and drops type any', () => {
    expect(convertSchema({ type: 'string', format: 'date-time' })).toEqual({ type: 'string', format: 'date-time' });
    expect(convertParameter({ type: 'string', format: 'google-datetime', location: 'query' })).toEqual({ type: 'string', format: 'date-time' });
    expect(convertSchema({ type: 'any' })).toEqual({});
  });
});

describe('the converted YouTube document', () => {
  it('compiles every schema, so no $ref dangles', () => {
    youtubeApi(); // registers the converted document
    const schemas = Object.keys(loadSpec('youtube').schemas as object);
    expect(schemas.length).toBeGreaterThan(100);
    for (const name of schemas) {
      expect(() => sharedAjv().compile({ $ref: `youtube#/definitions/${name}` }), name).not.toThrow();
    }
  });

  it('converts without losing schemas', () => {
    const doc = convertDiscoverySchemas(loadSpec('youtube').schemas as never, 'youtube-copy');
    expect(Object.keys(doc.definitions as object)).toEqual(Object.keys(loadSpec('youtube').schemas as object));
  });
});
