/** `/health` (the process is alive), `/ready` (its stores answer) and `/metrics`, on any express app. */
import type { Express } from 'express';
import { logger } from '../logger.js';
import { collectProcessMetrics, metrics } from '../metrics.js';
import { isShuttingDown } from './shutdown.js';

export type ReadinessCheck = () => Promise<unknown>;

const READY_TIMEOUT_MS = 1500;

/** Runs every check with a deadline; a check is healthy when it resolves to anything but `false`. */
export async function checkReadiness(checks: Record<string, ReadinessCheck>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)));
      const ok = await Promise.race([check().then((r) => r !== false, () => false), deadline]);
      clearTimeout(timer);
      return [name, ok] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export function mountProbes(app: Express, checks: Record<string, ReadinessCheck>): void {
  // Node's default metrics, labelled with the service the process's logger is named for.
  collectProcessMetrics(String(logger().bindings().service ?? 'unknown'));
  // Once shutting down (shutdown.ts), clients drop their connection after each answer instead of reusing it.
  app.use((_req, res, next) => {
    if (isShuttingDown()) res.setHeader('connection', 'close');
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    // Not ready from the first SIGTERM on, at once, so load balancers stop sending before the listener closes.
    if (isShuttingDown()) return void res.status(503).json({ ready: false, shuttingDown: true });
    const stores = await checkReadiness(checks);
    const ready = Object.values(stores).every(Boolean);
    res.status(ready ? 200 : 503).json({ ready, stores });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
}
