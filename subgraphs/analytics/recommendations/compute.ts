/**
 * Computing recommendations for every active user at once, in PostgreSQL, set-based over the raw
 * listening events (no statement per user or per track):
 *
 * 1. Sessions. A user's plays within the window (ANALYTICS_RECOMMENDATIONS_WINDOW_DAYS), ordered by
 *    `played_at` (then event id), start a new session where the gap to the previous play is at least
 *    ANALYTICS_SESSION_GAP_MINUTES (window functions `lag` and a running `sum`). A session weighs
 *    w = 0.5^(age of its last play / half-life); a session's tracks are its distinct tracks, at most
 *    `maxTracksPerSession` (the most recently played).
 * 2. Item-to-item similarity. For tracks a ≠ b, C(a,b) = Σ w over sessions holding both, N(a) = Σ w
 *    over sessions holding a, and sim(a,b) = C(a,b) / √(N(a)·N(b)) (cosine over weighted sessions,
 *    so a track played everywhere is not everyone's neighbour). Each track keeps its
 *    `neighboursPerTrack` most similar neighbours (ties: neighbour id).
 * 3. Scores. A user active within ANALYTICS_RECOMMENDATIONS_ACTIVE_DAYS has seeds: their
 *    `seedsPerUser` most recently played distinct tracks in the window, each weighing
 *    s(a) = Σ 0.5^(age of the play / half-life) over their plays of a. A track b they have never
 *    played (at any time) scores Σ s(a)·sim(a,b) over seeds a having b as a neighbour; its reason is
 *    the seed with the largest term (ties: seed id). A user keeps `keptPerUser` candidates, by score
 *    then track id (byte order), compared at 10 significant digits so equal scores tie exactly. Weights are
 *    floored at 0.5^200 (PostgreSQL refuses underflow; nothing that small changes a ranking).
 * 4. Preferred languages, from `track_facts`: the languages (not `und`, not `zxx`) of at least
 *    `minPreferredLanguageShare` of the user's window plays whose language is known, most played
 *    first (ties: code), at most `maxPreferredLanguages`.
 *
 * The whole result replaces the previous one in one transaction (readers see the old one until it
 * commits), under a transaction-scoped advisory lock so that two workers never compute at once (the
 * second skips). Everything depends only on the events, the facts, the policy and `now`, so a test
 * can compute the same ranking by brute force.
 */
import type { DataSource } from 'typeorm';
import { ensureTrackFacts } from '../track-facts/track-facts.js';
import { NON_LANGUAGES, type RecommendationPolicy } from './policy.js';

/** pg_advisory_xact_lock key of the recommendations run (an arbitrary constant of this module). */
const RUN_LOCK = 7_410_001;
/** Missing facts fetched per run at most; the rest come with the next runs. */
const FACTS_PER_RUN = 5_000;

export interface RecommendationRunRecord {
  /** False when another run held the lock and this one did nothing. */
  ran: boolean;
  users: number;
  recommendations: number;
  computedAt: Date;
}

/** 0.5^(age / half-life), floored; `age` an interval expression. */
const decay = (age: string) => `power(0.5::float8, least(extract(epoch FROM (${age}))::float8 / $4, 200))`;
/** A score compared at 10 significant digits. */
export const sig = (x: string) => `round((${x})::numeric, 9 - floor(log((${x})::numeric))::int)`;

const RECOMPUTE = `
WITH recent AS (
  SELECT event_id, user_id, track_id, played_at FROM listening_events WHERE played_at > $2 AND played_at <= $1
),
marked AS (
  SELECT event_id, user_id, track_id, played_at,
         CASE WHEN played_at - lag(played_at) OVER w < make_interval(mins => $3) THEN 0 ELSE 1 END AS starts
    FROM recent WINDOW w AS (PARTITION BY user_id ORDER BY played_at, event_id)
),
numbered AS (
  SELECT user_id, track_id, played_at,
         sum(starts) OVER (PARTITION BY user_id ORDER BY played_at, event_id ROWS UNBOUNDED PRECEDING) AS session_no
    FROM marked
),
sessions AS (
  SELECT user_id, session_no, ${decay('$1 - max(played_at)')} AS weight FROM numbered GROUP BY user_id, session_no
),
session_tracks AS (
  SELECT user_id, session_no, track_id FROM (
    SELECT user_id, session_no, track_id,
           row_number() OVER (PARTITION BY user_id, session_no ORDER BY max(played_at) DESC, track_id COLLATE "C") AS n
      FROM numbered GROUP BY user_id, session_no, track_id
  ) t WHERE n <= $5
),
track_weights AS (
  SELECT st.track_id, sum(s.weight) AS weight FROM session_tracks st JOIN sessions s USING (user_id, session_no) GROUP BY st.track_id
),
pairs AS (
  SELECT a.track_id, b.track_id AS neighbour_id, sum(s.weight) AS together
    FROM session_tracks a
    JOIN session_tracks b ON b.user_id = a.user_id AND b.session_no = a.session_no AND b.track_id <> a.track_id
    JOIN sessions s ON s.user_id = a.user_id AND s.session_no = a.session_no
   GROUP BY a.track_id, b.track_id
),
neighbours AS (
  SELECT track_id, neighbour_id, similarity FROM (
    SELECT track_id, neighbour_id, similarity,
           row_number() OVER (PARTITION BY track_id ORDER BY ${sig('similarity')} DESC, neighbour_id COLLATE "C") AS n
      FROM (SELECT p.track_id, p.neighbour_id, p.together / sqrt(ta.weight * tb.weight) AS similarity
              FROM pairs p JOIN track_weights ta ON ta.track_id = p.track_id JOIN track_weights tb ON tb.track_id = p.neighbour_id) sims
  ) ranked WHERE n <= $6
),
active AS (
  SELECT DISTINCT user_id FROM recent WHERE played_at > $7
),
seeds AS (
  SELECT user_id, track_id, weight FROM (
    SELECT r.user_id, r.track_id, sum(${decay('$1 - r.played_at')}) AS weight,
           row_number() OVER (PARTITION BY r.user_id ORDER BY max(r.played_at) DESC, r.track_id COLLATE "C") AS n
      FROM recent r JOIN active USING (user_id) GROUP BY r.user_id, r.track_id
  ) t WHERE n <= $8
),
contributions AS (
  SELECT s.user_id, n.neighbour_id AS track_id, s.track_id AS seed_id, s.weight * n.similarity AS contribution
    FROM seeds s JOIN neighbours n ON n.track_id = s.track_id
),
ever_played AS (
  SELECT DISTINCT e.user_id, e.track_id FROM listening_events e JOIN active USING (user_id)
),
scored AS (
  SELECT c.user_id, c.track_id, sum(c.contribution) AS score,
         (array_agg(c.seed_id ORDER BY ${sig('c.contribution')} DESC, c.seed_id COLLATE "C"))[1] AS reason_track_id
    FROM contributions c
   WHERE NOT EXISTS (SELECT 1 FROM ever_played p WHERE p.user_id = c.user_id AND p.track_id = c.track_id)
   GROUP BY c.user_id, c.track_id
),
ranked AS (
  SELECT user_id, track_id, score, reason_track_id,
         row_number() OVER (PARTITION BY user_id ORDER BY ${sig('score')} DESC, track_id COLLATE "C") AS rank
    FROM scored
)
INSERT INTO user_recommendations (user_id, rank, track_id, score, reason_track_id, computed_at)
SELECT user_id, rank, track_id, score, reason_track_id, $1 FROM ranked WHERE rank <= $9`;

