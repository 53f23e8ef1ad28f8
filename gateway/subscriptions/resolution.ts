/**
 * Runs a subscription's rewritten query through the gateway's own Apollo Server (executeOperation):
 * the same plugins, limits, query planning, error formatting and identity forwarding as an HTTP
 * request, with the subscriber's identity as context. Shapes the answer into the client's payload
 * (its response key, no hidden fields) and decides whether it refuses or ends the subscription.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../platform/errors.js';
import { signIdentity } from '../../platform/identity.js';
import type { CallerIdentity } from '../caller-identity.js';
import type { GatewayContext } from '../server.js';
import { HIDDEN_STATE_KEY, type PreparedSubscription } from './rewrite.js';

/** What one subscriber receives for one event: GraphQL errors as graphql-ws sends them. */
export interface LivePayload {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
}

export interface Resolution {
  payload: LivePayload;
  /** The last payload of the subscription (a job that finished). */
  final: boolean;
  /** Set when, at subscribe time, the answer means the subscriber may not have this subscription. */
  refusal?: GraphQLError[];
}

export type Resolve = (prepared: PreparedSubscription, identity: CallerIdentity) => Promise<Resolution>;

const REFUSING_CODES = new Set<unknown>([ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND]);

/** A formatted error as a GraphQLError again (graphql-ws serialises those), its path under the client's key. */
const toGraphQLError = (error: GraphQLFormattedError, prepared: PreparedSubscription) =>
  new GraphQLError(error.message, {
    path: error.path?.[0] === prepared.answerKey ? [prepared.responseKey, ...error.path.slice(1)] : error.path,
    extensions: error.extensions,
  });

export function createResolver(server: ApolloServer<GatewayContext>): Resolve {
  return async (prepared, subscriber) => {
    // Each resolution is its own request downstream (own id, fresh short-lived identity token).
    const identity: CallerIdentity = { ...subscriber, requestId: randomUUID() };
    const response = await server.executeOperation(
      { query: prepared.query, operationName: prepared.operationName, variables: prepared.variables },
      { contextValue: { identity, identityToken: await signIdentity(identity) } },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported for subscriptions');
    return shapeResolution(prepared, response.body.singleResult);
  };
}

/** The client's payload from the query's answer, and whether it refuses or ends the subscription. */
export function shapeResolution(
  prepared: PreparedSubscription,
  result: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] },
): Resolution {
  const errors = result.errors?.length ? result.errors.map((error) => toGraphQLError(error, prepared)) : undefined;
  // Absent when the request failed as a whole, or when the root field was skipped by a directive.
  const present = result.data != null && prepared.answerKey in result.data;
  let value = present ? result.data![prepared.answerKey] : undefined;
  let state: unknown;
  if (value && typeof value === 'object' && HIDDEN_STATE_KEY in value) {
    ({ [HIDDEN_STATE_KEY]: state, ...value } = value as Record<string, unknown>);
  }
  const data = result.data == null ? result.data : present ? { [prepared.responseKey]: value } : {};
  const payload: LivePayload = { ...(data !== undefined ? { data } : {}), ...(errors ? { errors } : {}) };
  return {
    payload,
    final: typeof state === 'string' && (prepared.live.finalStates?.includes(state) ?? false),
    refusal: refusal(prepared, result.data, present, value, errors),
  };
}

function refusal(
  prepared: PreparedSubscription,
  data: Record<string, unknown> | null | undefined,
  present: boolean,
  value: unknown,
  errors: GraphQLError[] | undefined,
): GraphQLError[] | undefined {
  // The request failed as a whole (limits, validation): nothing ran.
  if (data == null) {
    return errors ?? [new GraphQLError('The subscription could not be resolved', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })];
  }
  // Refusals of the subject itself; a refused nested field is a partial answer, as over HTTP.
  const refusing = errors?.filter((e) => REFUSING_CODES.has(e.extensions.code) && (e.path?.length ?? 0) <= 1);
  if (refusing?.length) return refusing;
  if (present && value == null && prepared.live.nullRefuses) {
    return [new GraphQLError(`${prepared.live.subject} not found`, { extensions: { code: ErrorCode.NOT_FOUND } })];
  }
  return undefined;
}
