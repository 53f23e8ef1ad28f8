/**
 * Finds or starts the stores for `npm start`, so that it needs no set-up:
 * - PostgreSQL: DATABASE_URL (must answer); else a server at the default local address; else one
 *   embedded PGlite per PostgreSQL subgraph (`<NAME>_DATABASE_URL`, `POSTGRES_POOL_SIZE=1`).
 * - Redis: REDIS_URL (must answer); else the default local address; else a private `redis-server`
 *   if one is installed; else an error that says how to get one.
 * - MongoDB: MONGO_URL (must answer); else the embedded MongoDB-compatible server (27017 if free).
 * An explicitly configured store that does not answer is an error, never silently replaced.
 * Returns the variables to add to the children's environment and the store processes it started.
 */
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DEFAULT_POSTGRES_URL } from '../postgres/data-source.js';
import { startEmbeddedPostgres } from '../postgres/embedded.js';
import { findRedisServer, startPrivateRedis } from '../redis/private-server.js';
import { POSTGRES_SUBGRAPHS, type PostgresSubgraph } from '../services.js';
import { REPO_ROOT, type Child } from './child.js';
import { startEmbeddedMongoProcess } from './embedded-mongo.js';
import { preferredOrFreePort } from './network.js';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DEFAULT_MONGO_PORT = 27017;

export interface StoreNeeds {
  postgres: readonly PostgresSubgraph[];
  mongo: boolean;
  redis: boolean;
}

