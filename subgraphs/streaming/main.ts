/** The streaming subgraph process: devices and playback state in Redis, under `streaming:` keys. */
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import type { StreamingContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';

await runSubgraph({
  name: 'streaming',
  resolvers,
  permissions,
  // Redis keeps no schema: preparing it is checking that it answers.
  async openStores() {
    const redis = connectRedis();
    await redis.ping();
    return { redis, close: async () => void (await redis.quit()) };
  },
  serve: ({ redis }) => ({
    context: (base): StreamingContext => ({ ...base, redis }),
    readiness: { redis: redisReadiness(redis) },
  }),
});
