/**
 * The contract between the simulator framework (framework/server.ts) and each provider simulator
 * (spotify/, youtube/, genius/, odesli/). A provider module is an express Router plus a few hooks;
 * the framework runs it on its own port and adds, for every route the router defines, request
 * counting, rate limiting, fault injection, latency and the `/_simulator/` control API.
 *
 * Kept small on purpose: provider code depends on nothing else of the framework.
 */
import type { Router } from 'express';
import type { SimCatalogue } from './catalogue/types.js';

export type ProviderName = 'spotify' | 'youtube' | 'genius' | 'odesli';

/** What every simulator of one run shares: the generated catalogue and one clock. */
export interface SimulatorWorld {
  catalogue: SimCatalogue;
  /**
   * Milliseconds since the epoch on the simulated clock. Use it, not Date.now(), for token expiry,
   * quota days and the like: tests move it forward with `POST /_simulator/clock {"advanceMs": n}`.
   */
  now: () => number;
}

/** A framework-made error answer (rate limit, injected fault) that the provider dresses in its own shape. */
export interface SimulatedError {
  status: number;
  /** A message the test asked for; without one, use the provider's usual message for the status. */
  message?: string;
  /** A machine-readable reason the test asked for (Spotify `QUOTA_EXCEEDED`, YouTube `quotaExceeded`...). */
  reason?: string;
  /** Who made it: the rate limiter, an injected fault (or a framework error), or no route matching the path. */
  cause: 'rate_limit' | 'fault' | 'no_route';
}

export interface ProviderSimulatorModule {
  name: ProviderName;
  /**
   * The provider's own routes, mounted at the root of its server, so the router defines full paths
   * ('/youtube/v3/videos', '/v1/tracks/:id'). Endpoint keys in stats and fault matching are the route
   * templates with `:param` written `{param}`: "GET /v1/tracks/{id}".
   */
  router: Router;
  /** Extra control routes, mounted at `/_simulator/<name>/` (never counted, limited or faulted). */
  control?: Router;
  /** Provider state for `GET /_simulator/stats`, shown under the key `provider`. */
  stats?: () => Record<string, unknown>;
  /** Back to the freshly started state (quota used, tokens, users...). Called by `POST /_simulator/reset`. */
  reset?: () => void;
  /**
   * The provider's part of `POST /_simulator/config`: the object under the key `<name>`, e.g.
   * `{"spotify": {"severalItems": false}}`. Throw a SimulatorConfigError to answer 400.
   */
  configure?: (options: Record<string, unknown>) => void;
  /** The JSON body of a framework-made error in this provider's shape; without it `{error: {status, message}}`. */
  errorBody?: (error: SimulatedError) => unknown;
}

export type ProviderSimulatorFactory = (world: SimulatorWorld) => ProviderSimulatorModule;

/** Thrown by `configure` for options it refuses; the control API answers 400 with the message. */
export class SimulatorConfigError extends Error {
  override name = 'SimulatorConfigError';
}