export interface ResolveStoresOptions {
  /** The environment the children will get (process.env plus overrides). */
  env: NodeJS.ProcessEnv;
  /** Which stores the processes to run need; default all of them. */
  needs?: StoreNeeds;
  /** false: don't look for servers at the default local addresses, start embedded/private ones (hermetic runs). */
  probeDefaults?: boolean;
  /** Root of embedded data (`<dataDir>/pglite/<name>`); default `.data` in the repository. */
  dataDir?: string;
  log: Logger;
  /** Output of the store processes. */
  onLine?: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ResolvedStores {
  /** Variables to add to the children's environment. */
  env: Record<string, string>;
  /** Store processes started here, for the supervisor to watch and stop. */
  children: Child[];
  stop(): Promise<void>;
}

/** A configured store does not answer, or none can be found or started. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

interface Resolved {
  env: Record<string, string>;
  children: Child[];
}

export async function resolveStores(options: ResolveStoresOptions): Promise<ResolvedStores> {
  const needs = options.needs ?? { postgres: POSTGRES_SUBGRAPHS, mongo: true, redis: true };
  const results = await Promise.allSettled([
    needs.postgres.length ? resolvePostgres(needs.postgres, options) : none(),
    needs.redis ? resolveRedis(options) : none(),
    needs.mongo ? resolveMongo(options) : none(),
  ]);
  const children = results.flatMap((result) => (result.status === 'fulfilled' ? result.value.children : []));
  const stop = async () => void (await Promise.all(children.map((child) => child.stop())));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const env = Object.assign({}, ...results.map((result) => (result.status === 'fulfilled' ? result.value.env : {}))) as Record<string, string>;
  return { env, children, stop };
}

const none = async (): Promise<Resolved> => ({ env: {}, children: [] });

async function resolvePostgres(subgraphs: readonly PostgresSubgraph[], options: ResolveStoresOptions): Promise<Resolved> {
  const { env, log } = options;
  const variable = (name: PostgresSubgraph) => `${name.toUpperCase()}_DATABASE_URL`;
  // A subgraph pointed at its own server needs nothing from here.
  const open = subgraphs.filter((name) => !env[variable(name)]);
  if (!open.length) return none();

  if (env.DATABASE_URL) {
    const problem = await postgresProblem(env.DATABASE_URL, 3000);
    if (problem) {
      throw new StoreUnavailableError(
        `DATABASE_URL: cannot connect to ${redact(env.DATABASE_URL)} (${problem}). Start that server, fix DATABASE_URL, or unset it to use embedded PGlite.`,
      );
    }
    log.info({ store: 'postgres', kind: 'server', url: redact(env.DATABASE_URL) }, `PostgreSQL: server at ${redact(env.DATABASE_URL)} (DATABASE_URL)`);
    return none();
  }

  if (options.probeDefaults !== false) {
    const problem = await postgresProblem(DEFAULT_POSTGRES_URL, 1000);
    if (!problem) {
      log.info({ store: 'postgres', kind: 'server', url: DEFAULT_POSTGRES_URL }, `PostgreSQL: server at ${DEFAULT_POSTGRES_URL} (found locally)`);
      return { env: { DATABASE_URL: DEFAULT_POSTGRES_URL }, children: [] };
    }
    log.info({ store: 'postgres', problem }, `PostgreSQL: none at ${DEFAULT_POSTGRES_URL} (${problem}); starting embedded PGlite`);
  }

  const dataRoot = join(options.dataDir ?? join(REPO_ROOT, '.data'), 'pglite');
  const started = await Promise.allSettled(
    open.map((name) =>
      startEmbeddedPostgres(name, { dataDir: join(dataRoot, name), onLine: (line, stream) => options.onLine?.(`${name}-db`, line, stream) }),
    ),
  );
  const children = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value.child] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(children.map((child) => child.stop()));
    throw new StoreUnavailableError(`embedded PGlite did not start: ${(failed.reason as Error).message}`);
  }
  const servers = started.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof startEmbeddedPostgres>>>).value);
  const urls = Object.fromEntries(open.map((name, i) => [variable(name), servers[i]!.url]));
  log.info(
    { store: 'postgres', kind: 'embedded', dataDir: dataRoot, ...urls },
    `PostgreSQL: embedded PGlite, one per database (${open.map((name, i) => `${name} :${servers[i]!.port}`).join(', ')}), data in ${dataRoot}`,
  );
  // pglite-socket serves one connection at a time: each subgraph keeps a pool of one.
  return { env: { ...urls, POSTGRES_POOL_SIZE: '1' }, children };
}

/** Why `url` cannot be used, or undefined when it answers. */
async function postgresProblem(url: string, timeoutMs: number): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return reason(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function resolveRedis(options: ResolveStoresOptions): Promise<Resolved> {
  const { env, log } = options;
  const explicit = env.REDIS_URL;
  const url = explicit ?? DEFAULT_REDIS_URL;
  const binary = await findRedisServer(env.PATH);

  if (explicit || options.probeDefaults !== false || !binary) {
    const probe = await probeRedis(url, explicit ? 3000 : 1000);
    if (probe.ok) {
      const source = explicit ? 'REDIS_URL' : 'found locally';
      log.info({ store: 'redis', kind: 'server', url: redact(url) }, `Redis: server at ${redact(url)} (${source})`);
      if (probe.policy !== 'noeviction') {
        log.warn(
          { store: 'redis', maxmemoryPolicy: probe.policy ?? 'unknown' },
          `Redis: maxmemory-policy is ${probe.policy ?? 'unknown (CONFIG GET refused)'}; BullMQ needs noeviction, or it may lose jobs under memory pressure`,
        );
      }
      return { env: { REDIS_URL: url }, children: [] };
    }
    if (explicit) {
      throw new StoreUnavailableError(`REDIS_URL: cannot connect to ${redact(url)} (${probe.problem}). Start that server, fix REDIS_URL, or unset it.`);
    }
    if (!binary) {
      throw new StoreUnavailableError(
        `Redis: none at ${url} (${probe.problem}) and no redis-server on PATH. ` +
          'Install one (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) or set REDIS_URL to a Redis you can reach.',
      );
    }
    log.info({ store: 'redis', problem: probe.problem }, `Redis: none at ${url} (${probe.problem}); starting a private redis-server`);
  }

  const redis = await startPrivateRedis({ binary, onLine: (line, stream) => options.onLine?.('redis', line, stream) });
  log.info({ store: 'redis', kind: 'private', url: redis.url }, `Redis: private redis-server at ${redis.url} (in memory, stopped with npm start)`);
  return { env: { REDIS_URL: redis.url }, children: [redis.child] };
}

async function probeRedis(url: string, timeoutMs: number): Promise<{ ok: true; policy?: string } | { ok: false; problem: string }> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let socketError: unknown; // more telling than the "Connection is closed." that connect() rejects with
  redis.on('error', (error) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    return { ok: false, problem: reason(socketError ?? error) };
  }
  try {
    // Managed Redis often refuses CONFIG; then the policy is unknown.
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    return { ok: true, policy };
  } catch {
    return { ok: true };
  } finally {
    redis.disconnect();
  }
}

async function resolveMongo(options: ResolveStoresOptions): Promise<Resolved> {
  const { env, log } = options;
  if (env.MONGO_URL) {
    const problem = await mongoProblem(env.MONGO_URL);
    if (problem) {
      throw new StoreUnavailableError(
        `MONGO_URL: cannot connect to ${redact(env.MONGO_URL)} (${problem}). Start that server, fix MONGO_URL, or unset it to use the embedded server.`,
      );
    }
    log.info({ store: 'mongo', kind: 'server', url: redact(env.MONGO_URL) }, `MongoDB: server at ${redact(env.MONGO_URL)} (MONGO_URL)`);
    return none();
  }
  const mongo = await startEmbeddedMongoProcess({
    port: await preferredOrFreePort(DEFAULT_MONGO_PORT),
    onLine: (line, stream) => options.onLine?.('mongo', line, stream),
  });
  log.info({ store: 'mongo', kind: 'embedded', url: mongo.url }, `MongoDB: embedded MongoDB-compatible server at ${mongo.url} (in memory, per run)`);
  return { env: { MONGO_URL: mongo.url }, children: [mongo.child] };
}

async function mongoProblem(url: string): Promise<string | undefined> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return undefined;
  } catch (error) {
    return reason(error);
  } finally {
    await client.close().catch(() => {});
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reason(error.errors[0]);
  const e = error as { code?: string; message?: string };
  return e.message || e.code || String(error);
}

/** A URL fit for a log: the password replaced. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
