/**
 * Track facts: the few things analytics needs to know about a track (its artists, the language it
 * is sung in, its length), kept in the table `track_facts` so that stats (top artists, top
 * languages) and recommendations (the language filter) read them with a join instead of asking the
 * graph on every request.
 *
 * `trackFacts(db, ids)` only reads the table. `ensureTrackFacts(db, ids)` first fetches the missing
 * and stale ones through the graph, in batches, under the analytics service identity:
 *   - catalog `tracks(ids) { id durationMs artists { id } }` (100 ids a call, as catalog takes);
 *   - lyrics `_entities` with `Track` representations, for `Track.language` (null while not known).
 * A fact is stale after TRACK_FACTS_MAX_AGE_MS (30 days: artists and lengths barely change), or,
 * when its language was still null, after ANALYTICS_TRACK_LANGUAGE_RETRY_SECONDS (lyrics detects
 * languages in the background, so a null now is often a language later). A track the catalogue does
 * not know gets no row. Lyrics being unreachable is not fatal: the facts are stored with a null
 * language and retried later, so stats still see artists and lengths.
 */
import type { DataSource } from 'typeorm';
import { config } from '../../../platform/config.js';
import { logger } from '../../../platform/logger.js';
import { serviceClient, type ServiceClient } from '../../../platform/graphql/service-client.js';

export interface TrackFacts {
  trackId: string;
  /** Performing artists' Spotify ids, main artist first. */
  artistIds: string[];
  /** Lyrics' `Track.language` (ISO 639-1/-3, `zxx`, `und`), or null when not known (yet). */
  language: string | null;
  durationMs: number | null;
  fetchedAt: Date;
}

export const TRACK_FACTS_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** What catalog's `tracks` and (by our choice) lyrics' `_entities` take at once. */
const BATCH = 100;

const CATALOG_TRACKS = 'query AnalyticsTrackFacts($ids: [ID!]!) { tracks(ids: $ids) { id durationMs artists { id } } }';
const LYRICS_LANGUAGES =
  'query AnalyticsTrackLanguages($representations: [_Any!]!) { _entities(representations: $representations) { ... on Track { id language } } }';

const COLUMNS = `track_id AS "trackId", artist_ids AS "artistIds", language, duration_ms AS "durationMs", fetched_at AS "fetchedAt"`;

/** The stored facts of `trackIds` (those that have some), by track id. Never calls the graph. */
export async function trackFacts(db: DataSource, trackIds: readonly string[]): Promise<Map<string, TrackFacts>> {
  const ids = [...new Set(trackIds)];
  if (ids.length === 0) return new Map();
  const rows: TrackFacts[] = await db.query(`SELECT ${COLUMNS} FROM track_facts WHERE track_id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.trackId, row]));
}

export interface EnsureTrackFactsOptions {
  graph?: ServiceClient;
  now?: Date;
}

/**
 * Fetches the facts of `trackIds` that are missing or stale, stores them, and returns the facts of
 * every id known (as `trackFacts`). Catalog being unreachable throws (a job retries it).
 */
export async function ensureTrackFacts(db: DataSource, trackIds: readonly string[], options: EnsureTrackFactsOptions = {}): Promise<Map<string, TrackFacts>> {
  const now = options.now ?? new Date();
  const known = await trackFacts(db, trackIds);
  const retryLanguageMs = config().ANALYTICS_TRACK_LANGUAGE_RETRY_SECONDS * 1000;
  const due = [...new Set(trackIds)].filter((id) => {
    const fact = known.get(id);
    if (!fact) return true;
    const age = now.getTime() - fact.fetchedAt.getTime();
    return age >= TRACK_FACTS_MAX_AGE_MS || (fact.language === null && age >= retryLanguageMs);
  });
  if (due.length === 0) return known;
  const graph = options.graph ?? serviceClient('analytics');
  for (let start = 0; start < due.length; start += BATCH) {
    const fetched = await fetchFacts(graph, due.slice(start, start + BATCH), now);
    await storeFacts(db, fetched);
    for (const fact of fetched) known.set(fact.trackId, fact);
  }
  return known;
}

/** Facts older than they should be (see the header), oldest first: the rollup job refreshes these. */
export async function staleTrackFactIds(db: DataSource, limit: number, now = new Date()): Promise<string[]> {
  const rows: { trackId: string }[] = await db.query(
    `SELECT track_id AS "trackId" FROM track_facts
      WHERE fetched_at <= $1 OR (language IS NULL AND fetched_at <= $2)
      ORDER BY fetched_at LIMIT $3`,
    [new Date(now.getTime() - TRACK_FACTS_MAX_AGE_MS), new Date(now.getTime() - config().ANALYTICS_TRACK_LANGUAGE_RETRY_SECONDS * 1000), limit],
  );
  return rows.map((row) => row.trackId);
}

async function fetchFacts(graph: ServiceClient, ids: string[], now: Date): Promise<TrackFacts[]> {
  const { tracks } = await graph.request<{ tracks: ({ id: string; durationMs: number; artists: { id: string }[] } | null)[] }>('catalog', CATALOG_TRACKS, { ids });
  const found = tracks.filter((track): track is NonNullable<typeof track> => track !== null);
  if (found.length === 0) return [];
  const languages = new Map<string, string | null>();
  try {
    const { _entities } = await graph.request<{ _entities: ({ id: string; language: string | null } | null)[] }>('lyrics', LYRICS_LANGUAGES, {
      representations: found.map((track) => ({ __typename: 'Track', id: track.id })),
    });
    for (const entity of _entities) if (entity) languages.set(entity.id, entity.language);
  } catch (error) {
    // Stored with a null language, which is asked again after ANALYTICS_TRACK_LANGUAGE_RETRY_SECONDS.
    logger('analytics').warn({ err: (error as Error).message }, 'track languages unavailable; stored as unknown for now');
  }
  return found.map((track) => ({
    trackId: track.id,
    artistIds: track.artists.map((artist) => artist.id),
    language: languages.get(track.id) ?? null,
    durationMs: track.durationMs > 0 ? track.durationMs : null,
    fetchedAt: now,
  }));
}

async function storeFacts(db: DataSource, facts: TrackFacts[]): Promise<void> {
  if (facts.length === 0) return;
  // One statement for the batch: unnest of parallel arrays (text[][] cannot be ragged, so artist
  // lists travel as JSON arrays).
  await db.query(
    `INSERT INTO track_facts (track_id, artist_ids, language, duration_ms, fetched_at)
     SELECT f.track_id, ARRAY(SELECT jsonb_array_elements_text(f.artists)), f.language, f.duration_ms, $5
       FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::int[]) AS f(track_id, artists, language, duration_ms)
     ON CONFLICT (track_id) DO UPDATE
       SET artist_ids = EXCLUDED.artist_ids, language = EXCLUDED.language,
           duration_ms = EXCLUDED.duration_ms, fetched_at = EXCLUDED.fetched_at`,
    [
      facts.map((fact) => fact.trackId),
      facts.map((fact) => JSON.stringify(fact.artistIds)),
      facts.map((fact) => fact.language),
      facts.map((fact) => fact.durationMs),
      facts[0]!.fetchedAt,
    ],
  );
}
