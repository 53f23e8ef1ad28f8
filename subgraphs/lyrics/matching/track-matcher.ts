/**
 * Matching one track to its Genius song and telling its language, the work both a cold read and
 * the `lyrics-tracks` job do:
 * 1. search Genius with the core title and main artist (providers' loaders: batched per request,
 *    cached in L1/L2, so a search any process made recently costs no call);
 * 2. score the hits (providers/genius/song-match.ts) and keep the best; at or above
 *    LYRICS_MIN_CONFIDENCE it is the match, below it the track has none and the miss is stored;
 * 3. read the matched song (release date, language, album), store the outcome unless an admin's
 *    match is there, and store the language: Genius's when it says, else detected
 *    (language/detect-language.ts), unless an admin set one.
 * A track that already has a match (an admin's, or one not yet expired) is not searched again:
 * only its language is worked out.
 */
import type { ProviderLoaders } from '../../../providers/index.js';
import { bestGeniusHit, geniusSearchQuery, type TrackToMatch } from '../../../providers/genius/song-match.js';
import type { GeniusSong } from '../../../providers/genius/schemas.js';
import { config } from '../../../platform/config.js';
import { trackLanguage } from '../language/detect-language.js';
import type { LyricsCollections } from '../store/collections.js';
import type { LyricsRecord } from '../store/documents.js';
import { isMatch, storeAutomaticOutcome, type RecordTtls } from '../store/lyrics-matches.js';
import { storeDetectedLanguage } from '../store/track-languages.js';

/** A track as the catalog names it (its name, artists and album are the catalog's). */
export interface CatalogTrack extends TrackToMatch {
  id: string;
  albumName: string | null;
}

export interface MatcherSettings extends RecordTtls {
  minConfidence: number;
}

export function matcherSettings(): MatcherSettings {
  const c = config();
  return {
    minConfidence: c.LYRICS_MIN_CONFIDENCE,
    matchTtlMs: c.LYRICS_MATCH_TTL_DAYS * 24 * 3_600_000,
    missTtlMs: c.LYRICS_MISS_TTL_HOURS * 3_600_000,
  };
}

export interface MatchDeps {
  lyrics: LyricsCollections;
  load: ProviderLoaders;
  settings: MatcherSettings;
}

export interface TrackLyricsState {
  /** The match or miss now in force. */
  record: LyricsRecord;
  /** The language now stored (`und` when undetermined). */
  language: string;
}

/**
 * Matches the track (unless `existing` holds) and stores its language (unless `language` is
 * already stored, in which case it is kept as is). Provider errors propagate: the caller decides
 * (a read answers PROVIDER_UNAVAILABLE, a job retries).
 */
export async function matchTrack(
  deps: MatchDeps,
  track: CatalogTrack,
  existing: { record?: LyricsRecord | null; language?: string | null } = {},
  now = new Date(),
): Promise<TrackLyricsState> {
  let record = existing.record ?? null;
  let song: GeniusSong | null = null;
  if (!record) {
    const hits = (await deps.load.geniusSearch.load(geniusSearchQuery(track))) ?? [];
    const best = bestGeniusHit(track, hits);
    if (best && best.confidence >= deps.settings.minConfidence) {
      song = await deps.load.geniusSong.load(best.hit.id);
      record = await storeAutomaticOutcome(
        deps.lyrics,
        {
          kind: 'match',
          match: {
            trackId: track.id,
            geniusSongId: best.hit.id,
            title: best.hit.title,
            primaryArtist: best.hit.primary_artist.name,
            url: best.hit.url,
            confidence: best.confidence,
            artworkUrl: song?.song_art_image_url ?? best.hit.song_art_image_url ?? null,
            releaseDate: song?.release_date ?? null,
          },
        },
        deps.settings,
        now,
      );
    } else {
      record = await storeAutomaticOutcome(
        deps.lyrics,
        { kind: 'miss', trackId: track.id, bestGeniusSongId: best?.hit.id ?? null, bestConfidence: best?.confidence ?? 0 },
        deps.settings,
        now,
      );
    }
  }
  if (existing.language) return { record, language: existing.language };
  // The record kept may be an admin's, of another song than the one just read.
  if (isMatch(record) && song?.id !== record.geniusSongId) song = await deps.load.geniusSong.load(record.geniusSongId);
  if (!isMatch(record)) song = null;
  const detected = trackLanguage(song?.language, [song?.title, track.name, song?.album?.name, track.albumName]);
  const language = await storeDetectedLanguage(deps.lyrics, track.id, detected, now);
  return { record, language };
}
