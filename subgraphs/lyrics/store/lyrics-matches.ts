/**
 * A track's Genius match, or the remembered miss, in `lyrics_matches` (one document per track,
 * the unique trackId index keeps it so).
 *
 * - Admins' matches (`setLyricsMatch`) replace whatever is there and never expire.
 * - Automatic matches and misses expire (`expiresAt`: a match after LYRICS_MATCH_TTL_DAYS, a miss
 *   after the shorter LYRICS_MISS_TTL_HOURS); an expired one reads as absent, so the matcher runs
 *   again, and its next outcome replaces it. No TTL index deletes them: one small document per
 *   track is bounded by the catalogue, and the embedded server has no TTL monitor anyway.
 * - The automatic writer never overwrites an admin's match. The precedence is in the filter, not
 *   in a read before the write: the upsert only matches an automatic document, so against an
 *   admin's it becomes an insert that the unique index refuses (E11000), which is the intended outcome.
 */
import { MongoServerError } from 'mongodb';
import type { LyricsCollections } from './collections.js';
import type { LyricsMatchDocument, LyricsMissDocument, LyricsRecord } from './documents.js';

const DUPLICATE_KEY = 11000;

const isValid = (record: LyricsRecord, now: Date): boolean => !record.expiresAt || record.expiresAt.getTime() > now.getTime();

/** The records of these tracks that still hold (admin ones, unexpired automatic ones), in one query. */
export async function findLyricsRecords(c: LyricsCollections, trackIds: readonly string[], now = new Date()): Promise<Map<string, LyricsRecord>> {
  const ids = [...new Set(trackIds)];
  const found = new Map<string, LyricsRecord>();
  if (ids.length === 0) return found;
  for (const record of await c.lyricsMatches.find({ trackId: { $in: ids } }, { projection: { _id: 0 } }).toArray()) {
    if (isValid(record, now)) found.set(record.trackId, record);
  }
  return found;
}

export const isMatch = (record: LyricsRecord | null | undefined): record is LyricsMatchDocument => Boolean(record && record.miss !== true);

/** The track's match (not a miss), or null. */
export async function findLyricsMatch(c: LyricsCollections, trackId: string, now = new Date()): Promise<LyricsMatchDocument | null> {
  const record = (await findLyricsRecords(c, [trackId], now)).get(trackId);
  return isMatch(record) ? record : null;
}

export type NewLyricsMatch = Pick<LyricsMatchDocument, 'trackId' | 'geniusSongId' | 'title' | 'primaryArtist' | 'url' | 'confidence'> &
  Partial<Pick<LyricsMatchDocument, 'artworkUrl' | 'releaseDate'>>;

/** An admin's match: replaces any match or miss, never expires, never overwritten by the matcher. */
export async function setLyricsMatch(c: LyricsCollections, match: NewLyricsMatch, now = new Date()): Promise<LyricsMatchDocument> {
  const document: LyricsMatchDocument = { artworkUrl: null, releaseDate: null, ...match, origin: 'admin', matchedAt: now, expiresAt: null };
  await c.lyricsMatches.replaceOne({ trackId: match.trackId }, document, { upsert: true });
  return document;
}

export type AutomaticOutcome =
  | { kind: 'match'; match: NewLyricsMatch }
  | { kind: 'miss'; trackId: string; bestGeniusSongId: number | null; bestConfidence: number };

export interface RecordTtls {
  matchTtlMs: number;
  missTtlMs: number;
}

/**
 * Stores the matcher's outcome unless an admin's match is there. Returns the record now in force:
 * the one written, or the admin's that was kept.
 */
export async function storeAutomaticOutcome(c: LyricsCollections, outcome: AutomaticOutcome, ttls: RecordTtls, now = new Date()): Promise<LyricsRecord> {
  const record: LyricsRecord =
    outcome.kind === 'match'
      ? { artworkUrl: null, releaseDate: null, ...outcome.match, origin: 'auto', matchedAt: now, expiresAt: new Date(now.getTime() + ttls.matchTtlMs) }
      : ({
          trackId: outcome.trackId,
          miss: true,
          origin: 'auto',
          bestGeniusSongId: outcome.bestGeniusSongId,
          bestConfidence: outcome.bestConfidence,
          matchedAt: now,
          expiresAt: new Date(now.getTime() + ttls.missTtlMs),
        } satisfies LyricsMissDocument);
  try {
    await c.lyricsMatches.replaceOne({ trackId: record.trackId, origin: 'auto' }, record, { upsert: true });
    return record;
  } catch (error) {
    if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
    const kept = await c.lyricsMatches.findOne({ trackId: record.trackId }, { projection: { _id: 0 } });
    return kept ?? record;
  }
}
