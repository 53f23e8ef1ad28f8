/**
 * The Odesli (song.link) simulator: GET /v1-alpha.1/links maps a Spotify track to its links on
 * other platforms, YouTube among them, for free but at a low request rate. Settings:
 * `{"odesli": {"requestsPerMinute": n, "requestsPerMinuteWithKey": n}}`.
 */
import express from 'express';
import { SimulatorConfigError, type ProviderSimulatorFactory, type SimulatedError } from '../kit.js';
import { DEFAULT_ODESLI_LIMITS, SlidingWindowLimiter, type OdesliLimits } from './rate-limit.js';
import { registerOdesliRoutes } from './routes.js';

const ERROR_CODES: Record<number, string> = {
  400: 'could_not_resolve_entity',
  404: 'could_not_resolve_entity',
  429: 'too_many_requests',
  500: 'internal_server_error',
  503: 'service_unavailable',
};

export const odesliSimulator: ProviderSimulatorFactory = ({ catalogue, now }) => {
  const limiter = new SlidingWindowLimiter(now);
  const limits: OdesliLimits = { ...DEFAULT_ODESLI_LIMITS };
  const router = express.Router();
  registerOdesliRoutes(router, { catalogue, limiter, limits: () => limits });

  return {
    name: 'odesli',
    router,
    stats: () => ({ odesli: { ...limits } }),
    reset: () => limiter.clear(),
    configure: (options) => {
      const next = { ...limits };
      for (const [name, value] of Object.entries(options)) {
        if (name !== 'requestsPerMinute' && name !== 'requestsPerMinuteWithKey') {
          throw new SimulatorConfigError(`odesli.${name} is not a setting`);
        }
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
          throw new SimulatorConfigError(`odesli.${name} must be an integer ≥ 1`);
        }
        next[name] = value;
      }
      Object.assign(limits, next);
    },
    errorBody: (error: SimulatedError) => ({
      statusCode: error.status,
      code: error.reason ?? ERROR_CODES[error.status] ?? (error.status >= 500 ? 'internal_server_error' : 'bad_request'),
    }),
  };
};
