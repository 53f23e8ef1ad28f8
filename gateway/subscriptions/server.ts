/**
 * The gateway's graphql-ws server on the HTTP endpoint's own path and port (DESIGN.md "Jobs and live
 * updates"): @apollo/gateway does not execute subscriptions, so each one is rewritten into the query
 * that answers it (rewrite.ts), checked once at subscribe time as its subscriber (refused when it may
 * not see it), then re-resolved through the gateway's own execution whenever a live event of its
 * topic arrives from Redis (fan-out.ts). Nothing is process-local but the sockets: every replica
 * hears every event, so a change made through one gateway reaches subscribers of all of them.
 *
 * No payload is sent at subscribe time, only on events; the one exception is a job that has already
 * finished, whose final state is sent at once, followed by `complete` (no event would ever come).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import type { Express } from 'express';
import { type ExecutionArgs, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { config, isDevelopment } from '../../platform/config.js';
import { AppError, ErrorCode } from '../../platform/errors.js';
import { LiveEventSubscriber, type LiveTopic } from '../../platform/live/live-events.js';
import { connectRedis } from '../../platform/redis/connection.js';
import type { CallerIdentification, CallerIdentity, VerifiedCaller } from '../caller-identity.js';
import type { GatewayContext } from '../server.js';
import {
  AUTH_CLOSE_CODE, clientAddress, connectionAuthorization, scheduleExpiry, SessionWatch, UNAVAILABLE_CLOSE_CODE, type CloseReason,
} from './authentication.js';
import { FanOut, type Member } from './fan-out.js';
import { subscriptionEvents, subscriptionResolutions, subscriptionsOpen } from './metrics.js';
import { createResolver, type LivePayload, type Resolution } from './resolution.js';
import { prepareSubscription, type PreparedSubscription } from './rewrite.js';

export interface SubscriptionServerOptions {
  /** The HTTP endpoint's path: WebSocket upgrades elsewhere are refused. */
  path: string;
  httpServer: http.Server;
  /** For `trust proxy`: the client's address is computed as for HTTP requests. */
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  /** The gateway's current API schema (undefined until it is loaded). */
  schema: () => GraphQLSchema | undefined;
  identify: CallerIdentification;
  /** Command connection (revocation checks); events get a connection of their own. */
  redis: Redis;
  validationRules: readonly ValidationRule[];
  log: Logger;
}

interface Connection {
  identity: CallerIdentity;
  /** Subscriptions of this socket, ended with it (also those still in their subscribe-time check). */
  members: Set<Member<LivePayload, CallerIdentity>>;
  release: (() => void)[];
}

/** Subscribers with the same key get the same answer: same query text, variables, user and roles. */
export function groupKey(prepared: Pick<PreparedSubscription, 'query' | 'variables'>, identity: Pick<CallerIdentity, 'userId' | 'roles'>): string {
  return JSON.stringify([prepared.query, canonical(prepared.variables), identity.userId ?? null, [...identity.roles].sort()]);
}

/** Objects with sorted keys, so `{a, b}` and `{b, a}` group together. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** The close code of the sockets of a gateway that shuts down (RFC 6455 1012 Service Restart): reconnect, elsewhere. */
export const SERVICE_RESTART_CLOSE_CODE = 1012;

