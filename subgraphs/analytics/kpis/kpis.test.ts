/**
 * Admin KPIs against a real PostgreSQL (database `test_recs_kpis_analytics`, migrated by the
 * subgraph's own migrations): daily and rolling 30-day active users and plays per day read from the
 * rollup table, equal to a brute force over the same rows, and the feedback ratio as reports per
 * play. The catalog's side (`mappingFeedbackCounts`) is tested against MongoDB in the catalog and
 * end to end in test/e2e/recommendations.test.ts; here a fixed answer stands in for it.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_NAME_PREFIX = 'test_recs_kpis_';
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { analyticsEntities } = await import('../store/entities.js');
const { analyticsMigrations } = await import('../store/migrations/index.js');
const { analyticsKpis } = await import('./kpis.js');
type ServiceClient = import('../../../platform/graphql/service-client.js').ServiceClient;

let db: DataSource;
beforeAll(async () => {
  db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
  await db.query('TRUNCATE listening_daily_users');
});
afterAll(async () => {
  await db?.destroy();
});

const NOW = new Date('2026-03-10T15:00:00Z');
const DAY = 24 * 3600 * 1000;
const dayOf = (daysAgo: number) => new Date(Date.UTC(2026, 2, 10) - daysAgo * DAY).toISOString().slice(0, 10);

/** The catalog's answer, as `mappingFeedbackCounts` gives it; records what it was asked. */
function catalog(days: { date: string; reports: number }[]) {
  const asked: Record<string, unknown>[] = [];
  const graph: ServiceClient = {
    async request<T>(subgraph: string, _query: string, variables: Record<string, unknown> = {}) {
      expect(subgraph).toBe('catalog');
      asked.push(variables);
      return { mappingFeedbackCounts: days.map((d) => ({ ...d, reportedTracks: 1 })) } as T;
    },
  };
  return { graph, asked };
}

describe('analyticsKpis', () => {
  it('equals a brute force over the rollup rows, per day and for the range', async () => {
    const users = Array.from({ length: 12 }, () => randomUUID());
    const rows: { userId: string; day: string; plays: number }[] = [];
    // User i plays on the days ago that are multiples of (i + 1), up to 60 days back, i+1 plays a day.
    users.forEach((userId, i) => {
      for (let ago = 0; ago <= 60; ago += i + 1) rows.push({ userId, day: dayOf(ago), plays: i + 1 });
    });
    await db.query(
      `INSERT INTO listening_daily_users (user_id, day, plays, listened_ms) SELECT u, d::date, p, 0 FROM unnest($1::text[], $2::text[], $3::int[]) AS t(u, d, p)`,
      [rows.map((r) => r.userId), rows.map((r) => r.day), rows.map((r) => r.plays)],
    );
    const { graph, asked } = catalog([{ date: dayOf(2), reports: 3 }, { date: dayOf(0), reports: 1 }]);
    const kpis = await analyticsKpis(db, graph, 14, NOW);
    expect(kpis.from).toEqual(new Date('2026-02-25T00:00:00Z'));
    expect(kpis.to).toEqual(new Date('2026-03-11T00:00:00Z'));
    expect(asked).toEqual([{ from: '2026-02-25T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' }]);

    const expectedDays = Array.from({ length: 14 }, (_, k) => {
      const ago = 13 - k;
      const date = dayOf(ago);
      const that = rows.filter((r) => r.day === date);
      const monthDays = new Set(Array.from({ length: 30 }, (_, j) => dayOf(ago + j)));
      const plays = that.reduce((sum, r) => sum + r.plays, 0);
      const reports = date === dayOf(2) ? 3 : date === dayOf(0) ? 1 : 0;
      return {
        date,
        dailyActiveUsers: that.length,
        monthlyActiveUsers: new Set(rows.filter((r) => monthDays.has(r.day)).map((r) => r.userId)).size,
        plays,
        mappingReports: reports,
        mappingFeedbackRatio: plays > 0 ? reports / plays : null,
      };
    });
    expect(kpis.days).toEqual(expectedDays);
    const inRange = rows.filter((r) => r.day >= dayOf(13));
    expect(kpis.activeUsers).toBe(new Set(inRange.map((r) => r.userId)).size);
    expect(kpis.monthlyActiveUsers).toBe(expectedDays.at(-1)!.monthlyActiveUsers);
    expect(kpis.plays).toBe(inRange.reduce((sum, r) => sum + r.plays, 0));
    expect(kpis.mappingReports).toBe(4);
    expect(kpis.mappingFeedbackRatio).toBe(4 / kpis.plays);
  });

  it('answers zeros and null ratios for days without plays', async () => {
    const { graph } = catalog([]);
    const kpis = await analyticsKpis(db, graph, 1, new Date('2030-01-01T00:00:00Z'));
    expect(kpis).toMatchObject({ activeUsers: 0, monthlyActiveUsers: 0, plays: 0, mappingReports: 0, mappingFeedbackRatio: null });
    expect(kpis.days).toEqual([{ date: '2030-01-01', dailyActiveUsers: 0, monthlyActiveUsers: 0, plays: 0, mappingReports: 0, mappingFeedbackRatio: null }]);
  });
});
