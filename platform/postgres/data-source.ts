/**
 * A subgraph's PostgreSQL database through TypeORM: created if missing, migrated before serving.
 * The database is `<DATABASE_NAME_PREFIX><subgraph>` on DATABASE_URL, unless `<NAME>_DATABASE_URL`
 * points the subgraph at its own server (embedded PGlite serves one database per instance).
 */
import pg from 'pg';
import { Counter } from 'prom-client';
import { DataSource, type EntitySchema, type Logger as TypeOrmLogger, type MigrationInterface } from 'typeorm';
import { config } from '../config.js';
import { logger } from '../logger.js';
import { metrics } from '../metrics.js';
import type { PostgresSubgraph } from '../services.js';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(subgraph: PostgresSubgraph): string {
  const c = config();
  const own = c[`${subgraph.toUpperCase() as Uppercase<PostgresSubgraph>}_DATABASE_URL`];
  if (own) return own;
  const url = new URL(c.DATABASE_URL ?? DEFAULT_POSTGRES_URL);
  url.pathname = `/${c.DATABASE_NAME_PREFIX}${subgraph}`;
  return url.toString();
}

/** Creates the database named in `url` when the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name || name === 'postgres') return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      // Identifiers cannot be parameters; the name is validated by the config schema.
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // Created concurrently by another process: 42P04, or a unique violation on pg_database when
        // both CREATE DATABASE statements passed the server's own check at once.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

const sqlQueries = new Counter({
  name: 'postgres_queries_total',
  help: 'SQL statements sent to PostgreSQL (transaction control included), by subgraph',
  labelNames: ['subgraph'] as const,
  registers: [metrics],
});

/**
 * TypeORM hands every statement to its logger: counting them there makes "how many queries does a
 * request cost" a number on /metrics that tests and benches can read (no N+1 goes unseen).
 */
function countingLogger(subgraph: PostgresSubgraph): TypeOrmLogger {
  const count = sqlQueries.labels({ subgraph });
  const log = logger().child({ store: 'postgres', subgraph });
  return {
    logQuery: () => count.inc(),
    logQueryError: () => {}, // the error reaches the caller, which decides whether it matters
    logQuerySlow: (time, query) => log.warn({ ms: time, query: query.slice(0, 200) }, 'slow SQL statement'),
    logSchemaBuild: () => {},
    logMigration: (message) => log.info(message),
    log: (level, message) => (level === 'warn' ? log.warn(String(message)) : undefined),
  };
}

export interface PostgresStoreOptions {
  subgraph: PostgresSubgraph;
  entities: EntitySchema[];
  migrations: (new () => MigrationInterface)[];
}

/** Connects, creating and migrating the database first. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<DataSource> {
  const url = databaseUrl(options.subgraph);
  await ensureDatabase(url);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    logger: countingLogger(options.subgraph),
    maxQueryExecutionTime: 1000,
    extra: { max: config().POSTGRES_POOL_SIZE, connectionTimeoutMillis: 3000 },
  });
  await dataSource.initialize();
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would crash the
  // process. The pool reconnects on the next query, and /ready reports the outage meanwhile.
  (dataSource.driver as unknown as { master: pg.Pool }).master.on('error', (error) =>
    logger().warn({ err: error.message }, 'PostgreSQL connection lost'),
  );
  await underMigrationLock(url, options.subgraph, () => dataSource.runMigrations({ transaction: 'each' }));
  return dataSource;
}

/**
 * Runs `migrate` while holding the subgraph's migration lock, so that processes starting at once
 * (replicas, worker pools, a rollout) apply each migration once: the others wait, then find nothing
 * left to do. TypeORM takes no lock of its own. The lock is a transaction-scoped advisory lock on a
 * connection of its own (its transaction open meanwhile), so it also holds behind PgBouncer in
 * transaction mode. Embedded PGlite serves one connection at a time to one process (pool of one), so
 * there it goes without.
 */
async function underMigrationLock(url: string, subgraph: PostgresSubgraph, migrate: () => Promise<unknown>): Promise<void> {
  if (config().POSTGRES_POOL_SIZE <= 1) {
    await migrate();
    return;
  }
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('BEGIN');
    await lock.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrations:${subgraph}`]);
    await migrate();
    await lock.query('COMMIT');
  } finally {
    await lock.end();
  }
}

export const postgresReadiness = (dataSource: DataSource) => () => dataSource.query('SELECT 1');
