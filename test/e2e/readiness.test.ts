/**
 * `/ready` tells the truth about each subgraph's store: it goes false when the store stops and true
 * again when the store comes back, and the subgraph process survives the outage. Each store here is
 * a private instance (PGlite, redis-server, the embedded Mongo server) that the test can stop,
 * so the shared PostgreSQL and Redis of the machine are never touched.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from '../../platform/mongo/server/index.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../platform/postgres/embedded.js';
import { startPrivateRedis, type PrivateRedis } from '../../platform/redis/private-server.js';
import { startStack, type Stack } from '../../platform/runtime/stack.js';
import { POSTGRES_SUBGRAPHS, SUBGRAPHS, type PostgresSubgraph, type SubgraphName } from '../../platform/services.js';
import { scratchDir } from '../harness/scratch.js';
import { testPort } from '../harness/test-env.js';

const dataDir = scratchDir('readiness-');
const postgres = {} as Record<PostgresSubgraph, EmbeddedPostgres>;
let redis: PrivateRedis;
let mongo: EmbeddedMongoServer;
let stack: Stack;

beforeAll(async () => {
  for (const name of POSTGRES_SUBGRAPHS) postgres[name] = await startEmbeddedPostgres(name, { dataDir: `${dataDir}/${name}` });
  redis = await startPrivateRedis();
  mongo = await startEmbeddedMongo();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    IDENTITY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    REDIS_URL: redis.url,
    MONGO_URL: mongo.url,
    POSTGRES_POOL_SIZE: '1',
    // Fixed ports away from the ephemeral range the stores' free ports come from (and from the
    // main test stack's), so no store can take a subgraph's port between choice and listen.
    ...Object.fromEntries(SUBGRAPHS.map((name, i) => [`${name.toUpperCase()}_PORT`, String(testPort(1001 + i))])),
    ...Object.fromEntries(POSTGRES_SUBGRAPHS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, postgres[name].url])),
  };
  stack = await startStack({ env, gateway: false, log: 'quiet', simulators: false }); // readiness is about stores only
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all([...Object.values(postgres).map((p) => p.close()), redis?.close(), mongo?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

async function readiness(name: SubgraphName): Promise<number> {
  const port = stack.env[`${name.toUpperCase()}_PORT`];
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0; // the process is not answering at all
  }
}

async function eventually(name: SubgraphName, status: number): Promise<void> {
  const deadline = Date.now() + 45_000;
  let last = 0;
  while (Date.now() < deadline) {
    last = await readiness(name);
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} /ready stayed ${last}, expected ${status}`);
}

/** How the stack ended, or null while every process is still running. */
const stackExit = () => Promise.race([stack.exited, new Promise((resolve) => setTimeout(() => resolve(null), 10))]);

describe('/ready follows the store', () => {
  it('is ready everywhere while every store answers', async () => {
    for (const name of SUBGRAPHS) expect(await readiness(name), name).toBe(200);
  });

  it.each(POSTGRES_SUBGRAPHS)('%s: PostgreSQL stops and returns', async (name) => {
    const { port } = postgres[name];
    await postgres[name].close();
    await eventually(name, 503);
    postgres[name] = await startEmbeddedPostgres(name, { dataDir: `${dataDir}/${name}`, port });
    await eventually(name, 200);
    expect(await stackExit()).toBeNull();
  });

  it('catalog and lyrics: MongoDB stops and returns', async () => {
    const { port, storage } = mongo;
    await mongo.close();
    await eventually('catalog', 503);
    await eventually('lyrics', 503);
    mongo = await startEmbeddedMongo({ port, storage });
    await eventually('catalog', 200);
    await eventually('lyrics', 200);
    expect(await stackExit()).toBeNull();
  });

  it('streaming (and users, for its throttling and revocations): Redis stops and returns', async () => {
    const { port } = redis;
    await redis.close();
    await eventually('streaming', 503);
    await eventually('users', 503);
    redis = await startPrivateRedis({ port });
    await eventually('streaming', 200);
    await eventually('users', 200);
    expect(await stackExit()).toBeNull();
  });
});
