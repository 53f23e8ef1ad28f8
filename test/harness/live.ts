/**
 * Helpers for the subscription e2e tests (test/e2e/subscriptions.test.ts): a graphql-ws client
 * (the real `graphql-ws` client over `ws`) whose payloads, errors, completion and socket closes can
 * be awaited; live events published on the stack's Redis as a subgraph publishes them; a second
 * gateway process on the same stack; and access tokens signed with the users subgraph's real key.
 */
import { join } from 'node:path';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { Redis } from 'ioredis';
import { SignJWT, importJWK, type JWK } from 'jose';
import pg from 'pg';
import WebSocket from 'ws';
import type { LiveEvent, LiveTopic } from '../../platform/live/live-events.js';
import { REPO_ROOT, spawnNode } from '../../platform/runtime/child.js';
import { freePort, waitForHealth } from '../../platform/runtime/network.js';
import { stack } from './client.js';

export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

export interface SocketClose {
  code: number;
  reason: string;
}

export interface LiveClient {
  client: Client;
  /** The first time the socket closed. */
  closed: Promise<SocketClose>;
  /** Resolves once the server acknowledged the connection. */
  connected: Promise<void>;
  dispose(): Promise<void>;
}

/** A client that never reconnects, so a close is seen as it happened. */
export function liveClient(options: { url?: string; token?: string; connectionParams?: Record<string, unknown> } = {}): LiveClient {
  let onClosed!: (close: SocketClose) => void;
  let onConnected!: () => void;
  const closed = new Promise<SocketClose>((resolve) => (onClosed = resolve));
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url: wsUrl(options.url ?? stack().gatewayUrl),
    webSocketImpl: WebSocket,
    connectionParams: options.connectionParams ?? (options.token ? { authorization: `Bearer ${options.token}` } : {}),
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // seen through `closed`
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed, connected, dispose: () => Promise.resolve(client.dispose()) };
}

export type Payload<T> = FormattedExecutionResult<T, unknown>;

export type Ended =
  | { completed: true }
  | { completed: false; errors?: { message: string; extensions?: Record<string, unknown> }[]; close?: SocketClose };

export interface LiveSubscription<T> {
  payloads: Payload<T>[];
  /** The next payload (from now, or one already received and not yet taken) that `match` accepts. */
  next(match?: (payload: Payload<T>) => boolean, timeoutMs?: number): Promise<Payload<T>>;
  /** How it ended: completed by the server, refused/errored (GraphQL errors, or the socket's close). */
  ended: Promise<Ended>;
  unsubscribe(): void;
}

export function subscribe<T = Record<string, any>>(live: LiveClient, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
  const payloads: Payload<T>[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  let settle!: (outcome: Ended) => void;
  const ended = new Promise<Ended>((resolve) => (settle = resolve));
  const unsubscribe = live.client.subscribe<T>(
    { query, variables },
    {
      next: (payload) => {
        payloads.push(payload);
        wake?.();
      },
      error: (error) => {
        if (Array.isArray(error)) settle({ completed: false, errors: error });
        else if (error && typeof error === 'object' && 'code' in error) {
          const { code, reason } = error as { code: number; reason: string };
          settle({ completed: false, close: { code, reason: String(reason) } });
        } else settle({ completed: false, errors: [{ message: String(error) }] });
        wake?.();
      },
      complete: () => {
        settle({ completed: true });
        wake?.();
      },
    },
  );
  return {
    payloads,
    ended,
    unsubscribe,
    async next(match = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (taken < payloads.length) {
          const payload = payloads[taken++]!;
          if (match(payload)) return payload;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no matching payload within ${timeoutMs} ms; got ${JSON.stringify(payloads)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    },
  };
}

let redis: Redis | undefined;
const stackRedis = () => (redis ??= new Redis(stack().env.REDIS_URL ?? 'redis://127.0.0.1:6379'));

/**
 * Publishes a live event on the stack's Redis, as platform/live/live-events.ts does: its channel is
 * under the stack's prefix (publishLiveEvent would use this test process's own configuration).
 */
export async function publishEvent(topic: LiveTopic, details: { version?: number } = {}): Promise<void> {
  const event: LiveEvent = { topic, at: Date.now(), ...details };
  await stackRedis().publish(`${stack().env.REDIS_KEY_PREFIX ?? ''}live:${topic}`, JSON.stringify(event));
}

/**
 * Publishes `topic` every `everyMs` until the subscription gets a payload that `match` accepts: the
 * client cannot tell when the server has finished setting a subscription up (no payload is sent at
 * subscribe time), and a repeated event is harmless (each resolves the current state).
 */
export async function publishUntil<T>(
  subscription: LiveSubscription<T>,
  topic: LiveTopic,
  match: (payload: Payload<T>) => boolean,
  timeoutMs = 15_000,
  everyMs = 300,
): Promise<Payload<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await publishEvent(topic);
    try {
      return await subscription.next(match, everyMs);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

export async function closeLiveHelpers(): Promise<void> {
  redis?.disconnect();
  redis = undefined;
}

/** Another gateway process on the same stack (same env, its own port), as a second replica. */
export async function startSecondGateway(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawnNode({
    name: 'gateway-2',
    file: join(REPO_ROOT, 'gateway', 'main.ts'),
    env: { ...stack().env, GATEWAY_PORT: String(port) },
  });
  try {
    await Promise.race([
      waitForHealth(`http://127.0.0.1:${port}/health`, 60_000),
      child.exited.then(() => Promise.reject(child.failure(`${child.describeExit()} before it was healthy`))),
    ]);
  } catch (error) {
    await child.stop(2000);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await child.stop(5000);
    },
  };
}

/** An access token signed with the users subgraph's real key (read from its database), expiring at `expiresAt` (epoch seconds). */
export async function signAccessToken(claims: { sub: string; sid: string; roles?: string[] }, expiresAt: number): Promise<string> {
  const url = new URL(stack().databaseUrl);
  url.pathname = `/${stack().env.DATABASE_NAME_PREFIX}users`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  let jwk: JWK;
  try {
    jwk = (await db.query('SELECT private_jwk FROM signing_keys ORDER BY created_at LIMIT 1')).rows[0].private_jwk as JWK;
  } finally {
    await db.end();
  }
  return new SignJWT({ sid: claims.sid, roles: claims.roles ?? ['USER'] })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid! })
    .setIssuer('supergraph-users')
    .setAudience('supergraph')
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(await importJWK(jwk, 'ES256'));
}
