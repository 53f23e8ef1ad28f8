/** `/health` (the process is alive), `/ready` (its stores answer) and `/metrics`, on any express app. */
import type { Express } from 'express';
import { metrics } from '../metrics.js';

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
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const stores = await checkReadiness(checks);
    const ready = Object.values(stores).every(Boolean);
    res.status(ready ? 200 : 503).json({ ready, stores });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
}
