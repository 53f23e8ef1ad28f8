/**
 * The mapping engine's public face: Spotify track → YouTube video, stored in `content_mappings`.
 * The GraphQL surface and the BullMQ jobs code against `MappingService`; how candidates are
 * gathered (cheapest source first) is engine.ts and the modules beside it.
 */
import type { Logger } from 'pino';
import { badInput } from '../../../platform/errors.js';
import { isSpotifyId } from '../../../platform/graphql/inputs.js';
import type { Providers } from '../../../providers/index.js';
import type { CallerPriority } from '../../../providers/quota/priority.js';
import type { CatalogCollections } from '../store/collections.js';
import type { ContentMappingDocument } from '../store/documents.js';
import { verifyMapping } from './admin.js';
import { runMapping, type Decide, type EngineDeps } from './engine.js';
import { recordReport } from './feedback.js';
import { decideMapping } from './scoring/index.js';
import { MappingStore } from './store.js';

export interface MapOptions {
  priority: CallerPriority;
  /** Re-map even when a fresh stored mapping exists (an admin-verified one is still kept). */
  force?: boolean;
}

export interface MapManyOptions extends MapOptions {
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface MappingService {
  /** The stored mapping of a track, or null. No provider call. */
  get(trackId: string): Promise<ContentMappingDocument | null>;
  getMany(trackIds: readonly string[]): Promise<Map<string, ContentMappingDocument | null>>;
  /**
   * Maps a track (or returns the stored mapping unless `force`), gathering candidates cheapest first.
   * Throws BAD_USER_INPUT (malformed id), NOT_FOUND (no such Spotify track), QUOTA_EXHAUSTED, PROVIDER_UNAVAILABLE.
   */
  map(trackId: string, options: MapOptions): Promise<ContentMappingDocument>;
  /**
   * Maps many tracks sharing per-artist work (one uploads listing per artist, batched videos.list);
   * onProgress(done, total). A track's failure is its Error in the map; QUOTA_EXHAUSTED rejects the
   * whole call (the tracks decided before it are stored, so a retry resumes where it stopped).
   */
  mapMany(trackIds: readonly string[], options: MapManyOptions): Promise<Map<string, ContentMappingDocument | Error>>;
  /** A user says the mapping is wrong: lowers confidence; past a threshold of reports the track is re-mapped excluding that video. One report per user per mapping. */
  reportWrong(trackId: string, userId: string, note?: string): Promise<ContentMappingDocument>;
  /** Admin: confirm the current choice (or choose `videoId` — verified with videos.list first), confidence 100, verifiedBy. */
  verify(trackId: string, adminId: string, videoId?: string | null): Promise<ContentMappingDocument>;
  /** The track was played: increments usageCount. False when the track has no mapping. */
  recordUse(trackId: string): Promise<boolean>;
}

export interface MappingServiceDeps {
  store: CatalogCollections;
  providers: Providers;
  log?: Logger;
  /** The scoring function; tests and offline evaluation may substitute one. */
  decide?: Decide;
  now?: () => Date;
}

export function createMappingService(deps: MappingServiceDeps): MappingService {
  const now = deps.now ?? (() => new Date());
  const store = new MappingStore(deps.store.contentMappings, now);
  const engine: EngineDeps = {
    store,
    artistChannels: deps.store.artistChannels,
    providers: deps.providers,
    decide: deps.decide ?? decideMapping,
    log: deps.log,
    now,
  };
  // One run per track at a time in this process: a second caller shares the first's result.
  const inFlight = new Map<string, Promise<ContentMappingDocument>>();

  async function mapOne(trackId: string, options: MapOptions): Promise<ContentMappingDocument> {
    if (!isSpotifyId(trackId)) throw badInput('must be a Spotify id (22 base-62 characters)', 'trackId');
    const key = `${trackId}:${options.force ? 'force' : ''}`;
    const running = inFlight.get(key);
    if (running) return running;
    const work = (async () => {
      const result = (await runMapping(engine, [trackId], options)).get(trackId);
      if (!result) throw new Error(`mapping of ${trackId} gave no result`);
      if (result instanceof Error) throw result;
      return result;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, work);
    return work;
  }

  return {
    get: (trackId) => store.get(trackId),
    getMany: (trackIds) => store.getMany(trackIds),
    map: mapOne,
    mapMany: (trackIds, options) => runMapping(engine, trackIds, options),
    async reportWrong(trackId, userId, note) {
      const { doc, remap } = await recordReport(store, { trackId, userId, note }, now);
      if (!remap) return doc;
      // A person is waiting, and most of the re-map is served from the provider caches. If it
      // fails, the report still stands: the mapping is no longer fresh and the next map redoes it.
      try {
        return await mapOne(trackId, { priority: 'interactive', force: true });
      } catch (error) {
        deps.log?.warn({ err: error, trackId }, 're-map after reports failed; left for the next map');
        return (await store.get(trackId)) ?? doc;
      }
    },
    verify: (trackId, adminId, videoId) => verifyMapping({ store, providers: deps.providers }, trackId, adminId, videoId),
    recordUse: (trackId) => store.recordUse(trackId),
  };
}