const topicKind = (topic: LiveTopic) => topic.slice(0, topic.indexOf(':'));
const unavailable = () => [new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Live updates are unavailable right now; try again')];

export function startSubscriptionServer(options: SubscriptionServerOptions) {
  const c = config();
  const { log } = options;
  const live = new LiveEventSubscriber(connectRedis());
  const sessions = new SessionWatch(options.redis, c.SUBSCRIPTION_REVOCATION_CHECK_MS, log);
  const resolve = createResolver(options.apollo);
  const fanOut = new FanOut<PreparedSubscription, CallerIdentity, LivePayload>({
    listen: (topic, onEvent) => live.on(topic, onEvent),
    resolve,
    onEvent: (topic) => subscriptionEvents.inc({ kind: topicKind(topic) }),
    onResolution: (prepared, outcome, error) => {
      subscriptionResolutions.inc({ field: prepared.field, reason: 'event', outcome });
      if (error) log.error({ err: error, field: prepared.field }, 'subscription resolution failed');
    },
    onOpen: (prepared, change) => subscriptionsOpen.inc({ field: prepared.field }, change),
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: c.MAX_BODY_BYTES });
  const server = useServer<Record<string, unknown>, { connection: Connection }>(
    {
      // The Subscribe path builds its own ExecutionArgs (onSubscribe); this is only graphql-ws's fallback.
      schema: () => options.schema()!,
      connectionInitWaitTimeout: 5000,
      async onConnect(ctx) {
        const { socket, request } = ctx.extra;
        let verified: VerifiedCaller;
        try {
          verified = await options.identify.credentials({
            authorization: connectionAuthorization(ctx.connectionParams),
            ip: clientAddress(options.app, request),
            userAgent: request.headers['user-agent'],
            requestId: randomUUID(),
          });
        } catch (error) {
          const reason = error instanceof AppError ? error.extensions.reason : undefined;
          // graphql-ws would close with a bare 4403 on `false`; closing first gives the reason (its own close is then a no-op).
          if (typeof reason === 'string') socket.close(AUTH_CLOSE_CODE, reason);
          else socket.close(UNAVAILABLE_CLOSE_CODE, 'UNAVAILABLE');
          return false;
        }
        if (socket.readyState !== socket.OPEN) return false; // gone while we verified: nothing to watch
        const connection: Connection = { identity: verified.identity, members: new Set(), release: [] };
        ctx.extra.connection = connection;
        const { userId, sessionId } = verified.identity;
        if (userId && sessionId) {
          const close = (reason: CloseReason) => () => socket.close(AUTH_CLOSE_CODE, reason);
          connection.release.push(scheduleExpiry(verified.expiresAt, close('TOKEN_EXPIRED')));
          connection.release.push(sessions.watch({ userId, sessionId }, close('SESSION_ENDED')));
        }
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        const connection = ctx.extra.connection;
        const schema = options.schema();
        if (!connection || !schema) return unavailable();
        const prepared = prepareSubscription(payload, {
          schema,
          rules: options.validationRules,
          maxTokens: c.MAX_QUERY_TOKENS,
          introspection: isDevelopment(),
          hideSuggestions: c.NODE_ENV === 'production',
        });
        if (Array.isArray(prepared)) return prepared;
        const { identity } = connection;
        if (prepared.live.requiresSignIn && !identity.userId) {
          return [new AppError(ErrorCode.UNAUTHENTICATED, `Sign in to subscribe to ${prepared.field}`)];
        }
        for (const member of connection.members) if (member.ended) connection.members.delete(member);

        // Joined before the check, so an event during the check still reaches this subscriber.
        let member: Member<LivePayload, CallerIdentity>;
        try {
          const topic = prepared.live.topic(prepared.args, identity);
          member = await fanOut.join({ key: groupKey(prepared, identity), topic, subject: prepared, identity });
        } catch (error) {
          log.error({ err: error, field: prepared.field }, 'could not listen to live events');
          return unavailable();
        }
        connection.members.add(member);
        let check: Resolution;
        try {
          check = await resolve(prepared, identity);
          subscriptionResolutions.inc({ field: prepared.field, reason: 'check', outcome: 'ok' });
        } catch (error) {
          subscriptionResolutions.inc({ field: prepared.field, reason: 'check', outcome: 'error' });
          log.error({ err: error, field: prepared.field }, 'subscription check failed');
          member.end();
          return unavailable();
        }
        if (check.refusal) {
          member.end();
          return check.refusal;
        }
        member.accept(check);
        return {
          schema,
          document: prepared.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: { member },
        } satisfies ExecutionArgs;
      },
      // graphql-ws iterates the member for its `next` messages, and calls return() when the client completes.
      subscribe: (args) => (args.contextValue as { member: Member<LivePayload, CallerIdentity> }).member,
      onClose(ctx) {
        const connection = ctx.extra.connection;
        if (!connection) return;
        for (const release of connection.release) release();
        for (const member of connection.members) member.end();
      },
    },
    wss,
  );

  // Set by close(): upgrades are refused from then on (the client retries, through the load balancer, elsewhere).
  let closing: Promise<void> | undefined;
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://gateway');
    if (pathname !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.httpServer.on('upgrade', onUpgrade);

  return {
    fanOut,
    sessions,
    /**
     * Shutdown (gateway/main.ts, at the first signal): no new sockets, then every open one closed with
     * 1012 Service Restart, which graphql-ws clients retry (a close code they treat as non-fatal), so
     * they reconnect — to another replica, as this one no longer upgrades — and subscribe again; then
     * stops listening for events. Idempotent.
     */
    close(): Promise<void> {
      closing ??= (async () => {
        sessions.close();
        const sockets = [...wss.clients];
        const gone = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => {
          if (socket.readyState === socket.CLOSED) resolve();
          else socket.once('close', () => resolve());
        })));
        for (const socket of sockets) socket.close(SERVICE_RESTART_CLOSE_CODE, 'Service Restart');
        // A client that never answers the close frame must not hold the shutdown.
        let force: NodeJS.Timeout | undefined;
        await Promise.race([gone, new Promise<void>((resolve) => (force = setTimeout(resolve, 2000)))]);
        clearTimeout(force);
        for (const socket of wss.clients) socket.terminate();
        await server.dispose();
        await fanOut.close();
        await live.close();
      })();
      return closing;
    },
  };
}

export type SubscriptionServer = ReturnType<typeof startSubscriptionServer>;
