/**
 * The embedded MongoDB-compatible server (platform/mongo/server) in its own child process, for
 * `npm start` without MONGO_URL: query work then does not compete with the supervisor's log
 * forwarding, and a crash in it is reported like any other child's. Data is in memory, per run.
 * This file is also that process's entry.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkStoreProcess, serveStoreProcess, type Child } from './child.js';

export interface EmbeddedMongoProcess {
  url: string;
  port: number;
  child: Child;
  close(): Promise<void>;
}

export async function startEmbeddedMongoProcess(
  options: { port?: number; onLine?: (line: string, stream: 'stdout' | 'stderr') => void } = {},
): Promise<EmbeddedMongoProcess> {
  const { child, ready } = await forkStoreProcess({
    name: 'mongo',
    file: fileURLToPath(import.meta.url),
    args: [String(options.port ?? 0)],
    onLine: options.onLine,
  });
  return {
    url: ready.url ?? `mongodb://127.0.0.1:${ready.port}/?directConnection=true`,
    port: ready.port,
    child,
    close: async () => void (await child.stop()),
  };
}

// Entry of the child process: `embedded-mongo.ts <port>`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void serveStoreProcess(async () => {
    const { pino } = await import('pino');
    const { startEmbeddedMongo } = await import('../mongo/server/index.js');
    const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'mongo', pid: process.pid } });
    return startEmbeddedMongo({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', logger });
  });
}
