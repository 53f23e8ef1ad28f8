/**
 * Serves one subgraph: its Federation 2 schema wrapped in graphql-shield, the identity the gateway
 * signed, one error formatter, and the probes. Each subgraph's `main.ts` calls `serveSubgraph` once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import express from 'express';
import type { DocumentNode } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { IRules } from 'graphql-shield';
import { config, isDevelopment, listenPort, requestGraceMs } from '../config.js';
import { formatError } from '../errors.js';
import { IDENTITY_HEADER, readIdentity } from '../identity.js';
import { logger } from '../logger.js';
import { metricsPlugin } from '../metrics.js';
import { requestLogPlugin } from '../observability/request-log.js';
import { requestContextMiddleware, requestContextOf } from '../observability/request-context.js';
import { mountProbes, type ReadinessCheck } from '../http/probes.js';
import type { SubgraphName } from '../services.js';
import type { SubgraphContext } from './context.js';
import { subgraphShield } from './permissions.js';

export interface SubgraphDefinition<TContext extends SubgraphContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  // Typed per subgraph by codegen; the federation helper wants its own looser map.
  resolvers: object;
  permissions: IRules;
  /** Adds the subgraph's stores and per-request DataLoaders to the shared context. */
  context: (base: SubgraphContext) => TContext | Promise<TContext>;
  /** Each store's liveness check, for `/ready`. */
  readiness: Record<string, ReadinessCheck>;
  /** Extra HTTP routes beside /graphql (e.g. the users JWKS). */
  routes?: (app: express.Express) => void;
  port?: number;
}

export interface RunningSubgraph {
  url: string;
  stop(): Promise<void>;
}

export async function serveSubgraph<TContext extends SubgraphContext>(
  definition: SubgraphDefinition<TContext>,
): Promise<RunningSubgraph> {
  const log = logger(definition.name);
  const development = isDevelopment();
  const schema = applyMiddleware(
    buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
    subgraphShield(definition.permissions),
  );

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // The gateway keeps connections to subgraphs alive between requests. Node closes an idle one after
  // 5 s by default, and a request the gateway sends on it at that instant fails ("socket hang up");
  // idle connections must outlive the client's, so the client is always the one that closes them.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const server = new ApolloServer<TContext>({
    schema,
    introspection: development,
    includeStacktraceInErrorResponses: development,
    allowBatchedHttpRequests: false,
    // onShutdown() owns the signals; Apollo's own handler would race it and hang stop().
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    formatError: (formatted, error) =>
      formatError(formatted, error, { development, log: (e) => log.error({ err: e }, 'unexpected resolver error') }),
    plugins: [
      // stop(): no new connections, idle ones closed, in-flight requests get the rest of the shutdown bound.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: requestGraceMs() }),
      ApolloServerPluginLandingPageDisabled(),
      // Inline traces are for Apollo Studio, which this deployment does not report to.
      ApolloServerPluginInlineTraceDisabled(),
      metricsPlugin(),
      requestLogPlugin(log),
    ],
  });
  await server.start();

  mountProbes(app, definition.readiness);
  definition.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: config().MAX_BODY_BYTES }),
    // The gateway's request id (x-request-id) on every log line of this request.
    requestContextMiddleware({ answerHeader: false }),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const identity = await readIdentity(req.header(IDENTITY_HEADER));
        const request = requestContextOf(res);
        if (request) {
          // The id the gateway signed wins over the plain header; the logger's mixin adds both ids to every line.
          if (identity.requestId) request.requestId = identity.requestId;
          request.userId = identity.userId;
        }
        const requestLog = request ? log : log.child({ requestId: identity.requestId, userId: identity.userId });
        return definition.context({ identity, log: requestLog });
      },
    }),
  );

  const port = definition.port ?? listenPort(definition.name);
  await new Promise<void>((resolve) => httpServer.listen(port, config().HOST, resolve));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${config().HOST}:${address.port}/graphql`;
  log.info({ url }, `${definition.name} subgraph ready`);
  return { url, stop: () => server.stop() };
}
