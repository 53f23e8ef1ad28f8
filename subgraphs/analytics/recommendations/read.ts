/**
 * Serving recommendations from what the last run stored (./compute.ts), never computing on a request:
 * the user's ranked candidates, minus any track they played since the run (a track played is never
 * recommended), filtered by language against `track_facts` at read time, so a language corrected
 * after the run counts at once. A user the last run did not consider (not active, or no run yet) gets
 * an empty list with `computedAt: null`; the next run (every ANALYTICS_RECOMMENDATIONS_EVERY_SECONDS)
 * fills it. Not computed on demand: one user's scores need every session of the window, which is
 * the job's work, not a request's.
 */
import type { DataSource } from 'typeorm';

export interface RecommendationRecord {
  trackId: string;
  score: number;
  reasonTrackId: string;
}

export interface RecommendationsRecord {
  computedAt: Date | null;
  /** The language filter applied: null for none; for `preferredLanguages`, the user's (maybe empty). */
  languages: string[] | null;
  items: RecommendationRecord[];
}

export type LanguageFilter = { kind: 'any' } | { kind: 'language'; language: string } | { kind: 'preferred' };

export async function readRecommendations(db: DataSource, userId: string, first: number, filter: LanguageFilter): Promise<RecommendationsRecord> {
  // One statement, so the profile and the items come from the same run even while a run commits.
  const rows: { computedAt: Date; preferredLanguages: string[]; trackId: string | null; score: number | null; reasonTrackId: string | null }[] = await db.query(
    `SELECT p.computed_at AS "computedAt", p.preferred_languages AS "preferredLanguages",
            r.track_id AS "trackId", r.score, r.reason_track_id AS "reasonTrackId"
       FROM recommendation_profiles p
       LEFT JOIN LATERAL (
         SELECT r.track_id, r.score, r.reason_track_id, r.rank
           FROM user_recommendations r
          WHERE r.user_id = p.user_id
            AND ($2 = 'any' OR EXISTS (
                  SELECT 1 FROM track_facts f
                   WHERE f.track_id = r.track_id
                     AND f.language = ANY(CASE WHEN $2 = 'language' THEN ARRAY[$4::text] ELSE p.preferred_languages END)))
            AND NOT EXISTS (SELECT 1 FROM listening_events e WHERE e.user_id = p.user_id AND e.track_id = r.track_id)
          ORDER BY r.rank
          LIMIT $3
       ) r ON true
      WHERE p.user_id = $1
      ORDER BY r.rank`,
    [userId, filter.kind, first, filter.kind === 'language' ? filter.language : null],
  );
  const profile = rows[0];
  const languages = filter.kind === 'any' ? null : filter.kind === 'language' ? [filter.language] : (profile?.preferredLanguages ?? []);
  if (!profile) return { computedAt: null, languages, items: [] };
  const items = rows.filter((row) => row.trackId !== null).map((row) => ({ trackId: row.trackId!, score: row.score!, reasonTrackId: row.reasonTrackId! }));
  return { computedAt: profile.computedAt, languages, items };
}
