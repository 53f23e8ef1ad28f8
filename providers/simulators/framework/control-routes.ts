/**
 * The `/_simulator/` control API every simulator port serves (JSON):
 *   GET  stats · POST reset · GET|POST|DELETE faults · GET|POST config · GET|POST clock
 *   GET  truth/tracks/:spotifyId · GET catalogue/tracks?offset&limit&language&hasAcceptableUpload…
 *   /<provider>/… the provider module's own control routes.
 * Control requests are never counted, limited or faulted.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { SimCatalogue } from '../catalogue/types.js';
import { SimulatorConfigError, type ProviderSimulatorModule } from '../kit.js';
import { catalogueTrackList, trackTruthView } from './truth-view.js';
import type { SimulatorControl } from './server.js';

const clockSchema = z.object({ advanceMs: z.number().int().min(0) });

export function controlRoutes(control: SimulatorControl, module: ProviderSimulatorModule, catalogue: SimCatalogue): Router {
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));

  router.get('/stats', (_req, res) => {
    res.json(control.stats());
  });
  router.post('/reset', (_req, res) => {
    control.reset();
    res.json({ reset: true });
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: control.pendingFaults() });
  });
  router.post('/faults', (req, res) => {
    // One fault, an array of them, or {"faults": [...]}.
    const body: unknown = req.body;
    const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { faults?: unknown }).faults) ? (body as { faults: unknown[] }).faults : [body];
    control.addFaults(list as never[]);
    res.status(201).json({ pending: control.pendingFaults().length });
  });
  router.delete('/faults', (_req, res) => {
    control.clearFaults();
    res.json({ pending: 0 });
  });

  router.get('/config', (_req, res) => {
    res.json(control.config());
  });
  router.post('/config', (req, res) => {
    control.configure((req.body ?? {}) as Record<string, unknown>);
    res.json(control.config());
  });

  router.get('/clock', (_req, res) => {
    res.json({ now: new Date(control.advanceClock(0)).toISOString() });
  });
  router.post('/clock', (req, res) => {
    const { advanceMs } = clockSchema.parse(req.body);
    res.json({ now: new Date(control.advanceClock(advanceMs)).toISOString() });
  });

  router.get('/truth/tracks/:spotifyId', (req, res) => {
    const view = trackTruthView(catalogue, req.params.spotifyId);
    if (!view) res.status(404).json({ error: `no track ${req.params.spotifyId}` });
    else res.json(view);
  });
  router.get('/catalogue/tracks', (req, res) => {
    res.json(catalogueTrackList(catalogue, req.query as Record<string, string | undefined>));
  });

  if (module.control) router.use(`/${module.name}`, module.control);

  router.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'no such control route' });
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    const status = error instanceof z.ZodError || error instanceof SimulatorConfigError || hasClientStatus(error) ? 400 : 500;
    res.status(status).json({ error: message });
  });
  return router;
}

function hasClientStatus(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500;
}
