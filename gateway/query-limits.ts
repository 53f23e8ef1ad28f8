/**
 * What one request may cost, enforced before planning (GraphQL Armor): depth, aliases, tokens,
 * directives and cost. Armor reports rejections as plain validation errors; we remember them so the
 * error formatter can give clients the stable code QUERY_TOO_COMPLEX.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { config } from '../platform/config.js';

const rejected = new WeakSet<GraphQLError>();
const remember = (_ctx: unknown, error: GraphQLError) => void rejected.add(error);

export function queryLimits() {
  const c = config();
  const callbacks = { onReject: [remember], propagateOnRejection: true };
  return new ApolloArmor({
    maxDepth: { n: c.MAX_QUERY_DEPTH, ...callbacks },
    maxAliases: { n: c.MAX_QUERY_ALIASES, ...callbacks },
    maxTokens: { n: c.MAX_QUERY_TOKENS, ...callbacks },
    maxDirectives: { n: c.MAX_QUERY_DIRECTIVES, ...callbacks },
    costLimit: { maxCost: c.MAX_QUERY_COST, ...callbacks },
    // Field suggestions let strangers map a schema with introspection off.
    blockFieldSuggestion: { enabled: c.NODE_ENV === 'production' },
  }).protect();
}

/** True when the error (or what it wraps) is a limit rejection. */
export function isLimitRejection(error: unknown): boolean {
  for (let e = error as { originalError?: unknown } | undefined; e; e = e.originalError as typeof e) {
    if (rejected.has(e as GraphQLError)) return true;
  }
  return false;
}
