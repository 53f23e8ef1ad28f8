/**
 * The YouTube simulator's adjustable settings (POST /_simulator/config {"youtube": {...}}), checked
 * before any is applied so a bad request changes nothing.
 */
import { SimulatorConfigError } from '../kit.js';
import type { OAuthClient } from './oauth/routes.js';

export interface YouTubeSettings {
  apiKeys: Set<string>;
  clients: OAuthClient[];
  userPlaylists: number;
}

export interface YouTubeOptions {
  unitsLimit?: number;
  searchLimit?: number;
  tokenTtlSeconds?: number;
  apiKeys?: string[];
  userPlaylists?: number;
  oauthClients?: OAuthClient[];
}

export const DEFAULT_API_KEY = 'simulator-youtube-key';
export const DEFAULT_OAUTH_CLIENT: OAuthClient = { id: 'simulator-google-client', secret: 'simulator-google-secret' };
export const DEFAULT_USER_PLAYLISTS = 2;

const KNOWN = new Set(['unitsLimit', 'searchLimit', 'tokenTtlSeconds', 'apiKeys', 'userPlaylists', 'oauthClients']);

function count(options: Record<string, unknown>, name: string, min: number): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new SimulatorConfigError(`youtube.${name} must be an integer ≥ ${min}`);
  }
  return value;
}

export function parseYouTubeOptions(options: Record<string, unknown>): YouTubeOptions {
  for (const name of Object.keys(options)) if (!KNOWN.has(name)) throw new SimulatorConfigError(`youtube.${name} is not a setting`);
  const apiKeys = options.apiKeys;
  if (apiKeys !== undefined && (!Array.isArray(apiKeys) || !apiKeys.every((k) => typeof k === 'string' && k.length > 0))) {
    throw new SimulatorConfigError('youtube.apiKeys must be a list of non-empty strings');
  }
  const clients = options.oauthClients;
  const isClient = (c: unknown) => typeof (c as OAuthClient)?.id === 'string' && typeof (c as OAuthClient)?.secret === 'string';
  if (clients !== undefined && (!Array.isArray(clients) || !clients.every(isClient))) {
    throw new SimulatorConfigError('youtube.oauthClients must be a list of {id, secret}');
  }
  return {
    unitsLimit: count(options, 'unitsLimit', 0),
    searchLimit: count(options, 'searchLimit', 0),
    tokenTtlSeconds: count(options, 'tokenTtlSeconds', 1),
    apiKeys: apiKeys as string[] | undefined,
    userPlaylists: count(options, 'userPlaylists', 0),
    oauthClients: clients as OAuthClient[] | undefined,
  };
}
