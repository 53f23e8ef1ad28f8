/**
 * The edge: Apollo Server 5 running @apollo/gateway over the committed supergraph. It identifies the
 * caller, limits what a request may cost, forwards identity to subgraphs in a signed token, and
 * formats every error once. Introspection and the landing page exist in development only.
 * Subscriptions are served on the same path and port over graphql-ws (subscriptions/).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Redis } from 'ioredis';
import { config, isDevelopment, listenPort, requestGraceMs, subgraphUrl } from '../platform/config.js';
import { ErrorCode, formatError } from '../platform/errors.js';
import { mountProbes } from '../platform/http/probes.js';
import { IDENTITY_HEADER, signIdentity } from '../platform/identity.js';
import { logger } from '../platform/logger.js';
import { metricsPlugin } from '../platform/metrics.js';
import { requestLogPlugin } from '../platform/observability/request-log.js';
import { requestContextMiddleware, requestContextOf, requestIdOf } from '../platform/observability/request-context.js';
import { redisReadiness } from '../platform/redis/connection.js';
import type { SubgraphName } from '../platform/services.js';
import { createCallerIdentification, type CallerIdentity } from './caller-identity.js';
import { isLimitRejection, queryLimits } from './query-limits.js';
import { measureSubgraphFetch } from './subgraph-metrics.js';
import { startSubscriptionServer } from './subscriptions/server.js';

export interface GatewayContext {
  identity: CallerIdentity;
  /** Signed once per request, sent to every subgraph the plan touches. */
  identityToken: string;
}

class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    super({ url });
  }

  override process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    return measureSubgraphFetch(this.subgraph, options.request.operationName, () => super.process(options));
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.identityToken) request.http?.headers.set(IDENTITY_HEADER, context.identityToken);
    if (context.identity?.requestId) request.http?.headers.set('x-request-id', context.identity.requestId);
  }
}

const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

export async function startGateway(redis: Redis, port = listenPort('gateway')) {
  const log = logger('gateway');
  const development = isDevelopment();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) => new IdentityForwardingDataSource(name, subgraphUrl(name as SubgraphName)),
  });
  // Subscriptions are validated against the API schema the gateway serves.
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => (apiSchema = loaded.apiSchema));
  const identify = createCallerIdentification(redis);
  const limits = queryLimits();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config().TRUST_PROXY);
  const httpServer = http.createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: development,
    allowBatchedHttpRequests: false,
    // onShutdown() owns the signals; Apollo's own handler would race it and hang stop().
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: development,
    validationRules: limits.validationRules,
    formatError: (formatted, error) => {
      if (isLimitRejection(error)) {
        return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
      }
      return formatError(formatted, error, { development, log: (e) => log.error({ err: e }, 'unexpected gateway error') });
    },
    plugins: [
      ...limits.plugins,
      // stop(): no new connections, idle ones closed, in-flight requests get the rest of the shutdown bound.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: requestGraceMs() }),
      development ? ApolloServerPluginLandingPageLocalDefault({ footer: false }) : ApolloServerPluginLandingPageDisabled(),
      metricsPlugin(),
      requestLogPlugin(log),
    ],
  });
  await server.start();

  mountProbes(app, { redis: redisReadiness(redis) });
  app.use(
    '/graphql',
    express.json({ limit: config().MAX_BODY_BYTES }),
    // The request id (incoming x-request-id or a new one), answered in the header and on every log line.
    requestContextMiddleware({ answerHeader: true }),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const request = requestContextOf(res) ?? { requestId: requestIdOf(req) };
        const identity = await identify.request(req, request.requestId);
        request.userId = identity.userId;
        return { identity, identityToken: await signIdentity(identity) };
      },
    }),
  );
  // Oversized or malformed bodies get a GraphQL-shaped error instead of express's HTML page.
  app.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!error.status || error.status >= 500) return next(error);
    const tooLarge = error.type === 'entity.too.large';
    res.status(error.status).json({
      errors: [
        {
          message: tooLarge ? `Request body is larger than ${config().MAX_BODY_BYTES} bytes` : 'Request body is not valid JSON',
          extensions: { code: tooLarge ? ErrorCode.BAD_USER_INPUT : 'BAD_REQUEST' },
        },
      ],
    });
  });

  const subscriptions = startSubscriptionServer({
    path: '/graphql',
    httpServer,
    app,
    apollo: server,
    schema: () => apiSchema,
    identify,
    redis,
    validationRules: limits.validationRules,
    log,
  });

  await new Promise<void>((resolve) => httpServer.listen(port, config().HOST, resolve));
  const url = `http://localhost:${(httpServer.address() as AddressInfo).port}/graphql`;
  log.info({ url }, 'gateway ready');
  return {
    url,
    /** Shutdown's first step: no new subscriptions, open sockets closed with 1012 (clients reconnect elsewhere). */
    closeSubscriptions: () => subscriptions.close(),
    stop: async () => {
      // Upgraded sockets would keep the HTTP server from closing: they go first (idempotent).
      await subscriptions.close();
      await server.stop();
    },
  };
}
