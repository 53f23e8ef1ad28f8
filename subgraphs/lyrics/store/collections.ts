/**
 * The lyrics subgraph's collections and their indexes. `prepareLyricsStore` is idempotent: `main.ts
 * --migrate` and every start run it, so a fresh database is usable without a separate step.
 */
import type { Collection, Db } from 'mongodb';
import { ensureCollection } from '../../../platform/mongo/client.js';
import type { LyricsRecord, TrackLanguageDocument } from './documents.js';

export interface LyricsCollections {
  lyricsMatches: Collection<LyricsRecord>;
  trackLanguages: Collection<TrackLanguageDocument>;
}

export function lyricsCollections(db: Db): LyricsCollections {
  return {
    lyricsMatches: db.collection<LyricsRecord>('lyrics_matches'),
    trackLanguages: db.collection<TrackLanguageDocument>('track_languages'),
  };
}

/** Creates the collections and indexes if missing. */
export async function prepareLyricsStore(db: Db): Promise<void> {
  for (const name of ['lyrics_matches', 'track_languages']) await ensureCollection(db, name);
  const c = lyricsCollections(db);
  // One match and one language per track: upserts by trackId rely on these.
  await c.lyricsMatches.createIndex({ trackId: 1 }, { name: 'trackId_unique', unique: true });
  await c.trackLanguages.createIndex({ trackId: 1 }, { name: 'trackId_unique', unique: true });
  // "Which tracks are matched to this Genius song" (re-matching, admin review).
  await c.lyricsMatches.createIndex({ geniusSongId: 1 }, { name: 'geniusSongId' });
}
