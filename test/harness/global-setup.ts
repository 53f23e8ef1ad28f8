/**
 * Starts the whole supergraph once for the test run, exactly as `npm start` does (same supervisor,
 * real PostgreSQL and Redis, embedded MongoDB-compatible server), on test ports and test databases
 * that are dropped first so every run starts clean.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { DEFAULT_POSTGRES_URL } from '../../platform/postgres/data-source.js';
import { simulatedProviders, type SimulatedProvider } from '../../platform/runtime/simulated-providers.js';
import { startStack, type StackOptions } from '../../platform/runtime/stack.js';
import { POSTGRES_SUBGRAPHS, SUBGRAPHS, type SubgraphName } from '../../platform/services.js';
import { testStackEnv } from './test-env.js';

export interface TestStack {
  gatewayUrl: string;
  /** The environment every process of the stack got. */
  env: Record<string, string>;
  subgraphUrls: Record<SubgraphName, string>;
  databaseUrl: string;
  /** The provider simulators' servers (`/_simulator/` control API), by provider. */
  simulators: Record<SimulatedProvider, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

async function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const name of POSTGRES_SUBGRAPHS) {
      await client.query(`DROP DATABASE IF EXISTS "${prefix}${name}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/**
 * A whole stack on `env` (test databases dropped first), described for tests, and how to stop it
 * and remove its Redis keys. The run's shared stack is one; a test file that needs a world of its
 * own (background work that must not reach other files) starts another (private-stack.ts), maybe
 * with only some of the processes (`options`; default all, with the simulators).
 */
export async function startTestStack(
  env: Record<string, string>,
  options: Pick<StackOptions, 'processes' | 'simulators' | 'log'> = {},
): Promise<{ stack: TestStack; stop: () => Promise<void>; logFile?: string }> {
  const databaseUrl = env.DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  await dropDatabases(databaseUrl, env.DATABASE_NAME_PREFIX ?? '');
  const stack = await startStack({ log: 'quiet', ...options, env: { ...env, DATABASE_URL: databaseUrl } });
  const port = (name: SubgraphName) => stack.env[`${name.toUpperCase()}_PORT`];
  return {
    logFile: stack.logFile,
    stack: {
      gatewayUrl: stack.gatewayUrl,
      env: stack.env,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, `http://127.0.0.1:${port(n)}/graphql`])) as Record<SubgraphName, string>,
      databaseUrl,
      simulators: simulatedProviders(stack.env).servers,
    },
    async stop() {
      await stack.stop();
      await deleteKeys(stack.env.REDIS_URL ?? 'redis://127.0.0.1:6379', env.REDIS_KEY_PREFIX ?? '');
    },
  };
}

export default async function setup(project: TestProject) {
  const env: Record<string, string> = { ...testStackEnv(), ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) };
  const { stack, stop } = await startTestStack(env);
  project.provide('stack', stack);
  return stop;
}

/** The run's Redis keys (devices, playback, throttling) would otherwise pile up in the shared Redis. */
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  if (!prefix) return;
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
