/**
 * One provider simulator as an HTTP server: the provider module's router behind the framework's
 * gate (request counting per endpoint template, rate limiting, injected faults, latency), the
 * `/_simulator/` control API and `/health`. The same operations are methods of the returned
 * handle, for in-process tests.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ProviderName, ProviderSimulatorModule, SimulatedError, SimulatorWorld } from '../kit.js';
import { SimulatorConfigError } from '../kit.js';
import { controlRoutes } from './control-routes.js';
import { RequestCounters, type RequestStats } from './counters.js';
import { collectEndpoints, resolveEndpoint } from './endpoints.js';
import { FaultQueue, type DrawnFault, type Fault, type FaultInput } from './faults.js';
import { RateLimiter, rateLimitSchema, type RateLimit } from './rate-limiter.js';
import type { SimulatedClock } from './world.js';

export interface SimulatorStats extends RequestStats {
  simulator: ProviderName;
  pendingFaults: number;
  provider: Record<string, unknown>;
}

export interface SimulatorConfig {
  rateLimit?: RateLimit | null;
  latencyMs?: number;
  /** The provider's own switches, under its name: `{"spotify": {"severalItems": false}}`. */
  [provider: string]: unknown;
}

const frameworkConfigSchema = z.object({
  rateLimit: rateLimitSchema.nullable().optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
});

/** What tests do to a simulator, over HTTP (`/_simulator/...`) or in process. */
export interface SimulatorControl {
  readonly name: ProviderName;
  stats(): SimulatorStats;
  /** Counts, faults, rate limit, latency and the provider's own state back to the start. */
  reset(): void;
  addFaults(faults: readonly FaultInput[]): void;
  pendingFaults(): Fault[];
  clearFaults(): void;
  configure(config: SimulatorConfig): void;
  config(): { rateLimit: RateLimit | null; latencyMs: number };
  /** Moves the shared simulated clock forward; answers the new now (ms). */
  advanceClock(ms: number): number;
}

export interface SimulatorServer extends SimulatorControl {
  readonly app: express.Express;
  readonly module: ProviderSimulatorModule;
  /** http://host:port, once listening. */
  readonly url: string;
  readonly port: number;
  listen(port: number, host?: string): Promise<void>;
  stop(): Promise<void>;
}

const MALFORMED_BODY = '{"simulated":"malformed","items":[{"id":"4uLU6hMCjMI75M1A2tKUQC","name":"Never Gonna';

export function defaultErrorBody(error: SimulatedError): unknown {
  return { error: { status: error.status, message: error.message ?? (error.status === 429 ? 'Too many requests' : 'Simulated error'), ...(error.reason ? { reason: error.reason } : {}) } };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createSimulatorServer(module: ProviderSimulatorModule, world: SimulatorWorld, clock: SimulatedClock): SimulatorServer {
  const counters = new RequestCounters();
  const faults = new FaultQueue();
  const limiter = new RateLimiter();
  let latencyMs = 0;
  const endpoints = collectEndpoints(module.router);
  const errorBody = (error: SimulatedError): unknown => (module.errorBody ?? defaultErrorBody)(error);

  const control: SimulatorControl = {
    name: module.name,
    stats: () => ({ simulator: module.name, ...counters.snapshot(), pendingFaults: faults.pending().length, provider: module.stats?.() ?? {} }),
    reset: () => {
      counters.reset();
      faults.clear();
      limiter.configure(null);
      latencyMs = 0;
      module.reset?.();
    },
    addFaults: (list) => faults.add(list),
    pendingFaults: () => faults.pending(),
    clearFaults: () => faults.clear(),
    configure: (config) => {
      const { rateLimit, latencyMs: latency, ...providers } = config;
      const framework = frameworkConfigSchema.parse({ rateLimit, latencyMs: latency });
      for (const [key, options] of Object.entries(providers)) {
        if (key !== module.name) throw new SimulatorConfigError(`this is the ${module.name} simulator; it has no "${key}" options`);
        if (!options || typeof options !== 'object' || Array.isArray(options)) throw new SimulatorConfigError(`"${key}" must be an object`);
        if (!module.configure) throw new SimulatorConfigError(`the ${module.name} simulator has no options`);
        module.configure(options as Record<string, unknown>);
      }
      if (framework.rateLimit !== undefined) limiter.configure(framework.rateLimit);
      if (framework.latencyMs !== undefined) latencyMs = framework.latencyMs;
    },
    config: () => ({ rateLimit: limiter.current(), latencyMs }),
    advanceClock: (ms) => clock.advance(ms),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', simulator: module.name });
  });
  app.use('/_simulator', controlRoutes(control, module, world.catalogue));

  // The gate: every provider request is counted, then may be rate limited, faulted or delayed.
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const endpoint = resolveEndpoint(endpoints, req.method, req.path) ?? `${req.method} (no route)`;
    const request = counters.arrived(endpoint);
    res.on('finish', () => request.answered(res.statusCode));
    res.on('close', () => {
      if (!res.writableFinished) request.dropped();
    });

    const retryAfter = limiter.take();
    if (retryAfter !== null) {
      counters.rateLimited();
      res.set('Retry-After', String(retryAfter)).status(429).json(errorBody({ status: 429, cause: 'rate_limit' }));
      return;
    }
    const fault = faults.take(req.method, endpoint.endsWith('(no route)') ? null : endpoint, req.path);
    const delay = latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (!fault) return next();
    counters.faultInjected();
    if (!answerFault(fault, res, errorBody)) next();
  });

  app.use(module.router);
  app.use((_req: Request, res: Response) => {
    res.status(404).json(errorBody({ status: 404, message: 'Service not found', cause: 'no_route' }));
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = status === 500 ? `Simulator error: ${error instanceof Error ? error.message : String(error)}` : error instanceof Error ? error.message : 'Bad request';
    if (!res.headersSent) res.status(status).json(errorBody({ status, message, cause: 'fault' }));
  });

  let server: Server | null = null;
  let url = '';
  let port = 0;
  return {
    ...control,
    app,
    module,
    get url() { return url; },
    get port() { return port; },
    listen: (wanted, host = '127.0.0.1') => new Promise((resolve, reject) => {
      const listening = app.listen(wanted, host);
      listening.once('error', reject);
      listening.once('listening', () => {
        server = listening;
        port = (listening.address() as AddressInfo).port;
        url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
        resolve();
      });
    }),
    stop: () => new Promise((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
      server = null;
    }),
  };
}

/** Answers a drawn fault; false when it only added latency and the provider should answer. */
function answerFault(fault: DrawnFault, res: Response, errorBody: (error: SimulatedError) => unknown): boolean {
  if (fault.disconnect) {
    res.socket?.destroy();
    return true;
  }
  if (fault.status === undefined && fault.body === undefined) return false;
  const status = fault.status ?? 200;
  const retryAfter = fault.retryAfterSeconds === undefined ? (status === 429 ? 1 : undefined) : fault.retryAfterSeconds;
  if (retryAfter !== undefined && retryAfter !== null) res.set('Retry-After', String(retryAfter));
  if (fault.body === 'malformed') {
    res.status(status).type('application/json').send(MALFORMED_BODY);
    return true;
  }
  const body = fault.body !== undefined ? fault.body : errorBody({ status, cause: 'fault', ...(fault.message ? { message: fault.message } : {}), ...(fault.reason ? { reason: fault.reason } : {}) });
  res.status(status).json(body);
  return true;
}
