/**
 * Who is on a subscription socket, and for how long. The access token comes in connectionParams and
 * is verified by the HTTP path's own code (caller-identity.ts); the socket is closed when the token
 * expires, and when its session is revoked (logout, revokeSession, a deactivated user), which is
 * checked for every open socket at once, periodically, with one MGET.
 *
 * Close codes: 4403 (graphql-ws's Forbidden) whenever authentication ends a socket, with the reason
 * code as close reason (TOKEN_EXPIRED, SESSION_ENDED, INVALID_TOKEN, MALFORMED_TOKEN). The graphql-ws
 * client retries 4403, evaluating connectionParams again, so a client whose connectionParams
 * refreshes its token reconnects by itself; a revoked session cannot refresh and stays out. 4401 is
 * not used: the client treats it as fatal and it already means "subscribed before connection_init".
 * 1013 (try again later) when the token cannot be verified right now (JWKS unreachable).
 */
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { revokedSessions } from '../../platform/auth/revocations.js';
import { AppError, ErrorCode } from '../../platform/errors.js';

export const AUTH_CLOSE_CODE = 4403;
export const UNAVAILABLE_CLOSE_CODE = 1013;

export type CloseReason = 'TOKEN_EXPIRED' | 'SESSION_ENDED' | 'INVALID_TOKEN' | 'MALFORMED_TOKEN';

/**
 * The `Authorization` value in connectionParams: `{ authorization: "Bearer <jwt>" }` (any case of
 * the key, as headers are) or `{ token: "<jwt>" }`; undefined for an anonymous connection.
 */
export function connectionAuthorization(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const key = Object.keys(params).find((name) => name.toLowerCase() === 'authorization');
  const header = key === undefined ? undefined : params[key];
  const token = params.token;
  if (header === undefined && token === undefined) return undefined;
  if (header !== undefined) {
    if (typeof header !== 'string') throw malformed();
    return header;
  }
  if (typeof token !== 'string') throw malformed();
  return `Bearer ${token}`;
}

const malformed = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, 'connectionParams must carry `authorization: "Bearer <access token>"` or `token`', {
    reason: 'MALFORMED_TOKEN',
  });

/** The client's address as express computes `req.ip` for HTTP requests (the same `trust proxy`). */
export function clientAddress(app: Express, request: IncomingMessage): string | undefined {
  const view = Object.create(app.request, {
    app: { value: app },
    headers: { value: request.headers },
    socket: { value: request.socket },
    connection: { value: request.socket },
  }) as { ip?: string };
  return view.ip;
}

/** Calls `onExpired` when the access token expires; returns how to cancel. */
export function scheduleExpiry(expiresAt: number | undefined, onExpired: () => void, now: () => number = Date.now): () => void {
  if (expiresAt === undefined) return () => undefined;
  // setTimeout holds at most ~24.8 days; access tokens live minutes, but a longer TTL must not fire early.
  const MAX_DELAY = 2 ** 31 - 1;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const remaining = expiresAt - now();
    if (remaining <= 0) return onExpired();
    timer = setTimeout(arm, Math.min(remaining, MAX_DELAY));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}

interface Watched {
  userId: string;
  sessionId: string;
  onRevoked: () => void;
}

/**
 * The sessions of the open sockets, checked against the revocation list every `intervalMs` in one
 * MGET (whatever the number of sockets), so a revoked session's sockets close within about that.
 */
export class SessionWatch {
  private readonly watched = new Set<Watched>();
  private readonly timer: NodeJS.Timeout;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    intervalMs: number,
    private readonly log?: Logger,
  ) {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  /** Calls `onRevoked` (once) if the session is revoked while watched; returns how to stop watching. */
  watch(session: { userId: string; sessionId: string }, onRevoked: () => void): () => void {
    const entry: Watched = { ...session, onRevoked };
    this.watched.add(entry);
    return () => this.watched.delete(entry);
  }

  get size(): number {
    return this.watched.size;
  }

  /** One round; a round still running (Redis slow) is not doubled. */
  check(): Promise<void> {
    this.checking ??= this.round().finally(() => (this.checking = undefined));
    return this.checking;
  }

  close(): void {
    clearInterval(this.timer);
    this.watched.clear();
  }

  private async round(): Promise<void> {
    const entries = [...this.watched];
    if (!entries.length) return;
    let revoked: Set<string>;
    try {
      revoked = await revokedSessions(this.redis, entries);
    } catch (error) {
      // Redis away: keep the sockets (HTTP requests fail meanwhile anyway) and try again next round.
      this.log?.warn({ err: (error as Error).message }, 'could not check subscription sessions');
      return;
    }
    for (const entry of entries) {
      if (!revoked.has(entry.sessionId) || !this.watched.delete(entry)) continue;
      entry.onRevoked();
    }
  }
}
