/**
 * Graceful shutdown, the same for every process (gateway, subgraphs, worker pools). On SIGTERM or
 * SIGINT, in this order:
 *   1. at once: `isShuttingDown()` turns true, so `/ready` answers 503 (load balancers and Kubernetes
 *      endpoints stop sending) and every response says `Connection: close` (probes.ts), so clients
 *      drop their keep-alive connections after the answer instead of reusing them;
 *   2. `stop(budget)` runs: the process stops taking new work (the gateway closes its subscription
 *      sockets with 1012 Service Restart, BullMQ workers stop fetching jobs), keeps serving for
 *      `budget.drainMs` (SHUTDOWN_DRAIN_SECONDS) while the load balancers notice, then closes its
 *      listener and idle connections, lets in-flight requests and jobs finish — each step bounded by
 *      `budget.within`, which gives up at the deadline — and closes the stores;
 *   3. exit 0; or, when something was still running at the bound (SHUTDOWN_GRACE_SECONDS), exit 1.
 *      A job abandoned at the bound is not lost: its BullMQ lock lapses and another worker's stalled
 *      check puts it back in the queue (platform/jobs/job-worker.ts).
 * A second signal does not restart it; the hard deadline exits whatever is still pending.
 */
import type http from 'node:http';
import type { Logger } from 'pino';
import { shutdownTimings } from '../config.js';
import { stopTracing } from '../observability/tracing.js';

let shuttingDown = false;

/** True from the first SIGTERM/SIGINT on: `/ready` answers 503 and responses close their connections. */
export const isShuttingDown = (): boolean => shuttingDown;

export interface ShutdownBudget {
  /** How long to keep serving, not ready, before closing the listener. */
  drainMs: number;
  /** Milliseconds left before the steps' deadline (a little before the hard one, so stores can close). */
  remainingMs(): number;
  /** Waits for `work`, or until the deadline (logged: `what` was abandoned); never rejects because of the bound. */
  within<T>(what: string, work: Promise<T>): Promise<T | undefined>;
  /** Waits `drainMs` (the process keeps serving meanwhile). */
  drain(): Promise<void>;
  /** Set when a `within` step hit the deadline: the process then exits 1. */
  readonly overran: boolean;
}

export interface ShutdownOptions {
  graceMs?: number;
  drainMs?: number;
}

export function onShutdown(log: Logger, stop: (budget: ShutdownBudget) => Promise<void>, options: ShutdownOptions = {}): void {
  const timings = { ...shutdownTimings(), ...options };
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const started = Date.now();
    // Stores get the last part of the bound (at most 2 s) to close after the steps' deadline.
    const deadline = started + timings.graceMs - Math.min(2000, timings.graceMs / 5);
    log.info({ signal, graceMs: timings.graceMs, drainMs: timings.drainMs }, 'shutting down');
    const force = setTimeout(() => {
      log.warn('shutdown took too long, exiting');
      process.exit(1);
    }, timings.graceMs);
    force.unref();
    const budget = createBudget(log, deadline, timings.drainMs);
    stop(budget).then(
      async () => {
        log.info({ ms: Date.now() - started, overran: budget.overran }, 'stopped');
        // The last spans (this shutdown's own among them) leave before the exit; a no-op without tracing.
        await Promise.race([stopTracing(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
        process.exit(budget.overran ? 1 : 0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

function createBudget(log: Logger, deadline: number, drainMs: number): ShutdownBudget {
  const state = { overran: false };
  const remainingMs = () => Math.max(0, deadline - Date.now());
  return {
    drainMs,
    remainingMs,
    get overran() {
      return state.overran;
    },
    async within<T>(what: string, work: Promise<T>): Promise<T | undefined> {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<'bound'>((resolve) => (timer = setTimeout(() => resolve('bound'), remainingMs())));
      const outcome = await Promise.race([work.then((value) => ({ value })), bound]).finally(() => clearTimeout(timer));
      if (outcome === 'bound') {
        state.overran = true;
        log.warn({ step: what }, `${what}: still running at the shutdown bound; abandoned`);
        return undefined;
      }
      return outcome.value;
    },
    drain: () => (drainMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, Math.min(drainMs, remainingMs()))) : Promise.resolve()),
  };
}

/**
 * Closes a plain HTTP server (a worker process's probes): no new connections, idle keep-alive ones
 * closed now, busy ones when their response is sent, any left at the deadline cut. Servers with Apollo
 * use its drain plugin instead, which does the same for GraphQL requests.
 */
export async function closeHttpServer(server: http.Server, budget: ShutdownBudget): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await budget.within('closing the HTTP server', closed);
  server.closeAllConnections();
}
