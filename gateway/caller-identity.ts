/**
 * Works out who is calling: verifies the access token (ES256 JWT from users, public keys fetched from
 * its JWKS and cached), refuses ended sessions and deactivated accounts (Redis revocation list), and
 * notes the client's address, agent and request id. A bad token is an error, not an anonymous call,
 * so clients know to refresh. HTTP requests and WebSocket connections (subscriptions/) share it.
 */
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, JWKS_PATH } from '../platform/auth/access-token.js';
import { isRevoked } from '../platform/auth/revocations.js';
import { config, listenPort } from '../platform/config.js';
import { AppError, ErrorCode } from '../platform/errors.js';
import type { RequestIdentity, Role } from '../platform/identity.js';

export type CallerIdentity = Omit<RequestIdentity, 'viaGateway'>;

/** What a caller presents, whatever the transport. */
export interface CallerCredentials {
  /** `Bearer <access token>`, as in the HTTP header; absent for an anonymous caller. */
  authorization?: string;
  ip?: string;
  userAgent?: string;
  requestId: string;
}

export interface VerifiedCaller {
  identity: CallerIdentity;
  /** Epoch milliseconds when the access token expires; absent for an anonymous caller. */
  expiresAt?: number;
}

const rejectToken = (message: string, reason: string) =>
  new AppError(ErrorCode.UNAUTHENTICATED, message, { reason, http: { status: 401 } });

export function createCallerIdentification(redis: Redis) {
  const jwksUrl = config().USERS_JWKS_URL ?? `http://127.0.0.1:${listenPort('users')}${JWKS_PATH}`;
  const keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 });

  async function verify(credentials: CallerCredentials): Promise<VerifiedCaller> {
    const anonymous: CallerIdentity = {
      roles: [],
      ip: credentials.ip,
      userAgent: credentials.userAgent?.slice(0, 512),
      requestId: credentials.requestId,
    };
    const header = credentials.authorization;
    if (!header) return { identity: anonymous };
    const bearer = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
    if (!bearer?.[1]) throw rejectToken('The Authorization header must be `Bearer <access token>`', 'MALFORMED_TOKEN');

    let claims: { sub?: string; sid?: unknown; roles?: unknown; exp?: number };
    try {
      ({ payload: claims } = await jwtVerify(bearer[1], keys, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw rejectToken('The access token has expired; refresh it', 'TOKEN_EXPIRED');
      if (error instanceof joseErrors.JWKSTimeout) {
        throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Could not verify the access token right now', { http: { status: 503 } });
      }
      throw rejectToken('The access token is invalid', 'INVALID_TOKEN');
    }
    if (!claims.sub || typeof claims.sid !== 'string') throw rejectToken('The access token is invalid', 'INVALID_TOKEN');
    if (await isRevoked(redis, claims.sub, claims.sid)) throw rejectToken('This session has ended; sign in again', 'SESSION_ENDED');

    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => r === 'USER' || r === 'ADMIN') : [];
    return {
      identity: { ...anonymous, userId: claims.sub, sessionId: claims.sid, roles },
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  }

  return {
    /** The caller of an HTTP request. */
    request: async (req: Request, requestId: string): Promise<CallerIdentity> =>
      (await verify({ authorization: req.get('authorization'), ip: req.ip, userAgent: req.get('user-agent'), requestId })).identity,
    /** The caller behind credentials from elsewhere (a WebSocket's connectionParams), with the token's expiry. */
    credentials: verify,
  };
}

export type CallerIdentification = ReturnType<typeof createCallerIdentification>;
