/**
 * Analytics' generic privacy export and erase against a real PostgreSQL (the database
 * `test_helper_privacy_analytics`), over the real ANALYTICS_USER_TABLES and over a list with a
 * `delete` table of the test's own: rows anonymised keep counting, deleted ones go, reruns do nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_NAME_PREFIX = 'test_helper_privacy_';
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { analyticsEntities } = await import('../store/entities.js');
const { analyticsMigrations } = await import('../store/migrations/index.js');
const { ANALYTICS_USER_TABLES } = await import('./user-tables.js');
const { eraseAnalyticsUserData, exportAnalyticsUserData } = await import('./user-data.js');

let db: DataSource;
beforeAll(async () => {
  db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
  await db.query('CREATE TABLE IF NOT EXISTS privacy_test_picks (user_id text NOT NULL, track_id text NOT NULL)');
});
afterAll(async () => {
  await db?.query('DROP TABLE IF EXISTS privacy_test_picks');
  await db?.destroy();
});

describe('analytics privacy', () => {
  it('walks every listed table: exports the user\'s rows, anonymises or deletes them, idempotently', async () => {
    const tables = [...ANALYTICS_USER_TABLES, { table: 'privacy_test_picks', userColumn: 'user_id', onErase: { kind: 'delete' as const } }];
    const [ada, bob, anonymous] = [randomUUID(), randomUUID(), randomUUID()];
    await db.query(`INSERT INTO privacy_test_picks (user_id, track_id) VALUES ($1, 'a'), ($1, 'b'), ($2, 'c')`, [ada, bob]);

    const exported = await exportAnalyticsUserData(db, ada, tables);
    expect(Object.keys(exported).sort()).toEqual(tables.map((t) => t.table).sort());
    expect((exported.privacy_test_picks as { track_id: string }[]).map((r) => r.track_id).sort()).toEqual(['a', 'b']);

    const report = await eraseAnalyticsUserData(db, ada, anonymous, tables);
    expect(report.privacy_test_picksDeleted).toBe(2);
    expect(await db.query('SELECT track_id FROM privacy_test_picks ORDER BY track_id')).toEqual([{ track_id: 'c' }]);
    const again = await eraseAnalyticsUserData(db, ada, anonymous, tables);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    for (const rows of Object.values(await exportAnalyticsUserData(db, ada, tables))) expect(rows).toEqual([]);
  });

  it('refuses a table name that is not a plain identifier', async () => {
    await expect(exportAnalyticsUserData(db, randomUUID(), [{ table: 'x; DROP TABLE y', userColumn: 'user_id', onErase: { kind: 'delete' } }])).rejects.toThrow(/identifier/);
  });
});
