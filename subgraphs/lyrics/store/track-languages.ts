/** The language a track is sung in; no document means not known. */
import type { LyricsCollections } from './collections.js';

export async function findTrackLanguage(c: LyricsCollections, trackId: string): Promise<string | null> {
  const document = await c.trackLanguages.findOne({ trackId }, { projection: { _id: 0, language: 1 } });
  return document?.language ?? null;
}

/** Sets the language, or forgets it when `language` is null. */
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
  await c.trackLanguages.updateOne({ trackId }, { $set: { trackId, language, updatedAt: now } }, { upsert: true });
}
