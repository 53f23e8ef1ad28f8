/**
 * From a client's subscription to the query the gateway runs on every event: `playlistChanged(id)`
 * becomes `playlist(id)` with the same selection set, fragments, variables, directives and alias, so
 * a payload is exactly what that query answers then, with fields of any subgraph. The document is
 * validated against the API schema with the HTTP endpoint's limits before anything runs.
 */
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { ErrorCode } from '../../platform/errors.js';
import { jobTopic, playbackTopic, playlistTopic, type LiveTopic } from '../../platform/live/live-events.js';
import type { CallerIdentity } from '../caller-identity.js';

export interface LiveField {
  /** The Query field that answers it. */
  query: string;
  /** The live-event topic whose events re-resolve it. */
  topic(args: Record<string, unknown>, identity: CallerIdentity): LiveTopic;
  /** Anonymous subscribers are refused before anything runs. */
  requiresSignIn: boolean;
  /** A null answer at subscribe time means "not yours or not there": refused as NOT_FOUND. */
  nullRefuses: boolean;
  /** What the subject is called in a NOT_FOUND refusal. */
  subject: string;
  /** The subscription ends after a payload whose `state` is one of these (jobs). */
  finalStates?: readonly string[];
}

/** Every Subscription field the gateway serves; anything else in the schema is refused. */
export const LIVE_FIELDS: Readonly<Record<string, LiveField>> = {
  playbackStateChanged: {
    query: 'playbackState',
    topic: (_args, identity) => playbackTopic(identity.userId ?? ''),
    requiresSignIn: true,
    // No playback yet is null too, and a later event brings the first state.
    nullRefuses: false,
    subject: 'Playback state',
  },
  jobUpdated: {
    query: 'job',
    topic: (args) => jobTopic(String(args.id)),
    requiresSignIn: false, // the job's own rule answers (null for anyone but its owner and admins)
    nullRefuses: true,
    subject: 'Job',
    finalStates: ['COMPLETED', 'FAILED'],
  },
  playlistChanged: {
    query: 'playlist',
    topic: (args) => playlistTopic(String(args.id)),
    requiresSignIn: false, // public playlists may be watched anonymously
    nullRefuses: true,
    subject: 'Playlist',
  },
};

/**
 * Where the rewritten query puts the job's state when the subscription needs it to know when to
 * end; removed from every payload. An alias no client selection is expected to use.
 */
export const HIDDEN_STATE_KEY = '_liveJobState';

export interface PreparedSubscription {
  /** The subscription field, e.g. `jobUpdated`. */
  field: string;
  live: LiveField;
  /** The key the client expects in `data`: its alias, or the subscription field's name. */
  responseKey: string;
  /** The key the query answers under: the same alias, or the query field's name. */
  answerKey: string;
  /** The query to run (printed): part of the grouping key. */
  query: string;
  operationName?: string;
  /** The client's variables that the operation defines, as sent. */
  variables: Record<string, unknown>;
  /** The root field's arguments, coerced. */
  args: Record<string, unknown>;
  /** The client's document, parsed: graphql-ws wants it back for the operation's type. */
  document: DocumentNode;
}

export interface RewriteOptions {
  schema: GraphQLSchema;
  /** The gateway's own limit rules (query-limits.ts). */
  rules: readonly ValidationRule[];
  maxTokens: number;
  /** Outside development introspection is refused, as over HTTP. */
  introspection: boolean;
  /** Production hides field suggestions, as Armor does over HTTP. */
  hideSuggestions: boolean;
}

export interface SubscriptionRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

const fail = (message: string, code: string, extra: { nodes?: FieldNode | FieldNode[] } = {}) =>
  [new GraphQLError(message, { nodes: extra.nodes, extensions: { code } })];

const withCode = (error: GraphQLError, code: string, hideSuggestions: boolean) =>
  new GraphQLError(hideSuggestions ? error.message.replace(/ ?Did you mean ".+"\?/g, '').trim() : error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code: error.extensions.code ?? code },
  });

/** Validates a subscription and rewrites it into the query that answers it; GraphQL errors (typed) when refused. */
export function prepareSubscription(request: SubscriptionRequest, options: RewriteOptions): PreparedSubscription | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: options.maxTokens });
  } catch (error) {
    const message = (error as Error).message;
    // graphql-js: "Document contains more that N tokens" (sic).
    const tooMany = /contains more tha[nt] \d+ tokens/.test(message);
    return fail(tooMany ? 'Query has too many tokens' : message, tooMany ? ErrorCode.QUERY_TOO_COMPLEX : 'GRAPHQL_PARSE_FAILED');
  }
  const rules = [...specifiedRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]), ...options.rules];
  const invalid = validate(options.schema, document, rules);
  if (invalid.length) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED', options.hideSuggestions));

  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) return fail('Unable to identify the operation to run; name it with operationName', 'OPERATION_RESOLUTION_FAILURE');
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    return fail('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_REQUEST');
  }
  // Validation leaves exactly one root field; it must be selected directly so it can be renamed.
  const [root, ...rest] = operation.selectionSet.selections;
  if (root?.kind !== Kind.FIELD || rest.length) {
    return fail('Select the subscription field directly, not through a fragment', 'GRAPHQL_VALIDATION_FAILED');
  }
  const field = root.name.value;
  const live = LIVE_FIELDS[field];
  const definition = options.schema.getSubscriptionType()?.getFields()[field];
  if (!live || !definition) return fail(`Subscription.${field} is not served`, 'GRAPHQL_VALIDATION_FAILED', { nodes: root });

  const variables = Object.fromEntries(
    (operation.variableDefinitions ?? [])
      .map((definition) => definition.variable.name.value)
      .filter((name) => request.variables?.[name] !== undefined)
      .map((name) => [name, request.variables![name]]),
  );
  const coerced = getVariableValues(options.schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return coerced.errors.map((error) => withCode(error, ErrorCode.BAD_USER_INPUT, false));
  const args = getArgumentValues(definition, root, coerced.coerced);

  const rewritten: FieldNode = {
    ...root,
    name: { kind: Kind.NAME, value: live.query },
    // The alias, if any, stays: renaming an unaliased root is done on the answer (no extra alias to count).
    selectionSet: live.finalStates && root.selectionSet ? withHiddenState(root.selectionSet) : root.selectionSet,
  };
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    selectionSet: { ...operation.selectionSet, selections: [rewritten] },
  };
  const fragments = reachableFragments(document, operation);
  return {
    field,
    live,
    responseKey: root.alias?.value ?? field,
    answerKey: root.alias?.value ?? live.query,
    query: print({ kind: Kind.DOCUMENT, definitions: [query, ...fragments] }),
    operationName: operation.name?.value,
    variables,
    args,
    document,
  };
}

function withHiddenState(selectionSet: NonNullable<FieldNode['selectionSet']>): NonNullable<FieldNode['selectionSet']> {
  const state: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: HIDDEN_STATE_KEY }, name: { kind: Kind.NAME, value: 'state' } };
  return { ...selectionSet, selections: [...selectionSet.selections, state] };
}

/** The fragments the operation uses, directly or through other fragments (other operations' would fail validation as unused). */
function reachableFragments(document: DocumentNode, operation: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const used = new Set<string>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = byName.get(name);
        if (used.has(name) || !fragment) return;
        used.add(name);
        walk(fragment);
      },
    });
  walk(operation);
  return [...byName.values()].filter((fragment) => used.has(fragment.name.value));
}
