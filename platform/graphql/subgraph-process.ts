/**
 * The life of a subgraph process, the same for all six: open and prepare its stores (migrations,
 * collections, indexes), stop there when run with `--migrate` (the supervisor does that before
 * starting anything), else serve the subgraph and close the stores on SIGINT/SIGTERM.
 * Start-up fails if a store is unreachable; afterwards drivers reconnect and `/ready` reports outages.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { onShutdown } from '../http/shutdown.js';
import { logger } from '../logger.js';
import type { SubgraphName } from '../services.js';
import type { SubgraphContext } from './context.js';
import { serveSubgraph, type SubgraphDefinition } from './subgraph-server.js';

export interface SubgraphProcess<TStores extends { close(): Promise<void> }, TContext extends SubgraphContext> {
  name: SubgraphName;
  resolvers: object;
  permissions: SubgraphDefinition<TContext>['permissions'];
  /** Connects to the stores and brings them to the current schema; idempotent. */
  openStores: () => Promise<TStores>;
  /** What the server needs from the stores: context, readiness checks, extra routes. */
  serve: (stores: TStores) => Promise<Pick<SubgraphDefinition<TContext>, 'context' | 'readiness' | 'routes'>> | Pick<SubgraphDefinition<TContext>, 'context' | 'readiness' | 'routes'>;
}

export async function runSubgraph<TStores extends { close(): Promise<void> }, TContext extends SubgraphContext>(
  spec: SubgraphProcess<TStores, TContext>,
): Promise<void> {
  const log = logger(spec.name);
  const stores = await spec.openStores();
  if (process.argv.includes('--migrate')) {
    log.info(`${spec.name} stores are prepared`);
    await stores.close();
    process.exit(0);
  }
  const running = await serveSubgraph<TContext>({
    name: spec.name,
    typeDefs: parse(readFileSync(new URL(`../../subgraphs/${spec.name}/schema.graphql`, import.meta.url), 'utf8')),
    resolvers: spec.resolvers,
    permissions: spec.permissions,
    ...(await spec.serve(stores)),
  });
  onShutdown(log, async () => {
    await running.stop();
    await stores.close();
  });
}
