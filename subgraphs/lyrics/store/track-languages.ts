/**
 * The language a track is sung in, one document per track in `track_languages`; no document means
 * not computed yet. Admins' languages are final: the language job writes with a filter on an
 * automatic source, so against an admin's document its upsert becomes an insert the unique index
 * refuses (E11000), and the admin's stays (the same precedence as lyrics-matches.ts).
 */
import { MongoServerError } from 'mongodb';
import type { LyricsCollections } from './collections.js';
import type { LanguageSource } from './documents.js';

const DUPLICATE_KEY = 11000;
const AUTOMATIC_SOURCES: LanguageSource[] = ['genius', 'script', 'franc', 'undetermined'];

export async function findTrackLanguage(c: LyricsCollections, trackId: string): Promise<string | null> {
  return (await findTrackLanguages(c, [trackId])).get(trackId) ?? null;
}

/** The stored languages of these tracks, in one query; tracks without one are absent. */
export async function findTrackLanguages(c: LyricsCollections, trackIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(trackIds)];
  if (ids.length === 0) return new Map();
  const documents = await c.trackLanguages.find({ trackId: { $in: ids } }, { projection: { _id: 0, trackId: 1, language: 1 } }).toArray();
  return new Map(documents.map((document) => [document.trackId, document.language]));
}

/** An admin sets the language, or forgets it when `language` is null (then the job may compute it again). */
export async function setTrackLanguage(
  c: LyricsCollections,
  trackId: string,
  language: string | null,
  now = new Date(),
): Promise<void> {
  if (language === null) {
    await c.trackLanguages.deleteOne({ trackId });
    return;
  }
  await c.trackLanguages.replaceOne({ trackId }, { trackId, language, source: 'admin', updatedAt: now }, { upsert: true });
}

/** Stores a computed language unless an admin set one; returns the language now in force. */
export async function storeDetectedLanguage(
  c: LyricsCollections,
  trackId: string,
  detected: { language: string; source: Exclude<LanguageSource, 'admin'> },
  now = new Date(),
): Promise<string> {
  try {
    await c.trackLanguages.replaceOne(
      { trackId, source: { $in: AUTOMATIC_SOURCES } },
      { trackId, language: detected.language, source: detected.source, updatedAt: now },
      { upsert: true },
    );
    return detected.language;
  } catch (error) {
    if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
    return (await findTrackLanguage(c, trackId)) ?? detected.language;
  }
}
