/**
 * What one request may cost, enforced before planning (GraphQL Armor): depth, aliases, tokens,
 * directives and cost. Armor reports rejections as plain validation errors, which Apollo labels
 * GRAPHQL_VALIDATION_FAILED; we tag them at the source so clients get the stable QUERY_TOO_COMPLEX.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { config } from '../platform/config.js';
import { ErrorCode } from '../platform/errors.js';

/** Runs a rule with a context whose reported errors carry our code. */
const tagRejections =
  (rule: ValidationRule): ValidationRule =>
  (context) => {
    const tagged = Object.create(context, {
      reportError: {
        value: (error: GraphQLError) =>
          context.reportError(
            new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } }),
          ),
      },
    }) as ValidationContext;
    return rule(tagged);
  };

/**
 * The token limit runs in the parser, not as a rule, and Armor's Apollo plugin re-throws its error as
 * a new one keeping only the message; so that message (the one we configure) is how we recognise it.
 */
const TOKEN_LIMIT_MESSAGE = 'Query has too many tokens';
const TOKEN_LIMIT_ERROR = `Syntax Error: ${TOKEN_LIMIT_MESSAGE}`;

export function queryLimits() {
  const c = config();
  const armor = new ApolloArmor({
    maxDepth: { n: c.MAX_QUERY_DEPTH },
    maxAliases: { n: c.MAX_QUERY_ALIASES },
    maxTokens: { n: c.MAX_QUERY_TOKENS, exposeLimits: false, errorMessage: TOKEN_LIMIT_MESSAGE },
    maxDirectives: { n: c.MAX_QUERY_DIRECTIVES },
    costLimit: { maxCost: c.MAX_QUERY_COST },
    // Field suggestions let strangers map a schema with introspection off.
    blockFieldSuggestion: { enabled: c.NODE_ENV === 'production' },
  }).protect();
  return { plugins: armor.plugins, validationRules: armor.validationRules.map(tagRejections) };
}

/** True when the error (or what it wraps) is a limit rejection. */
export function isLimitRejection(error: unknown): boolean {
  for (let e = error as GraphQLError | undefined; e; e = e.originalError as GraphQLError | undefined) {
    if (e.extensions?.code === ErrorCode.QUERY_TOO_COMPLEX || e.message === TOKEN_LIMIT_ERROR) return true;
  }
  return false;
}
