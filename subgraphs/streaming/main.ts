/**
 * The streaming subgraph process: devices, playback sessions and the playback state in Redis, under
 * `streaming:` keys; it asks the catalog and the library through the graph.
 */
import { serviceClient } from '../../platform/graphql/service-client.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { logger } from '../../platform/logger.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import type { StreamingContext } from './context.js';
import { ListeningReports } from './listening/queue.js';
import { preparePlaybackLimit } from './playback-sessions/prepare-limit.js';
import { contextTracks } from './playback-state/context-tracks.js';
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
    // The listening queue shares the connection, so it is closed first.
    const listening = new ListeningReports(redis);
    return {
      redis,
      listening,
      close: async () => {
        await listening.close();
        await redis.quit();
      },
    };
  },
  serve: ({ redis, listening }) => {
    const graph = serviceClient('streaming');
    const tracks = contextTracks(graph, logger('streaming'));
    const limit = preparePlaybackLimit(redis);
    return {
      context: (base): StreamingContext => ({ ...base, redis, listening, graph, contextTracks: tracks, preparePlaybackLimit: limit }),
      readiness: { redis: redisReadiness(redis) },
    };
  },
});
