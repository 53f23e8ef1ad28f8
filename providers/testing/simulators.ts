/**
 * Provider tests against the real simulators over HTTP: `useSimulators(ports)` points this process's
 * configuration at simulators on those ports (exactly as `npm start` would), starts them, and gives
 * a small client of their `/_simulator/` control API. Call it at the top of a test file, before
 * anything reads the configuration.
 */
import { afterAll, beforeAll } from 'vitest';
import { simulatedProviders, type SimulatedProvider } from '../../platform/runtime/simulated-providers.js';
import { startSimulators } from '../simulators/index.js';

export interface SimulatorControl {
  get<T = unknown>(provider: SimulatedProvider, path: string): Promise<T>;
  post<T = unknown>(provider: SimulatedProvider, path: string, body?: unknown): Promise<T>;
  /** Requests the simulator received per endpoint template ("GET /v1/tracks/{id}"). */
  requests(provider: SimulatedProvider): Promise<Record<string, number>>;
  reset(): Promise<void>;
}

export interface SimulatorEnv {
  control: SimulatorControl;
  /** Track ids of the simulated catalogue, in a stable order. */
  trackIds(): string[];
}

export function useSimulators(
  ports: Record<SimulatedProvider, number>,
  options: { tracks?: number; artists?: number; env?: Record<string, string> } = {},
): SimulatorEnv {
  const env: Record<string, string> = {
    SIMULATOR_SPOTIFY_PORT: String(ports.spotify),
    SIMULATOR_YOUTUBE_PORT: String(ports.youtube),
    SIMULATOR_GENIUS_PORT: String(ports.genius),
    SIMULATOR_ODESLI_PORT: String(ports.odesli),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  Object.assign(process.env, env);
  const { servers, env: pointed } = simulatedProviders(process.env as Record<string, string>);
  Object.assign(process.env, pointed);

  let running: Awaited<ReturnType<typeof startSimulators>> | undefined;
  beforeAll(async () => {
    running = await startSimulators({ ports, tracks: options.tracks ?? 2_000, artists: options.artists ?? 200 });
  });
  afterAll(async () => {
    await running?.stop();
  });

  async function call<T>(provider: SimulatedProvider, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${servers[provider]}/_simulator/${path.replace(/^\//, '')}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${provider} ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  const control: SimulatorControl = {
    get: (provider, path) => call(provider, 'GET', path),
    post: (provider, path, body) => call(provider, 'POST', path, body ?? {}),
    requests: async (provider) => (await call<{ requests: Record<string, number> }>(provider, 'GET', 'stats')).requests,
    reset: async () => {
      await Promise.all((['spotify', 'youtube', 'genius', 'odesli'] as const).map((provider) => call(provider, 'POST', 'reset', {})));
    },
  };
  return {
    control,
    trackIds: () => {
      if (!running) throw new Error('simulators not started yet');
      return [...running.catalogue.tracks.keys()];
    },
  };
}
