/**
 * Per-request DataLoaders of the lyrics subgraph. A page of 100 tracks (or 100 `_entities`
 * references) costs one MongoDB query for their matches and one for their languages, not one per
 * track; cold tracks are matched inline at most LYRICS_INLINE_CONCURRENCY at a time (each is a
 * Genius search and a song lookup), once per track however many fields ask; tracks found without
 * a language are handed to the `lyrics-tracks` job in one bulk add.
 */
import { bulkhead } from 'cockatiel';
import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { ProviderLoaders } from '../../providers/index.js';
import type { LanguageJobs } from './jobs/language-jobs.js';
import { matchTrack, type CatalogTrack, type MatcherSettings, type TrackLyricsState } from './matching/track-matcher.js';
import type { LyricsCollections } from './store/collections.js';
import type { LyricsRecord } from './store/documents.js';
import { findLyricsRecords } from './store/lyrics-matches.js';
import { findTrackLanguages } from './store/track-languages.js';

export interface LyricsLoaders {
  /** The match or miss in force for a track, or null when none (or it expired). */
  record: DataLoader<string, LyricsRecord | null>;
  /** The stored language of a track, or null when not computed yet. */
  language: DataLoader<string, string | null>;
  /** Matches a cold track now (and stores its language with it). */
  matchNow: DataLoader<CatalogTrack, TrackLyricsState, string>;
  /** Asks the job to compute these tracks' languages; never fails the request. */
  requestLanguage(trackId: string): void;
}

export interface LyricsLoaderDeps {
  lyrics: LyricsCollections;
  providers: ProviderLoaders;
  settings: MatcherSettings;
  jobs: LanguageJobs;
  inlineConcurrency: number;
  log: Logger;
}

export function createLyricsLoaders(deps: LyricsLoaderDeps): LyricsLoaders {
  const record = new DataLoader<string, LyricsRecord | null>(async (ids) => {
    const found = await findLyricsRecords(deps.lyrics, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const language = new DataLoader<string, string | null>(async (ids) => {
    const found = await findTrackLanguages(deps.lyrics, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const inline = bulkhead(deps.inlineConcurrency, Number.MAX_SAFE_INTEGER);
  const matchNow = new DataLoader<CatalogTrack, TrackLyricsState, string>(
    (tracks) =>
      Promise.all(
        tracks.map((track) =>
          inline
            .execute(async () =>
              matchTrack({ lyrics: deps.lyrics, load: deps.providers, settings: deps.settings }, track, {
                record: await record.load(track.id),
                language: await language.load(track.id),
              }),
            )
            .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        ),
      ),
    { cacheKeyFn: (track) => track.id },
  );
  const requested = new DataLoader<string, true>(async (ids) => {
    await deps.jobs.request(ids, 'service:lyrics').catch((error: unknown) => deps.log.warn({ err: (error as Error).message }, 'language jobs not queued'));
    return ids.map(() => true as const);
  });
  return {
    record,
    language,
    matchNow,
    requestLanguage: (trackId) => void requested.load(trackId),
  };
}
