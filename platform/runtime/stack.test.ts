/**
 * startStack end to end on stub processes (a tmp `root` with tiny subgraph and gateway entries) and
 * real stores: the embedded MongoDB-compatible server and a private redis-server. PGlite has its own test.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRedisServer } from '../redis/private-server.js';
import { scratchDir } from '../../test/harness/scratch.js';
import { isPortFree } from './network.js';
import { startStack } from './stack.js';

// Inside the repository, so the stubs resolve `mongodb` and `ioredis` from node_modules.
const root = scratchDir('stack-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stub = (path: string, source: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), source);
};
// An HTTP process on <NAME>_PORT with /health; /crash makes it exit 1.
const serve = (name: string, before = '') => `
import { createServer } from 'node:http';
${before}
createServer((req, res) => {
  if (req.url === '/crash') { console.log('${name}: about to crash'); setTimeout(() => process.exit(1), 10); }
  res.end(JSON.stringify({ ok: true, secret: (process.env.IDENTITY_TOKEN_SECRET ?? '').length }));
}).listen(Number(process.env.${name.toUpperCase()}_PORT), '127.0.0.1');
console.log(JSON.stringify({ level: 30, msg: '${name} listening' }));
`;
stub(
  'subgraphs/catalog/main.ts',
  `import { MongoClient } from 'mongodb';
if (process.argv.includes('--migrate')) {
  if (process.env.STUB_FAIL_MIGRATE) { console.error('catalog: index build failed'); process.exit(1); }
  const client = await MongoClient.connect(process.env.MONGO_URL!);
  await client.db('catalog').collection('tracks').createIndex({ isrc: 1 });
  await client.close();
  console.log('catalog: migrated');
  process.exit(0);
}
${serve('catalog')}`,
);
stub('subgraphs/streaming/main.ts', serve('streaming', `import { Redis } from 'ioredis'; await new Redis(process.env.REDIS_URL!).ping();`));
stub('gateway/main.ts', serve('gateway'));

const ports = { GATEWAY_PORT: '0', CATALOG_PORT: '0', STREAMING_PORT: '0' };

describe.skipIf(!(await findRedisServer()))('startStack', () => {
  it('starts stores, migrates, starts subgraphs then the gateway, and stops everything when one crashes', async () => {
    const logFile = join(root, 'run.log');
    const stack = await startStack({ root, processes: ['catalog', 'streaming'], probeDefaults: false, simulators: false, log: `file:${logFile}`, env: ports });
    expect(stack.env.MONGO_URL).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+/);
    expect(stack.env.REDIS_URL).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.env.IDENTITY_TOKEN_SECRET).toHaveLength(64); // 48 random bytes, base64url
    expect(stack.env.USERS_DATABASE_URL).toBeUndefined(); // no PostgreSQL subgraph, no PGlite

    const gateway = await fetch(stack.gatewayUrl);
    expect(await gateway.json()).toEqual({ ok: true, secret: 64 });
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/^catalog +\| catalog: migrated$/m);
    expect(log).toContain('MongoDB: embedded MongoDB-compatible server');
    expect(log).toContain('Redis: private redis-server');

    await fetch(`http://127.0.0.1:${stack.env.CATALOG_PORT}/crash`).catch(() => {});
    const exit = await stack.exited;
    expect(exit.reason).toBe('crashed');
    expect(exit.reason === 'crashed' && exit.error.message).toMatch(/catalog exited with code 1 unexpectedly[\s\S]*catalog: about to crash/);
    for (const url of [stack.env.REDIS_URL!, stack.env.MONGO_URL!]) expect(await isPortFree(Number(new URL(url).port))).toBe(true);
    expect(await isPortFree(Number(stack.env.STREAMING_PORT))).toBe(true);
    expect(await isPortFree(Number(stack.env.GATEWAY_PORT))).toBe(true);
  });

  it('fails with the output of a failed migration, having started no subgraph', async () => {
    const logFile = join(root, 'failed.log');
    await expect(
      startStack({ root, processes: ['catalog'], probeDefaults: false, simulators: false, log: `file:${logFile}`, env: { ...ports, STUB_FAIL_MIGRATE: '1' } }),
    ).rejects.toThrow(/catalog --migrate exited with code 1[\s\S]*catalog: index build failed/);
    expect(readFileSync(logFile, 'utf8')).not.toContain('catalog listening');
  });
});
