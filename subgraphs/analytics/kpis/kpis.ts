/**
 * Admin KPIs over the last `days` UTC days (today included), per day and for the whole range:
 *   - daily active users: users with at least one listening event that day;
 *   - monthly active users: users with one in the 30 days ending that day (rolling, that day
 *     included); the range's figure is the last day's;
 *   - plays: listening events that day (completed plays and skips alike: every play reported);
 *   - mapping feedback ratio: "wrong video" reports made that day (catalog, per UTC day) divided by
 *     that day's plays, i.e. reports per play; null on a day without plays. Reports per play rather
 *     than per mapping because a play is when a listener meets a mapping, and plays are counted by day
 *     while mappings are not.
 * Listening figures come from the rollups (`listening_daily_users`, one row per user and UTC day,
 * filled by the `analytics-rollups` job), not the raw events, so they are as fresh as its last run;
 * a deleted user's rows are anonymised, not removed, so past days keep their counts.
 */
import type { DataSource } from 'typeorm';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';

export const MAU_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export interface DailyKpisRecord {
  date: string;
  dailyActiveUsers: number;
  monthlyActiveUsers: number;
  plays: number;
  mappingReports: number;
  mappingFeedbackRatio: number | null;
}

export interface AnalyticsKpisRecord {
  from: Date;
  to: Date;
  /** Distinct users active at any time in the range. */
  activeUsers: number;
  monthlyActiveUsers: number;
  plays: number;
  mappingReports: number;
  mappingFeedbackRatio: number | null;
  days: DailyKpisRecord[];
}

const ratio = (reports: number, plays: number) => (plays > 0 ? reports / plays : null);

const FEEDBACK = `query AnalyticsMappingFeedback($from: DateTime!, $to: DateTime!) {
  mappingFeedbackCounts(from: $from, to: $to) { date reports }
}`;

export async function analyticsKpis(db: DataSource, graph: ServiceClient, days: number, now = new Date()): Promise<AnalyticsKpisRecord> {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const from = new Date(to.getTime() - days * DAY_MS);
  const [listening, feedback] = await Promise.all([
    db.query(
      `WITH days AS (
         SELECT d::date AS day FROM generate_series($1::date, $2::date, interval '1 day') AS d
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
              (SELECT count(*)::int FROM listening_daily_users u WHERE u.day = d.day) AS "dailyActiveUsers",
              (SELECT count(DISTINCT u.user_id)::int FROM listening_daily_users u WHERE u.day > d.day - $3::int AND u.day <= d.day) AS "monthlyActiveUsers",
              (SELECT coalesce(sum(u.plays), 0)::int FROM listening_daily_users u WHERE u.day = d.day) AS plays
         FROM days d ORDER BY d.day`,
      [from.toISOString().slice(0, 10), new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10), MAU_DAYS],
    ) as Promise<Omit<DailyKpisRecord, 'mappingReports' | 'mappingFeedbackRatio'>[]>,
    graph.request<{ mappingFeedbackCounts: { date: string; reports: number }[] }>('catalog', FEEDBACK, { from: from.toISOString(), to: to.toISOString() }),
  ]);
  const [active] = (await db.query(
    `SELECT count(DISTINCT user_id)::int AS "activeUsers" FROM listening_daily_users WHERE day >= $1::date AND day < $2::date`,
    [from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)],
  )) as { activeUsers: number }[];
  const reportsByDay = new Map(feedback.mappingFeedbackCounts.map((day) => [day.date, day.reports]));
  const perDay = listening.map((day) => {
    const mappingReports = reportsByDay.get(day.date) ?? 0;
    return { ...day, mappingReports, mappingFeedbackRatio: ratio(mappingReports, day.plays) };
  });
  const plays = perDay.reduce((sum, day) => sum + day.plays, 0);
  const mappingReports = perDay.reduce((sum, day) => sum + day.mappingReports, 0);
  return {
    from,
    to,
    activeUsers: active?.activeUsers ?? 0,
    monthlyActiveUsers: perDay.at(-1)?.monthlyActiveUsers ?? 0,
    plays,
    mappingReports,
    mappingFeedbackRatio: ratio(mappingReports, plays),
    days: perDay,
  };
}
