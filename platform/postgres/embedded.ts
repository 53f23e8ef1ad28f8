/**
 * Embedded PostgreSQL for `npm start` when no server is at hand: one PGlite (Postgres compiled to WASM)
 * per subgraph database, served over TCP by @electric-sql/pglite-socket, its data under
 * `.data/pglite/<name>`. Clients connect to `postgres://postgres@127.0.0.1:<port>/postgres` with a pool of one.
 *
 * Each instance runs in its own child process (this file is also that process's entry): the WASM engine
 * is single-threaded and blocks its event loop while a query runs, and a crash in it must not take the
 * supervisor, or the other databases, down.
 *
 * pglite-socket serves one connection at a time and drops (rather than queues) any other, even a
 * reconnect that races the teardown of the previous socket (measured: a pool that closes and reopens
 * at once is refused). So a small FIFO front accepts every client and hands them to PGlite one after
 * the other; a second client waits for the first to disconnect instead of failing.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { REPO_ROOT, forkStoreProcess, serveStoreProcess, type Child } from '../runtime/child.js';

export interface EmbeddedPostgresOptions {
  /** Where the data lives; default `.data/pglite/<name>` in the repository. */
  dataDir?: string;
  /** TCP port; 0 or unset picks a free one. */
  port?: number;
  /** Lines the PGlite process prints (rare: warnings, a crash). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** The process serving it, for a supervisor to watch. */
  child: Child;
  /** Stops the server; the data stays in dataDir. */
  close(): Promise<void>;
}

export const defaultPgliteDir = (name: string): string => join(REPO_ROOT, '.data', 'pglite', name);

/** Starts PGlite for database `name` in a child process and resolves once it accepts connections. */
export async function startEmbeddedPostgres(name: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir ?? defaultPgliteDir(name));
  const { child, ready } = await forkStoreProcess({
    name: `${name}-db`,
    file: fileURLToPath(import.meta.url),
    args: [dataDir, String(options.port ?? 0)],
    onLine: options.onLine,
  });
  return {
    url: `postgres://postgres@127.0.0.1:${ready.port}/postgres`,
    port: ready.port,
    child,
    close: async () => {
      await child.stop();
    },
  };
}

/** In this process: PGlite on `dataDir` behind the one-at-a-time front on `port`. */
export async function servePglite(dataDir: string, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const db = await PGlite.create(dataDir);
  // PGlite's own listener, reached only through the front.
  const inner = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await inner.start();
  const innerPort = Number(inner.getServerConn().split(':').pop());
  const front = oneAtATime(innerPort, () => inner.getStats().activeConnections === 0);
  await new Promise<void>((ready, fail) => {
    front.once('error', fail);
    front.listen(port, '127.0.0.1', () => ready());
  });
  return {
    port: (front.address() as { port: number }).port,
    async close() {
      await new Promise((done) => front.close(done));
      await inner.stop();
      await db.close(); // flushes to dataDir
      unlock();
    },
  };
}

/** One PGlite per data directory: two processes on the same files would corrupt them. */
function lockDataDir(dataDir: string): () => void {
  const lock = `${dataDir}.lock`;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(`${dataDir} is in use by process ${holder} (another npm start?)`);
    }
    writeFileSync(lock, String(process.pid)); // left behind by a process that is gone
  }
  return () => rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A TCP front that pipes one client at a time to `upstreamPort`, the others queued in arrival order. */
function oneAtATime(upstreamPort: number, upstreamIdle: () => boolean): Server {
  const waiting: Socket[] = [];
  const open = new Set<Socket>();
  let busy = false;

  const next = (): void => {
    if (busy) return;
    const client = waiting.shift();
    if (!client) return;
    if (client.destroyed) return next(); // gave up while waiting
    busy = true;
    const upstream = connect(upstreamPort, '127.0.0.1');
    open.add(upstream);
    client.pipe(upstream).pipe(client);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      client.destroy();
      upstream.destroy();
      open.delete(upstream);
      // Wait until pglite-socket has released the connection, else it would drop the next one.
      void until(upstreamIdle, 2000).then(() => {
        busy = false;
        next();
      });
    };
    for (const socket of [client, upstream]) {
      socket.on('error', finish);
      socket.on('close', finish);
    }
  };

  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    open.add(client);
    client.on('close', () => open.delete(client));
    waiting.push(client);
    next();
  });
  // close() waits for open sockets; on shutdown there is no one left to serve.
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    for (const socket of open) socket.destroy();
    return close(callback);
  };
  return server;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

// Entry of the child process: `embedded.ts <dataDir> <port>`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: embedded.ts <dataDir> [port]');
  void serveStoreProcess(() => servePglite(dataDir, Number(port ?? 0)));
}
