/**
 * A whole stack of a benchmark's own (every subgraph, the gateway, real PostgreSQL and Redis, the
 * simulators on the benchmark's ports), with its own databases and Redis prefix, dropped and removed
 * afterwards; and a GraphQL client for its gateway. Lives in a folder so bench/run.ts does not list
 * it as a benchmark.
 */
import { startTestStack } from '../../test/harness/global-setup.js';
import { isolatedStackEnv } from '../../test/harness/private-stack.js';

export async function startBenchStack(name: string, simulatorPortBase: number, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string> = {
    ...isolatedStackEnv({ databasePrefix: `bench_${name}_`, redisPrefix: `bench:${name}:`, simulatorPortBase }),
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
