/** A track's Genius match: read it, or replace it (the unique trackId index keeps one per track). */
import type { LyricsCollections } from './collections.js';
import type { LyricsMatchDocument } from './documents.js';

export function findLyricsMatch(c: LyricsCollections, trackId: string): Promise<LyricsMatchDocument | null> {
  return c.lyricsMatches.findOne({ trackId }, { projection: { _id: 0 } });
}

export type NewLyricsMatch = Omit<LyricsMatchDocument, '_id' | 'matchedAt'>;

export async function setLyricsMatch(
  c: LyricsCollections,
  match: NewLyricsMatch,
  now = new Date(),
): Promise<LyricsMatchDocument> {
  const document: LyricsMatchDocument = { ...match, matchedAt: now };
  await c.lyricsMatches.updateOne({ trackId: match.trackId }, { $set: document }, { upsert: true });
  return document;
}
