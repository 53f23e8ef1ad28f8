/**
 * Checks the arguments of a whole operation before any of it runs. Without it, a bad argument deep
 * in a selection (`album(id) { tracks(first: 0) }`) would be noticed only after its parent was
 * fetched from Spotify and kept as a snapshot; with it, a bad input costs no Spotify call and
 * writes nothing. The first root field (or entity reference) of a request walks the operation,
 * variables and fragments included, and runs the check of every field that has one; the outcome is
 * remembered for the request, so every other root field fails (or passes) the same way at once.
 *
 * The walk reads the schema by name rather than through graphql-js's `TypeInfo`: the subgraph
 * schema is built by @apollo/subgraph with its own copy of graphql (see subgraphs/permissions.test.ts).
 */
import type { FieldNode, GraphQLResolveInfo, SelectionNode, ValueNode } from 'graphql';

type Checks = Record<string, (args: Record<string, unknown>) => void>;

interface FieldShape {
  type: unknown;
  args: readonly { name: string; defaultValue?: unknown }[];
}

const outcomes = new WeakMap<object, { error: unknown } | null>();

/** Throws the operation's first bad argument (BAD_USER_INPUT), checked once per request. */
export function preflight(ctx: object, info: GraphQLResolveInfo, checks: Checks): void {
  let outcome = outcomes.get(ctx);
  if (outcome === undefined) {
    try {
      checkOperation(info, checks);
      outcome = null;
    } catch (error) {
      outcome = { error };
    }
    outcomes.set(ctx, outcome);
  }
  if (outcome) throw outcome.error;
}

function checkOperation(info: GraphQLResolveInfo, checks: Checks): void {
  const root = info.operation.operation === 'mutation' ? info.schema.getMutationType() : info.schema.getQueryType();
  if (!root) return;
  const fragmentsSeen = new Set<string>();
  const walk = (selections: readonly SelectionNode[], typeName: string): void => {
    for (const selection of selections) {
      if (selection.kind === 'Field') {
        const field = fieldsOf(info, typeName)?.[selection.name.value];
        if (!field) continue; // __typename and other meta fields
        checks[`${typeName}.${selection.name.value}`]?.(argumentValues(field, selection, info.variableValues));
        if (selection.selectionSet) walk(selection.selectionSet.selections, namedType(field.type));
      } else if (selection.kind === 'InlineFragment') {
        walk(selection.selectionSet.selections, selection.typeCondition?.name.value ?? typeName);
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        if (!fragment || fragmentsSeen.has(name)) continue;
        fragmentsSeen.add(name);
        walk(fragment.selectionSet.selections, fragment.typeCondition.name.value);
      }
    }
  };
  walk(info.operation.selectionSet.selections, root.name);
}

function fieldsOf(info: GraphQLResolveInfo, typeName: string): Record<string, FieldShape> | undefined {
  const type = info.schema.getType(typeName) as { getFields?: () => Record<string, FieldShape> } | undefined;
  return typeof type?.getFields === 'function' ? type.getFields() : undefined;
}

function namedType(type: unknown): string {
  let current = type as { ofType?: unknown; name?: string };
  while (current.ofType) current = current.ofType as typeof current;
  return current.name ?? '';
}

/** The field's arguments as the resolver would get them (variables substituted, defaults applied). */
function argumentValues(field: FieldShape, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of field.args) {
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    const value = given ? literal(given.value, variables) : undefined;
    if (value !== undefined) values[arg.name] = value;
    else if (arg.defaultValue !== undefined) values[arg.name] = arg.defaultValue;
  }
  return values;
}

function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case 'Variable':
      return variables[node.name.value];
    case 'IntValue':
      return Number.parseInt(node.value, 10);
    case 'FloatValue':
      return Number.parseFloat(node.value);
    case 'StringValue':
    case 'BooleanValue':
    case 'EnumValue':
      return node.value;
    case 'NullValue':
      return null;
    case 'ListValue':
      return node.values.map((value) => literal(value, variables));
    case 'ObjectValue':
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
  }
}

/**
 * Wraps every root field (queries and mutations) and entity reference of `resolvers` with the
 * preflight, so no resolver of the operation can call Spotify or write before its arguments are
 * known to be valid.
 */
export function withPreflight<R extends Record<string, unknown>>(resolvers: R, checks: Checks): R {
  const wrapped: Record<string, unknown> = { ...resolvers };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    // Plain field maps only: scalars (GraphQLScalarType instances) stay as they are.
    if (!fields || Object.getPrototypeOf(fields) !== Object.prototype) continue;
    const guarded: Record<string, unknown> = { ...(fields as Record<string, unknown>) };
    for (const [name, resolve] of Object.entries(guarded)) {
      if (typeof resolve !== 'function') continue;
      if (typeName === 'Query' || typeName === 'Mutation') {
        guarded[name] = (root: unknown, args: unknown, ctx: object, info: GraphQLResolveInfo) => {
          preflight(ctx, info, checks);
          return (resolve as (...a: unknown[]) => unknown)(root, args, ctx, info);
        };
      } else if (name === '__resolveReference') {
        guarded[name] = (reference: unknown, ctx: object, info: GraphQLResolveInfo) => {
          preflight(ctx, info, checks);
          return (resolve as (...a: unknown[]) => unknown)(reference, ctx, info);
        };
      }
    }
    wrapped[typeName] = guarded;
  }
  return wrapped as R;
}
