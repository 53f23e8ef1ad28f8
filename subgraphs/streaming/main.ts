/**
 * The streaming subgraph process: devices and playback state in Redis, under `streaming:` keys.
 * Nothing to migrate: `--migrate` only checks that Redis answers, then exits.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import { serveSubgraph } from '../../platform/graphql/subgraph-server.js';
import { onShutdown } from '../../platform/http/shutdown.js';
import { logger } from '../../platform/logger.js';
import type { StreamingContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';

const log = logger('streaming');

const redis = connectRedis();
// Without a listener an ioredis 'error' event would crash the process. ioredis reconnects by
// itself; log the first error of an outage, not every retry.
let outage = false;
redis.on('error', (err) => {
  if (!outage) log.warn({ err }, 'Redis connection lost; reconnecting');
  outage = true;
});
redis.on('ready', () => {
  if (outage) log.info('Redis connection restored');
  outage = false;
});

// Start-up fails if Redis is unreachable; afterwards /ready reports false while it is away.
await redis.ping();

if (process.argv.includes('--migrate')) {
  log.info('streaming keeps no schema in Redis; nothing to migrate');
  await redis.quit();
  process.exit(0);
}

const running = await serveSubgraph<StreamingContext>({
  name: 'streaming',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  permissions,
  context: (base) => ({ ...base, redis }),
  readiness: { redis: redisReadiness(redis) },
});

onShutdown(log, async () => {
  await running.stop();
  await redis.quit();
});
