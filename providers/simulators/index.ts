/**
 * Starts the four provider simulators over one generated world, each on its own port (the real
 * APIs live on different hosts): Spotify (Web API + accounts), YouTube (Data API + Google OAuth),
 * Genius, Odesli. Answers their base URLs, the catalogue, a control handle per simulator (the
 * `/_simulator/` operations as functions) and stop().
 *
 *   Spotify   API http://host:port/v1        accounts http://host:port (/api/token, /authorize)
 *   YouTube   API http://host:port/youtube/v3   Google OAuth /o/oauth2/v2/auth and /token, same port
 *   Genius    API http://host:port
 *   Odesli    API http://host:port/v1-alpha.1
 */
import { generateCatalogue } from './catalogue/generate.js';
import type { SimCatalogue } from './catalogue/types.js';
import { createSimulatorServer, type SimulatorServer } from './framework/server.js';
import { createWorld } from './framework/world.js';
import { geniusSimulator } from './genius/index.js';
import type { ProviderName, ProviderSimulatorFactory } from './kit.js';
import { odesliSimulator } from './odesli/index.js';
import { spotifySimulator } from './spotify/index.js';
import { youtubeSimulator } from './youtube/index.js';

export type { SimulatorServer, SimulatorStats, SimulatorConfig } from './framework/server.js';
export type { FaultInput } from './framework/faults.js';

export interface StartSimulatorsOptions {
  /** Port per simulator; 0 or absent: a free port. */
  ports?: Partial<Record<ProviderName, number>>;
  seed?: number;
  tracks?: number;
  artists?: number;
  host?: string;
  /** A world generated earlier (tests share one across files); seed, tracks and artists are then ignored. */
  catalogue?: SimCatalogue;
}

export interface SimulatorUrls {
  spotifyApi: string;
  spotifyAccounts: string;
  youtubeApi: string;
  googleAuthorize: string;
  googleToken: string;
  genius: string;
  odesli: string;
  /** Each simulator's server root: /health and /_simulator/ live there. */
  control: Record<ProviderName, string>;
}

export interface RunningSimulators {
  urls: SimulatorUrls;
  catalogue: SimCatalogue;
  control: Record<ProviderName, SimulatorServer>;
  /** How long generating the catalogue took (ms; 0 when one was passed in). */
  generationMs: number;
  /** Moves the simulated clock all four share. */
  advanceClock(ms: number): number;
  /** Resets every simulator and the clock. */
  reset(): void;
  stop(): Promise<void>;
}

const FACTORIES: Record<ProviderName, ProviderSimulatorFactory> = {
  spotify: spotifySimulator,
  youtube: youtubeSimulator,
  genius: geniusSimulator,
  odesli: odesliSimulator,
};

export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const host = options.host ?? '127.0.0.1';
  const started = performance.now();
  const catalogue = options.catalogue ?? generateCatalogue({ seed: options.seed ?? 1, tracks: options.tracks, artists: options.artists });
  const generationMs = options.catalogue ? 0 : Math.round(performance.now() - started);
  const { world, clock } = createWorld(catalogue);

  const names = Object.keys(FACTORIES) as ProviderName[];
  const servers = Object.fromEntries(names.map((name) => [name, createSimulatorServer(FACTORIES[name](world), world, clock)])) as Record<ProviderName, SimulatorServer>;
  const stop = async (): Promise<void> => {
    await Promise.all(names.map((name) => servers[name].stop()));
  };
  try {
    await Promise.all(names.map((name) => servers[name].listen(options.ports?.[name] ?? 0, host)));
  } catch (error) {
    await stop();
    throw error;
  }

  const root = (name: ProviderName): string => servers[name].url;
  return {
    urls: {
      spotifyApi: `${root('spotify')}/v1`,
      spotifyAccounts: root('spotify'),
      youtubeApi: `${root('youtube')}/youtube/v3`,
      googleAuthorize: `${root('youtube')}/o/oauth2/v2/auth`,
      googleToken: `${root('youtube')}/token`,
      genius: root('genius'),
      odesli: `${root('odesli')}/v1-alpha.1`,
      control: { spotify: root('spotify'), youtube: root('youtube'), genius: root('genius'), odesli: root('odesli') },
    },
    catalogue,
    control: servers,
    generationMs,
    advanceClock: (ms) => clock.advance(ms),
    reset: () => {
      for (const name of names) servers[name].reset();
      clock.reset();
    },
    stop,
  };
}
