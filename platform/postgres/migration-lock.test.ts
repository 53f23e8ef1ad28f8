/**
 * Processes opening one fresh database at once (replicas, worker pools, a rollout) migrate it once:
 * the migration lock in openPostgresStore makes the others wait and then find nothing to do. Against
 * the real PostgreSQL (DATABASE_URL, default 127.0.0.1:5432), in a database of this test's own.
 */
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_NAME_PREFIX = 'test_migration_lock_';
const { DEFAULT_POSTGRES_URL, openPostgresStore } = await import('./data-source.js');
const { analyticsEntities } = await import('../../subgraphs/analytics/store/entities.js');
const { analyticsMigrations } = await import('../../subgraphs/analytics/store/migrations/index.js');

const serverUrl = process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL;
const stores: DataSource[] = [];

async function dropDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS test_migration_lock_analytics WITH (FORCE)');
  await client.end();
}

beforeAll(dropDatabase);
afterAll(async () => {
  await Promise.all(stores.map((store) => store.destroy()));
  await dropDatabase();
});

describe('migrations at concurrent starts', () => {
  it('applies every migration once when three processes open a fresh database together', async () => {
    const opened = await Promise.allSettled(
      Array.from({ length: 3 }, () => openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations })),
    );
    for (const result of opened) if (result.status === 'fulfilled') stores.push(result.value);
    expect(opened.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
    const applied: { name: string }[] = await stores[0]!.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(analyticsMigrations.map((migration) => new migration().name));
  });
});
