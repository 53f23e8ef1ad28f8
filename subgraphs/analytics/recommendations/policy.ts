/**
 * The knobs of recommendations in one place: what config says (platform/config.ts, so operations can
 * tune them) and the bounds that keep one run's work proportional to the listening it reads. The
 * computation (./compute.ts) takes a policy as an argument, so tests state theirs explicitly.
 */
import { config } from '../../../platform/config.js';

export interface RecommendationPolicy {
  /** Users who played within this many days get recommendations. */
  activeDays: number;
  /** Only plays within this many days form sessions and seeds. */
  windowDays: number;
  /** Two plays of one user at least this far apart are in different sessions. */
  sessionGapMinutes: number;
  /** A session (or a play) this old weighs half as much as one that just ended. */
  halfLifeDays: number;
  /** A session's most recently played distinct tracks that form pairs (a long session would make n² pairs). */
  maxTracksPerSession: number;
  /** Neighbours kept per track, most similar first. */
  neighboursPerTrack: number;
  /** A user's most recently played distinct tracks that seed their recommendations. */
  seedsPerUser: number;
  /** Candidates kept per user, best first (what any `first` and language filter choose from). */
  keptPerUser: number;
  /** Preferred languages: at most this many, each at least this share of the user's plays of known language. */
  maxPreferredLanguages: number;
  minPreferredLanguageShare: number;
}

export const RECOMMENDATION_BOUNDS = {
  maxTracksPerSession: 100,
  neighboursPerTrack: 50,
  seedsPerUser: 50,
  keptPerUser: 200,
  maxPreferredLanguages: 3,
  minPreferredLanguageShare: 0.1,
} as const;

export function recommendationPolicy(): RecommendationPolicy {
  const c = config();
  return {
    activeDays: c.ANALYTICS_RECOMMENDATIONS_ACTIVE_DAYS,
    windowDays: c.ANALYTICS_RECOMMENDATIONS_WINDOW_DAYS,
    sessionGapMinutes: c.ANALYTICS_SESSION_GAP_MINUTES,
    halfLifeDays: c.ANALYTICS_RECOMMENDATIONS_HALF_LIFE_DAYS,
    ...RECOMMENDATION_BOUNDS,
  };
}

/**
 * Languages that say nothing about what a listener understands: `und` (lyrics could not tell) and
 * `zxx` (instrumental). Never preferred languages; `zxx` can still be asked for by name.
 */
export const NON_LANGUAGES = ['und', 'zxx'] as const;

/** Scores are compared at this many decimals, so equal scores tie exactly and the track id decides. */
export const SCORE_DECIMALS = 9;
