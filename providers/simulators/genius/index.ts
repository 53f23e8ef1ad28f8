/**
 * The Genius simulator: the read-only API a client access token opens (search, songs, artists,
 * artist song lists, albums), answering the catalogue's Genius songs with metadata and links, never
 * lyrics text, as the real API. Settings: `{"genius": {"accessTokens": ["..."]}}`.
 */
import express from 'express';
import { SimulatorConfigError, type ProviderSimulatorFactory, type SimulatedError } from '../kit.js';
import { geniusErrorBody, registerGeniusRoutes } from './routes.js';
import { GeniusWorld } from './world.js';

export const DEFAULT_GENIUS_TOKEN = 'simulator-genius-token';

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export const geniusSimulator: ProviderSimulatorFactory = ({ catalogue }) => {
  let accessTokens = new Set([DEFAULT_GENIUS_TOKEN]);
  const router = express.Router();
  registerGeniusRoutes(router, { world: new GeniusWorld(catalogue), accessTokens: () => accessTokens });

  return {
    name: 'genius',
    router,
    configure: (options) => {
      for (const name of Object.keys(options)) if (name !== 'accessTokens') throw new SimulatorConfigError(`genius.${name} is not a setting`);
      const tokens = options.accessTokens;
      if (tokens === undefined) return;
      if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string' && t.length > 0)) {
        throw new SimulatorConfigError('genius.accessTokens must be a list of non-empty strings');
      }
      accessTokens = new Set(tokens as string[]);
    },
    errorBody: (error: SimulatedError) =>
      geniusErrorBody(error.status, error.message ?? DEFAULT_MESSAGES[error.status] ?? 'Error', error.reason ? { error: error.reason } : {}),
  };
};
