/**
 * The mapping engine's knobs in one place, each with the reason for its value: how long a stored
 * mapping is believed, how much of a decision is kept, and how user reports weigh.
 */

/** Bumped when gathering or scoring changes enough that older decisions should be redone when next asked. */
export const ENGINE_VERSION = 1;

const DAY_MS = 86_400_000;

/**
 * How long a stored, unverified decision is fresh. A confident one stays until feedback says
 * otherwise; uncertain and unavailable ones are retried now and then, since uploads appear on
 * YouTube over time (and every retry is cheap: the provider caches hold most of it).
 */
export const FRESH_MS = { confident: Number.POSITIVE_INFINITY, uncertain: 14 * DAY_MS, unavailable: 7 * DAY_MS } as const;

/** Candidates kept on a mapping (the admin review shows them; more is noise). */
export const STORED_CANDIDATES = 10;
/** Runners-up offered with an uncertain mapping, and the least score worth offering. */
export const ALTERNATIVES = 5;
export const ALTERNATIVE_MIN_SCORE = 40;

/** Confidence a user's "wrong video" report takes off an unverified mapping. */
export const REPORT_PENALTY = 20;
/** Reports (distinct users) on the chosen video after which the track is re-mapped without it. */
export const REMAP_AFTER_REPORTS = 3;
export const NOTE_MAX_LENGTH = 500;

/**
 * A background search for a track whose artist's Topic channel is unknown happens at most once per
 * artist per this long: a search that did not reveal the artist's channel will rarely do better
 * for the artist's next track, and searches are the scarcest budget (interactive callers always may).
 */
export const SEARCH_MISS_COOLDOWN_MS = DAY_MS;
/**
 * Hint lookups per artist (one track per round) looking for its Topic channel before giving up on
 * discovery by hints: a hint reveals it for about half of the tracks, so five rounds find nearly
 * every channel there is, and an artist without one does not cost a round per track.
 */
export const DISCOVERY_ROUNDS = 5;
/** Results read from one search (one call whatever the count; their verification is batched). */
export const SEARCH_RESULTS = 10;

/** Parallel hint lookups and uploads listings in one run (the provider bulkheads allow 16 + a queue). */
export const CONCURRENCY = 8;
/** Ids handed to one `loadMany` at a time, so a big import does not flood the bulkhead queue. */
export const LOAD_CHUNK = 500;
