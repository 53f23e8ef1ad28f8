/**
 * Which external APIs `npm start` (and the test stack) point at the offline simulators of
 * providers/simulators: each provider whose credentials are not configured. Odesli needs no
 * credentials, but it answers about real Spotify ids, so it follows Spotify.
 */
import { parseConfig } from '../config.js';

export type SimulatedProvider = 'spotify' | 'youtube' | 'genius' | 'odesli';

/** The credentials the simulators accept (see providers/simulators); not secrets. */
export const SIMULATOR_CREDENTIALS = {
  spotify: { SPOTIFY_CLIENT_ID: 'simulator-spotify-client', SPOTIFY_CLIENT_SECRET: 'simulator-spotify-secret' },
  youtube: {
    YOUTUBE_API_KEY: 'simulator-youtube-key',
    GOOGLE_CLIENT_ID: 'simulator-google-client',
    GOOGLE_CLIENT_SECRET: 'simulator-google-secret',
  },
  genius: { GENIUS_ACCESS_TOKEN: 'simulator-genius-token' },
  odesli: {},
} as const;

export interface SimulatedProviders {
  providers: SimulatedProvider[];
  /** Variables that point the processes at the simulators. */
  env: Record<string, string>;
  /** `http://127.0.0.1:<port>` of each simulator's server (its /health and /_simulator/ control API). */
  servers: Record<SimulatedProvider, string>;
}

export function simulatedProviders(env: Record<string, string>): SimulatedProviders {
  const config = parseConfig(env);
  const host = (port: number) => `http://127.0.0.1:${port}`;
  const servers: Record<SimulatedProvider, string> = {
    spotify: host(config.SIMULATOR_SPOTIFY_PORT),
    youtube: host(config.SIMULATOR_YOUTUBE_PORT),
    genius: host(config.SIMULATOR_GENIUS_PORT),
    odesli: host(config.SIMULATOR_ODESLI_PORT),
  };
  const providers: SimulatedProvider[] = [];
  const overrides: Record<string, string> = {};
  if (!config.SPOTIFY_CLIENT_ID) {
    providers.push('spotify', 'odesli');
    Object.assign(overrides, SIMULATOR_CREDENTIALS.spotify, {
      SPOTIFY_API_URL: `${servers.spotify}/v1`,
      SPOTIFY_ACCOUNTS_URL: servers.spotify,
      ODESLI_API_URL: `${servers.odesli}/v1-alpha.1`,
    });
  }
  if (!config.YOUTUBE_API_KEY) {
    providers.push('youtube');
    Object.assign(overrides, SIMULATOR_CREDENTIALS.youtube, {
      YOUTUBE_API_URL: `${servers.youtube}/youtube/v3`,
      GOOGLE_AUTHORIZE_URL: `${servers.youtube}/o/oauth2/v2/auth`,
      GOOGLE_TOKEN_URL: `${servers.youtube}/token`,
    });
  }
  if (!config.GENIUS_ACCESS_TOKEN) {
    providers.push('genius');
    Object.assign(overrides, SIMULATOR_CREDENTIALS.genius, { GENIUS_API_URL: servers.genius });
  }
  return { providers, env: overrides, servers };
}