const PROFILES = `
WITH active AS (
  SELECT DISTINCT user_id FROM listening_events WHERE played_at > $3 AND played_at <= $1
),
plays AS (
  SELECT e.user_id, f.language, count(*) AS plays
    FROM listening_events e JOIN active USING (user_id) JOIN track_facts f ON f.track_id = e.track_id
   WHERE e.played_at > $2 AND e.played_at <= $1 AND f.language IS NOT NULL AND f.language <> ALL($4::text[])
   GROUP BY e.user_id, f.language
),
shares AS (
  SELECT user_id, language, plays,
         plays::float8 / sum(plays) OVER (PARTITION BY user_id) AS share,
         row_number() OVER (PARTITION BY user_id ORDER BY plays DESC, language COLLATE "C") AS n
    FROM plays
)
INSERT INTO recommendation_profiles (user_id, preferred_languages, computed_at)
SELECT a.user_id,
       coalesce((SELECT array_agg(s.language ORDER BY s.n) FROM shares s
                  WHERE s.user_id = a.user_id AND s.n <= $5 AND s.share >= $6), '{}'),
       $1
  FROM active a`;

const DAY_MS = 24 * 3600 * 1000;

/**
 * Fetches the facts still missing for tracks played in the window (languages for the filter and the
 * preferred languages), then recomputes every active user's recommendations and profile.
 */
export async function refreshRecommendations(
  db: DataSource,
  policy: RecommendationPolicy,
  options: {
    now?: Date;
    ensureFacts?: (ids: string[]) => Promise<unknown>;
    /** Wait for a run in progress instead of skipping (an admin asking for a run now). */
    wait?: boolean;
  } = {},
): Promise<RecommendationRunRecord> {
  const now = options.now ?? new Date();
  const windowStart = new Date(now.getTime() - policy.windowDays * DAY_MS);
  const activeSince = new Date(now.getTime() - policy.activeDays * DAY_MS);
  const missing: { trackId: string }[] = await db.query(
    `SELECT DISTINCT e.track_id AS "trackId" FROM listening_events e
      WHERE e.played_at > $1 AND e.played_at <= $2 AND NOT EXISTS (SELECT 1 FROM track_facts f WHERE f.track_id = e.track_id)
      ORDER BY 1 LIMIT $3`,
    [windowStart, now, FACTS_PER_RUN],
  );
  if (missing.length) {
    const ensure = options.ensureFacts ?? ((ids: string[]) => ensureTrackFacts(db, ids));
    await ensure(missing.map((row) => row.trackId));
  }

  return db.transaction(async (tx) => {
    const [{ locked }] = options.wait
      ? await tx.query(`SELECT true AS locked FROM pg_advisory_xact_lock($1)`, [RUN_LOCK])
      : await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RUN_LOCK]);
    if (!locked) return { ran: false, users: 0, recommendations: 0, computedAt: now };
    await tx.query(`DELETE FROM user_recommendations`);
    await tx.query(`DELETE FROM recommendation_profiles`);
    const halfLifeSeconds = policy.halfLifeDays * 24 * 3600;
    await tx.query(RECOMPUTE, [
      now, windowStart, policy.sessionGapMinutes, halfLifeSeconds, policy.maxTracksPerSession,
      policy.neighboursPerTrack, activeSince, policy.seedsPerUser, policy.keptPerUser,
    ]);
    await tx.query(PROFILES, [now, windowStart, activeSince, [...NON_LANGUAGES], policy.maxPreferredLanguages, policy.minPreferredLanguageShare]);
    const [counts]: { users: number; recommendations: number }[] = await tx.query(
      `SELECT (SELECT count(*)::int FROM recommendation_profiles) AS users, (SELECT count(*)::int FROM user_recommendations) AS recommendations`,
    );
    return { ran: true, users: counts!.users, recommendations: counts!.recommendations, computedAt: now };
  });
}
