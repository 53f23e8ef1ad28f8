/**
 * The library store for tests: a real PostgreSQL (DATABASE_URL, default 127.0.0.1:5432), in a
 * database of the test file's own (`test_helper_<label>_library`, so files running in parallel
 * cannot truncate each other's rows), migrated by the subgraph's migrations and emptied first.
 * Call at the top of a test file; the returned function gives the store once beforeAll has run.
 */
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll } from 'vitest';

export function useLibraryTestStore(label: string): () => DataSource {
  let db: DataSource | undefined;

  beforeAll(async () => {
    // Read by the config on first use, so it must be set before the data source is opened.
    process.env.DATABASE_NAME_PREFIX = `test_helper_${label}_`;
    const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
    const { libraryEntities } = await import('./entities.js');
    const { libraryMigrations } = await import('./migrations/index.js');
    db = await openPostgresStore({ subgraph: 'library', entities: libraryEntities, migrations: libraryMigrations });
    await db.query('TRUNCATE playlists, saved_tracks CASCADE');
  });

  afterAll(async () => {
    await db?.destroy();
  });

  return () => {
    if (!db) throw new Error('the library test store is not open yet');
    return db;
  };
}
