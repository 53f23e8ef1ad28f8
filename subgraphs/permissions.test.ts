/**
 * Every field a subgraph serves has a shield rule of its own. The shield denies unlisted fields
 * (fallbackRule deny), so a forgotten rule is not a leak but a field nobody can read; this test
 * catches it when a field is added to schema.graphql without one in permissions.ts.
 */
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { IRules } from 'graphql-shield';
import { describe, expect, it } from 'vitest';

const SUBGRAPHS = ['users', 'catalog', 'library', 'lyrics', 'streaming', 'analytics'] as const;

// Federation's own types and fields, which subgraphShield() handles itself.
const FEDERATION = new Set(['_Service', '_Entity', '_Any']);
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

// @apollo/subgraph loads graphql's CommonJS build, so `instanceof`-based isObjectType() would see a
// foreign class here; the toStringTag is the same in both builds.
const isObjectType = (type: unknown): type is { name: string; getFields(): object } =>
  Object.prototype.toString.call(type) === '[object GraphQLObjectType]';

const isRule = (value: unknown): boolean => typeof (value as { resolve?: unknown })?.resolve === 'function';

describe.each(SUBGRAPHS)('%s permissions', (name) => {
  it('has a rule for every field of every object type', async () => {
    const { permissions } = (await import(`./${name}/permissions.ts`)) as { permissions: IRules };
    const typeDefs = parse(readFileSync(new URL(`./${name}/schema.graphql`, import.meta.url), 'utf8'));
    const schema = buildSubgraphSchema({ typeDefs });
    const rules = permissions as Record<string, unknown>;
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || FEDERATION.has(type.name)) continue;
      const typeRules = rules[type.name];
      if (isRule(typeRules)) continue;
      for (const field of Object.keys(type.getFields())) {
        if (FEDERATION_FIELDS.has(field)) continue;
        if (!isRule((typeRules as Record<string, unknown> | undefined)?.[field])) missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
