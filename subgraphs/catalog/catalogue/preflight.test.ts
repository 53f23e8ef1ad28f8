/** The whole operation's arguments are checked before any resolver runs, fragments and variables included. */
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badInput } from '../../../platform/errors.js';
import { preflight, withPreflight } from './preflight.js';

const schema = buildSchema(`
  type Query { album(id: ID!): Album, search(query: String!, first: Int = 20): Results }
  type Album { id: ID!, tracks(first: Int = 20): [Track!] }
  type Track { id: ID!, album: Album }
  type Results { albums: [Album!] }
`);

const seen: Record<string, unknown>[] = [];
const checks = {
  'Album.tracks': (args: Record<string, unknown>) => {
    seen.push(args);
    if ((args.first as number) > 50) throw badInput('first: must be at most 50', 'first');
  },
};

function infoOf(query: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { schema, operation, fragments, variableValues } as unknown as GraphQLResolveInfo;
}

describe('preflight', () => {
  it('finds a bad argument deep in the selection, through fragments and variables', () => {
    const info = infoOf(
      `query ($n: Int) { search(query: "x") { albums { ...A } } }
       fragment A on Album { tracks { album { ... on Album { tracks(first: $n) { id } } } } }`,
      { n: 51 },
    );
    expect(() => preflight({}, info, checks)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }));
  });

  it('passes defaults as the resolver would get them, and remembers the outcome per request', () => {
    seen.length = 0;
    const ctx = {};
    const info = infoOf(`{ album(id: "1") { tracks { id } } }`);
    preflight(ctx, info, checks);
    preflight(ctx, info, checks);
    expect(seen).toEqual([{ first: 20 }]);
  });

  it('wraps root fields and entity references, and leaves scalars alone', () => {
    const scalar = new (class Scalar {})();
    let called = 0;
    type Resolve = (...args: unknown[]) => unknown;
    const resolvers = withPreflight<{ DateTime: object; Query: { album: Resolve }; Album: { __resolveReference: Resolve; id: Resolve } }>(
      { DateTime: scalar, Query: { album: () => (called += 1) }, Album: { __resolveReference: () => (called += 1), id: () => 'x' } },
      checks,
    );
    expect(resolvers.DateTime).toBe(scalar);
    const bad = infoOf(`{ album(id: "1") { tracks(first: 99) { id } } }`);
    expect(() => resolvers.Query.album(null, {}, {}, bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }));
    expect(() => resolvers.Album.__resolveReference({}, {}, bad)).toThrow();
    expect(called).toBe(0);
    resolvers.Query.album(null, {}, {}, infoOf(`{ album(id: "1") { id } }`));
    expect(called).toBe(1);
  });
});
