/**
 * The worker of `lyrics-tracks` (platform/events/catalogued-tracks.ts): for each track that entered
 * the catalogue (or that a reader found without a language), its Genius match and its language,
 * so both are warm when clients ask. Idempotent: a track whose match and language are already
 * stored is left alone (no catalog or Genius call); admins' values are never overwritten (the
 * stores' filters see to it). The name, artists and album come with the job when the catalog
 * announced the track, else from the catalog through the graph under the lyrics service identity;
 * Genius is called with background priority. Runs inside the lyrics process.
 */
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CATALOGUED_TRACKS_QUEUE, type CataloguedTrackInput } from '../../../platform/events/catalogued-tracks.js';
import { SPOTIFY_ID } from '../../../platform/graphql/inputs.js';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';
import { startJobWorker, type JobProcessor, type JobWorker } from '../../../platform/jobs/job-worker.js';
import type { Providers } from '../../../providers/index.js';
import { matchTrack, type CatalogTrack, type MatcherSettings } from '../matching/track-matcher.js';
import type { LyricsCollections } from '../store/collections.js';
import { findLyricsRecords, isMatch } from '../store/lyrics-matches.js';
import { findTrackLanguages } from '../store/track-languages.js';

export interface CataloguedTrackResult {
  /** `stored`: both were there already; `unknown`: the catalogue has no such track. */
  outcome: 'computed' | 'stored' | 'unknown';
  geniusSongId: number | null;
  language: string | null;
}

/** Checked again here: the job comes from another subgraph's process (maybe another version of it). */
const input = z.object({
  trackId: z.string().regex(SPOTIFY_ID),
  facts: z.object({ name: z.string().min(1), artists: z.array(z.string().min(1)).min(1), albumName: z.string().nullable() }).optional(),
}) satisfies z.ZodType<CataloguedTrackInput>;

const TRACK_FACTS = 'query LyricsTrackFacts($ids: [ID!]!) { tracks(ids: $ids) { id name artists { name } album { name } } }';

interface CatalogAnswer {
  tracks: ({ id: string; name: string; artists: { name: string }[]; album: { name: string } | null } | null)[];
}

export interface CataloguedTrackDeps {
  lyrics: LyricsCollections;
  providers: Pick<Providers, 'loaders'>;
  graph: ServiceClient;
  settings: MatcherSettings;
}

export function computeCataloguedTrack(deps: CataloguedTrackDeps): JobProcessor<CataloguedTrackInput, CataloguedTrackResult> {
  return async (job) => {
    const parsed = input.safeParse(job.input);
    if (!parsed.success) throw new UnrecoverableError('The job names no Spotify track id');
    const { trackId, facts } = parsed.data;
    const [records, languages] = await Promise.all([findLyricsRecords(deps.lyrics, [trackId]), findTrackLanguages(deps.lyrics, [trackId])]);
    const record = records.get(trackId) ?? null;
    const language = languages.get(trackId) ?? null;
    if (record && language) return { outcome: 'stored', geniusSongId: isMatch(record) ? record.geniusSongId : null, language };

    const track = facts ? { id: trackId, ...facts } : await askCatalog(deps.graph, trackId);
    if (!track) return { outcome: 'unknown', geniusSongId: null, language: null };
    const state = await matchTrack({ lyrics: deps.lyrics, load: deps.providers.loaders('background'), settings: deps.settings }, track, { record, language });
    await job.progress(99);
    return { outcome: 'computed', geniusSongId: isMatch(state.record) ? state.record.geniusSongId : null, language: state.language };
  };
}

async function askCatalog(graph: ServiceClient, trackId: string): Promise<CatalogTrack | null> {
  const { tracks } = await graph.request<CatalogAnswer>('catalog', TRACK_FACTS, { ids: [trackId] });
  const found = tracks[0];
  return found ? { id: trackId, name: found.name, artists: found.artists.map((a) => a.name), albumName: found.album?.name ?? null } : null;
}

export function startCataloguedTrackWorker(deps: CataloguedTrackDeps & { concurrency: number; log: Logger }): JobWorker {
  return startJobWorker(CATALOGUED_TRACKS_QUEUE, computeCataloguedTrack(deps), {
    concurrency: deps.concurrency,
    log: deps.log.child({ queue: CATALOGUED_TRACKS_QUEUE }),
  });
}
