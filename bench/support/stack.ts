/**
 * A whole stack of a benchmark's own (every subgraph, the gateway, real PostgreSQL and Redis, the
 * simulators on the benchmark's ports), with its own databases and Redis prefix, dropped and removed
 * afterwards; and a GraphQL client for its gateway. Lives in a folder so bench/run.ts does not list
 * it as a benchmark.
 */
import { randomBytes } from 'node:crypto';
import { startTestStack } from '../../test/harness/global-setup.js';
import { testStackEnv } from '../../test/harness/test-env.js';

export async function startBenchStack(name: string, simulatorPortBase: number, extraEnv: Record<string, string> = {}) {
  const shared = testStackEnv();
  const env: Record<string, string> = {
    ...shared,
    // Free ports for the processes; the simulators on the benchmark's own.
    ...Object.fromEntries(Object.keys(shared).filter((key) => /^[A-Z]+_PORT$/.test(key)).map((key) => [key, '0'])),
    SIMULATOR_SPOTIFY_PORT: String(simulatorPortBase + 1),
    SIMULATOR_YOUTUBE_PORT: String(simulatorPortBase + 2),
    SIMULATOR_GENIUS_PORT: String(simulatorPortBase + 3),
    SIMULATOR_ODESLI_PORT: String(simulatorPortBase + 4),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    DATABASE_NAME_PREFIX: `bench_${name}_`,
    REDIS_KEY_PREFIX: `bench:${name}:${randomBytes(4).toString('hex')}:`,
    LOG_LEVEL: 'error',
    ...extraEnv,
  };
  const started = performance.now();
  const { stack, stop } = await startTestStack(env);
  console.log(`stack up in ${Math.round(performance.now() - started)} ms`);

  /** A request to the gateway; GraphQL errors throw. */
  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
    return body.data!;
  }

  return { stack, env, stop, gql };
}
