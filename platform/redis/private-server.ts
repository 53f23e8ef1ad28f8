/**
 * A private, throw-away `redis-server` for `npm start` when no Redis answers: on a free port, bound to
 * 127.0.0.1, nothing written to disk, and `noeviction` because BullMQ must never lose a job key.
 * It lives exactly as long as the supervisor that started it.
 */
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { spawnChild, type Child } from '../runtime/child.js';
import { freePort } from '../runtime/network.js';

export interface PrivateRedisOptions {
  /** Default: a free port. */
  port?: number;
  /** Default: `redis-server` found on PATH. */
  binary?: string;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readyTimeoutMs?: number;
}

export interface PrivateRedis {
  url: string;
  port: number;
  child: Child;
  close(): Promise<void>;
}

/** The path of `redis-server` on PATH, if there is one. */
export async function findRedisServer(path = process.env.PATH): Promise<string | undefined> {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'redis-server');
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const binary = options.binary ?? (await findRedisServer());
  if (!binary) throw new Error('redis-server is not on PATH');
  const port = options.port ?? (await freePort());
  const child = spawnChild({
    name: 'redis',
    command: binary,
    // `--save ""` and `--appendonly no`: a private instance is scratch space, persisted nowhere.
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--loglevel', 'warning'],
    onLine: options.onLine,
  });
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitForPong(url, child, options.readyTimeoutMs ?? 10_000);
  } catch (error) {
    await child.stop(2000);
    throw error;
  }
  return { url, port, child, close: async () => void (await child.stop()) };
}

async function waitForPong(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exit) throw child.failure(`${child.describeExit()} before it was ready`);
    const redis = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {}); // reported through the failed ping
    try {
      await redis.connect();
      if ((await redis.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw child.failure(`did not answer PING within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      redis.disconnect();
    }
  }
}
