/**
 * The error contract of the public API: every error a client sees carries one of these stable codes
 * in `extensions.code`. Internal errors are masked to `INTERNAL_SERVER_ERROR` outside development.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PROVIDER_UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  QUOTA_EXHAUSTED: 'QUOTA_EXHAUSTED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes produced by Apollo Server / GraphQL itself that are safe to pass through. */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const unauthenticated = (message = 'You must be signed in') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
export const badInput = (message: string, field?: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const rateLimited = (retryAfterSeconds: number, message = 'Too many attempts, try again later') =>
  new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });

/**
 * One formatter for gateway and subgraphs: known codes pass with their message; anything else
 * (a bug, a driver error) becomes INTERNAL_SERVER_ERROR, with details only in development.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { development: boolean; log?: (error: unknown) => void },
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = String(formatted.extensions?.code ?? '');
  // graphql-armor and graphql-js validation errors carry their own codes; ours and these pass through.
  if (PASS_THROUGH.has(code) || (original instanceof GraphQLError && !original.originalError && code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return options.development ? formatted : { ...formatted, extensions };
  }
  options.log?.(original);
  if (options.development) return formatted;
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
