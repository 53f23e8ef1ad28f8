/**
 * A second, private stack for a test file whose work must not reach the other files: a Spotify
 * import asks the catalog to map hundreds of tracks in the background, which on the shared stack
 * would hold the mapping workers (and spend the simulated YouTube quota) long after the file ends.
 * Its own processes (free ports), simulators (ports base+201…204), databases and Redis prefix; the
 * same secrets layout as the shared stack. `options` may run only some processes (a subgraph left
 * out can be started later on the same environment; give it a port in `env` so the gateway finds
 * it), override variables, or leave the simulators out (their ports are fixed, so two private
 * stacks that both run them cannot run at once).
 */
import { randomBytes } from 'node:crypto';
import type { SubgraphName } from '../../platform/services.js';
import { startTestStack } from './global-setup.js';
import { testPort, testStackEnv } from './test-env.js';

export interface PrivateStackOptions {
  processes?: SubgraphName[];
  env?: Record<string, string>;
  simulators?: boolean;
}

/**
 * The shared stack's environment made a world of its own: free ports for every process, the
 * simulators on `simulatorPortBase`+1…+4, databases under `databasePrefix`, a fresh Redis prefix.
 * The benchmarks' stacks are made the same way (bench/support/stack.ts).
 */
export function isolatedStackEnv(options: { databasePrefix: string; redisPrefix: string; simulatorPortBase: number }): Record<string, string> {
  const shared = testStackEnv();
  const ports = Object.fromEntries(Object.keys(shared).filter((key) => /^[A-Z]+_PORT$/.test(key)).map((key) => [key, '0']));
  const simulator = (offset: number) => String(options.simulatorPortBase + offset);
  return {
    ...shared,
    ...ports,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    SIMULATOR_SPOTIFY_PORT: simulator(1),
    SIMULATOR_YOUTUBE_PORT: simulator(2),
    SIMULATOR_GENIUS_PORT: simulator(3),
    SIMULATOR_ODESLI_PORT: simulator(4),
    DATABASE_NAME_PREFIX: options.databasePrefix,
    REDIS_KEY_PREFIX: `${options.redisPrefix}${randomBytes(4).toString('hex')}:`,
  };
}

export async function startPrivateStack(name: string, options: PrivateStackOptions = {}) {
  const env = isolatedStackEnv({
    databasePrefix: `${testStackEnv().DATABASE_NAME_PREFIX}${name}_`,
    redisPrefix: `test:${name}:`,
    simulatorPortBase: testPort(200),
  });
  return startTestStack({ ...env, ...options.env }, { processes: options.processes, simulators: options.simulators });
}
