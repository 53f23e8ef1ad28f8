/** Embedded PGlite over TCP: real connections with `pg`, clients served one after the other, one server per data dir, data that survives a restart. */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../postgres/embedded.js';
import { scratchDir } from '../../test/harness/scratch.js';

const dataDir = scratchDir('pglite-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

describe('startEmbeddedPostgres', () => {
  it('serves SQL over TCP, queues a second client, refuses a second server on its files, and keeps the data across a restart', async () => {
    const first = await startEmbeddedPostgres('t', { dataDir });
    expect(first.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");

    // A second connection waits for the first to go, instead of being dropped.
    const holder = new pg.Client({ connectionString: first.url });
    await holder.connect();
    const waiter = query(first.url, 'SELECT 2 AS n');
    setTimeout(() => void holder.end(), 200);
    expect(await waiter).toEqual([{ n: 2 }]);

    // A second server on the same files would corrupt them.
    await expect(startEmbeddedPostgres('t', { dataDir })).rejects.toThrow(/is in use by process \d+/);

    await first.close();
    expect(first.child.exit).toEqual({ code: 0, signal: null });

    const second = await startEmbeddedPostgres('t', { dataDir });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await second.close();
    }
  }, 30_000);
});
