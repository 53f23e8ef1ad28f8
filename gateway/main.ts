/** The gateway process: the public GraphQL endpoint on GATEWAY_PORT (default 4000). */
import { onShutdown } from '../platform/http/shutdown.js';
import { logger } from '../platform/logger.js';
import { connectRedis } from '../platform/redis/connection.js';
import { startGateway } from './server.js';

const log = logger('gateway');
const redis = connectRedis();
const running = await startGateway(redis);

// Graceful shutdown (platform/http/shutdown.ts): /ready is 503 from the signal on; sockets are closed
// at once so subscribers reconnect elsewhere; requests are served through the drain, then finish.
onShutdown(log, async (budget) => {
  await budget.within('closing subscriptions', running.closeSubscriptions());
  await budget.drain();
  await budget.within('in-flight requests', running.stop());
  await redis.quit();
});
