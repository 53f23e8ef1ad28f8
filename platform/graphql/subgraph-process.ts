/**
 * The life of a subgraph process, the same for all six: open and prepare its stores (migrations,
 * collections, indexes), stop there when run with `--migrate` (the supervisor does that before
 * starting anything), else serve the subgraph and shut down gracefully on SIGINT/SIGTERM
 * (platform/http/shutdown.ts). Start-up fails if a store is unreachable; afterwards drivers
 * reconnect and `/ready` reports outages.
 *
 * A subgraph's BullMQ workers (`workers`) run in one of two places, the same code either way:
 * - inside the subgraph process, with WORKERS=embedded (the default: `npm start`, the tests);
 * - in `<subgraph>-workers` processes (platform/runtime/role.ts calls `runAsWorkers()` before
 *   importing the subgraph's main), which open the same stores, run only the workers and serve
 *   /health, /ready and /metrics on WORKERS_PORT; the subgraph processes then run with WORKERS=off.
 * Workers stop taking jobs at the first signal and get until the shutdown bound for the jobs in hand.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { parse } from 'graphql';
import { config, workersPort } from '../config.js';
import { mountProbes, type ReadinessCheck } from '../http/probes.js';
import { closeHttpServer, onShutdown } from '../http/shutdown.js';
import { logger } from '../logger.js';
import type { SubgraphName } from '../services.js';
import type { SubgraphContext } from './context.js';
import { serveSubgraph, type SubgraphDefinition } from './subgraph-server.js';

/** A subgraph's running workers: closing stops them taking jobs and waits for the ones in hand. */
export interface SubgraphWorkers {
  close(): Promise<void>;
  /** A worker process's `/ready` checks (the stores its jobs use). */
  readiness: Record<string, ReadinessCheck>;
}

export interface SubgraphProcess<TStores extends { close(): Promise<void> }, TContext extends SubgraphContext> {
  name: SubgraphName;
  resolvers: object;
  permissions: SubgraphDefinition<TContext>['permissions'];
  /** Connects to the stores and brings them to the current schema; idempotent. */
  openStores: () => Promise<TStores>;
  /** What the server needs from the stores: context, readiness checks, extra routes. */
  serve: (stores: TStores) => Promise<Pick<SubgraphDefinition<TContext>, 'context' | 'readiness' | 'routes'>> | Pick<SubgraphDefinition<TContext>, 'context' | 'readiness' | 'routes'>;
  /** Starts the subgraph's BullMQ workers on its stores (see the header for where they run). */
  workers?: (stores: TStores) => Promise<SubgraphWorkers> | SubgraphWorkers;
}

let role: 'subgraph' | 'workers' = 'subgraph';

/** Makes the next `runSubgraph` run the subgraph's workers only (a `<subgraph>-workers` process; role.ts). */
export function runAsWorkers(): void {
  role = 'workers';
}

export async function runSubgraph<TStores extends { close(): Promise<void> }, TContext extends SubgraphContext>(
  spec: SubgraphProcess<TStores, TContext>,
): Promise<void> {
  if (role === 'workers') return runWorkers(spec);
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
  const workers = config().WORKERS === 'embedded' ? await spec.workers?.(stores) : undefined;
  if (spec.workers && !workers) log.info('WORKERS=off: this process runs no workers');
  onShutdown(log, async (budget) => {
    // Workers stop fetching jobs at once; requests go on being served while the load balancers notice.
    const jobsInHand = workers?.close();
    await budget.drain();
    await budget.within('in-flight requests', running.stop());
    if (jobsInHand) await budget.within('jobs in hand', jobsInHand);
    await stores.close();
  });
}

/** A `<subgraph>-workers` process: the subgraph's stores and workers, and the probes on WORKERS_PORT. */
async function runWorkers<TStores extends { close(): Promise<void> }, TContext extends SubgraphContext>(
  spec: SubgraphProcess<TStores, TContext>,
): Promise<void> {
  const name = `${spec.name}-workers`;
  const log = logger(name);
  if (!spec.workers) {
    log.fatal(`${spec.name} has no workers`);
    process.exit(64);
  }
  const stores = await spec.openStores();
  const workers = await spec.workers(stores);
  const app = express();
  app.disable('x-powered-by');
  mountProbes(app, workers.readiness);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(workersPort(spec.name), config().HOST, resolve));
  log.info({ port: (server.address() as AddressInfo).port }, `${name} ready`);
  onShutdown(log, async (budget) => {
    // No new jobs from now on; the probes answer (/ready 503) until the jobs in hand are done.
    await budget.within('jobs in hand', workers.close());
    await closeHttpServer(server, budget);
    await stores.close();
  });
}
