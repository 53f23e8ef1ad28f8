/** The gateway process: the public GraphQL endpoint on GATEWAY_PORT (default 4000). */
import { onShutdown } from '../platform/http/shutdown.js';
import { logger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis/connection.js';
import { startGateway } from './server.js';

const log = logger('gateway');
const redis = connectRedis();
const running = await startGateway(redis);

onShutdown(log, async () => {
  await running.stop();
  await redis.quit();
});
