/**
 * Embedded MongoDB-compatible server, reached through the official `mongodb`
 * driver exactly like a real mongod.
 *
 * Why hand-written: there is no embeddable mongod for this platform, and
 * mongodb-memory-server works by downloading a mongod binary at runtime,
 * which these machines cannot do. So tests and `npm start` (when MONGO_URL is
 * unset) use this small server instead: wire protocol in wire.ts, data in
 * storage.ts, query/update/aggregation semantics from mingo, commands under
 * commands/.
 *
 * Data lives in memory. A server's `storage` can be handed to a new server to
 * restart with the same data (e.g. `startEmbeddedMongo({ port, storage })`).
 *
 * Known gaps versus mongod: no auth, no transactions isolation (commit/abort
 * are accepted no-ops), no change streams, text/geo queries, collation, or
 * `$merge`; numeric BSON types are normalised to JS numbers (ints and doubles
 * come back as the driver's `number`).
 */
import { createServer, type Socket } from 'node:net';
import { pino, type Logger } from 'pino';
import type { ServerInfo } from './commands/index.js';
import { serveConnection } from './connection.js';
import { CursorRegistry } from './cursors.js';
import { MemoryStorage } from './storage.js';

export { MemoryStorage } from './storage.js';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  logger?: Logger;
  /** Reuse data from a previous server (restart semantics). */
  storage?: MemoryStorage;
  /** How often TTL indexes are swept; defaults to 1000 ms. */
  ttlSweepIntervalMs?: number;
}

export interface EmbeddedMongoServer {
  /** Connection string for the driver, e.g. mongodb://127.0.0.1:27017/?directConnection=true */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The data; survives close() and can be passed to a new server. */
  readonly storage: MemoryStorage;
  /** Stops listening and destroys open connections. Idempotent. */
  close(): Promise<void>;
}

function urlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `mongodb://${hostPart}:${port}/?directConnection=true`;
}

export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongoServer> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? pino({ level: 'silent' });
  const storage = options.storage ?? new MemoryStorage();
  const cursors = new CursorRegistry();
  const sockets = new Set<Socket>();
  let totalConnections = 0;
  let port = options.port ?? 0;

  const info: ServerInfo = {
    host,
    get port() {
      return port;
    },
    startedAt: new Date(),
    currentConnections: () => sockets.size,
    totalConnections: () => totalConnections,
  };

  const server = createServer((socket) => {
    totalConnections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConnection(socket, totalConnections, { storage, cursors, server: info, logger });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ err }, 'embedded mongo: server error'));
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  const sweeper = setInterval(() => {
    try {
      storage.sweepExpired();
      cursors.expireIdle();
    } catch (err) {
      logger.error({ err }, 'embedded mongo: TTL sweep failed');
    }
  }, options.ttlSweepIntervalMs ?? 1000);
  sweeper.unref();

  const url = urlFor(host, port);
  logger.debug({ url }, 'embedded mongo listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    storage,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(sweeper);
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        cursors.clear();
      });
      return closing;
    },
  };
}
