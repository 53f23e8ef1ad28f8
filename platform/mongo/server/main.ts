/**
 * CLI: `tsx platform/mongo/server/main.ts` runs the embedded MongoDB-compatible
 * server on MONGO_PORT (default 27017) at 127.0.0.1 until SIGINT/SIGTERM.
 * Data is in memory and is lost when the process exits.
 */
import { pino } from 'pino';
import { startEmbeddedMongo } from './index.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.MONGO_PORT ?? 27017);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.error({ MONGO_PORT: process.env.MONGO_PORT }, 'MONGO_PORT must be a port number');
  process.exit(1);
}

const server = await startEmbeddedMongo({ port, host: '127.0.0.1', logger });
logger.info({ url: server.url }, 'embedded mongo listening');

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'embedded mongo stopping');
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error({ err }, 'embedded mongo failed to stop cleanly');
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
