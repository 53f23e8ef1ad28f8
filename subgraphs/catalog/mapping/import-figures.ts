/**
 * The import figures of issue 4: a library of about `tracks` tracks by about `artists` artists,
 * picked from the simulators' catalogue, mapped with `mapMany` (background priority), and the
 * naive strategy "one search.list per track + one videos.list for its results, the scorer picks"
 * measured in the same run against the same simulators. Costs come from the YouTube simulator's
 * own quota ledger; correctness from the simulators' ground truth (a pick is correct when it is in
 * `truth.acceptableVideoIds`, an "unavailable" when that list is empty).
 *
 * The caller starts the simulators and points the configuration at them before anything reads it
 * (as providers/testing/simulators.ts does), with a REDIS_KEY_PREFIX of its own so that the
 * provider caches start cold, and ODESLI_REQUESTS_PER_MINUTE raised: the real pace (10 a minute)
 * only stretches the run's time, not its figures. MongoDB: MONGO_URL, else an embedded server;
 * a database of its own either way, dropped after.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { config } from '../../../platform/config.js';
import { startEmbeddedMongo, type EmbeddedMongoServer } from '../../../platform/mongo/server/index.js';
import { simulatedProviders } from '../../../platform/runtime/simulated-providers.js';
import { createProviders, type Providers } from '../../../providers/index.js';
import { YouTubeQuota } from '../../../providers/quota/youtube-quota.js';
import { YouTubeData } from '../../../providers/youtube/data-client.js';
import { catalogCollections, prepareCatalogStore } from '../store/collections.js';
import { subjectOf } from './facts.js';
import { decideMapping } from './scoring/index.js';
import { createMappingService } from './service.js';
import { toCandidate } from './verify.js';

export interface ImportFigures {
  /** Tracks of the library that got a mapping (confident, uncertain or unavailable). */
  mapped: number;
  /** YouTube units (videos.list, playlistItems.list…) per mapped track. */
  unitsPerTrack: number;
  searchesPerTrack: number;
  /** The naive strategy's units plus search calls per track. */
  naiveUnitsPerTrack: number;
  /** Share of the library mapped correctly. */
  importAccuracy: number;
  /** The naive strategy's share (interesting, not a target). */
  naiveAccuracy: number;
  tracks: number;
  artists: number;
  searches: number;
  units: number;
  outcomes: Record<'confident' | 'uncertain' | 'unavailable' | 'error', number>;
  /** Of the mapped tracks: where the choice came from. */
  sources: Record<string, number>;
  /** Requests the engine made to the free providers (Spotify's are track lookups, batched by 50). */
  calls: { spotify: number; odesli: number; genius: number };
  /** The first wrong mappings, for a look at what went wrong. */
  misses: { trackId: string; status: string; videoId: string | null; source: string | null }[];
  seconds: number;
}

interface CatalogueItem {
  id: string;
  artists: { id: string; name: string }[];
}

interface Truth {
  truth: { acceptableVideoIds: string[] };
}

interface QuotaSnapshot {
  unitsUsed: number;
  searchCallsUsed: number;
  unitsLimit: number;
  searchLimit: number;
}

export async function mapLibraryAgainstSimulators(opts: {
  tracks: number;
  artists: number;
  /** A line per phase; console.log by default. */
  print?: (line: string) => void;
}): Promise<ImportFigures> {
  const print = opts.print ?? ((line: string) => console.log(line));
  const started = performance.now();
  const servers = simulatedProviders(process.env as Record<string, string>).servers;
  const control = simulatorControl(servers);

  if (config().ODESLI_REQUESTS_PER_MINUTE < 1000) {
    print(`note: ODESLI_REQUESTS_PER_MINUTE is ${config().ODESLI_REQUESTS_PER_MINUTE}: the run waits on Odesli's pace (the figures do not change)`);
  }
  const library = await pickLibrary(control, opts.tracks, opts.artists);
  const truths = await mapLimit(library.trackIds, 16, (id) => control.get<Truth>('spotify', `truth/tracks/${id}`));
  const acceptable = new Map(library.trackIds.map((id, i) => [id, new Set(truths[i]!.truth.acceptableVideoIds)]));
  const isCorrect = (trackId: string, videoId: string | null) => {
    const ok = acceptable.get(trackId)!;
    return videoId === null ? ok.size === 0 : ok.has(videoId);
  };
  print(`library: ${library.trackIds.length} tracks by ${library.artists} artists`);

  const redis = new Redis(config().REDIS_URL, { maxRetriesPerRequest: null });
  let mongo: EmbeddedMongoServer | undefined;
  if (!config().MONGO_URL) mongo = await startEmbeddedMongo();
  const client = new MongoClient(config().MONGO_URL ?? mongo!.url, { serverSelectionTimeoutMS: 3000 });
  await client.connect();
  const db = client.db(`mapping_figures_${randomBytes(4).toString('hex')}`);
  const providers: Providers[] = [];
  // The simulator's Odesli allows 600 lookups a minute per key by default: a 1,000-track run would wait on it.
  await control.post('odesli', 'config', { odesli: { requestsPerMinute: 100_000 } });
  try {
    await prepareCatalogStore(db);
    const provider = createProviders(redis);
    providers.push(provider);
    const service = createMappingService({ store: catalogCollections(db), providers: provider });

    // The engine.
    const before = await control.get<QuotaSnapshot>('youtube', 'youtube/quota');
    const callsBefore = await freeCalls(control);
    const results = await service.mapMany(library.trackIds, { priority: 'background' });
    const after = await control.get<QuotaSnapshot>('youtube', 'youtube/quota');
    const callsAfter = await freeCalls(control);
    const calls = { spotify: callsAfter.spotify - callsBefore.spotify, odesli: callsAfter.odesli - callsBefore.odesli, genius: callsAfter.genius - callsBefore.genius };
    const units = after.unitsUsed - before.unitsUsed;
    const searches = after.searchCallsUsed - before.searchCallsUsed;
    const outcomes = { confident: 0, uncertain: 0, unavailable: 0, error: 0 };
    const sources: Record<string, number> = {};
    const misses: ImportFigures['misses'] = [];
    let correct = 0;
    for (const id of library.trackIds) {
      const result = results.get(id);
      if (!result || result instanceof Error) {
        if (outcomes.error++ === 0) print(`first error: ${result instanceof Error ? result.message : 'no result'}`);
        continue;
      }
      outcomes[result.status]++;
      sources[result.source ?? 'none'] = (sources[result.source ?? 'none'] ?? 0) + 1;
      if (isCorrect(id, result.youtubeVideoId)) correct++;
      else if (misses.length < 20) misses.push({ trackId: id, status: result.status, videoId: result.youtubeVideoId, source: result.source });
    }
    const mapped = library.trackIds.length - outcomes.error;
    print(`engine: ${units} units, ${searches} searches for ${mapped} mapped tracks; ${correct} correct; ${JSON.stringify(outcomes)}; sources ${JSON.stringify(sources)}; calls ${JSON.stringify(calls)}`);

    // The naive strategy: no cache, no quota ledger of ours, the simulator's search bucket lifted for the run.
    await control.post('youtube', 'youtube/quota', { searchLimit: 1_000_000, unitsLimit: 1_000_000 });
    let naiveCorrect = 0;
    let naiveUnits = 0;
    try {
      const naiveBefore = await control.get<QuotaSnapshot>('youtube', 'youtube/quota');
      const naive = naiveClient(redis);
      const tracks = await provider.loaders('background').spotifyTrack.loadMany(library.trackIds);
      const picks = await mapLimit(library.trackIds, 8, async (id, i) => {
        const track = tracks[i];
        if (!track || track instanceof Error) return null;
        const subject = subjectOf(track);
        const page = await naive.search(`${subject.facts.artists[0] ?? ''} ${subject.facts.name}`, 'background', { maxResults: 10 });
        const ids = page.items.flatMap((item) => (item.id.videoId ? [item.id.videoId] : []));
        const videos = ids.length ? await naive.videos(ids, 'background') : new Map();
        const candidates = ids.flatMap((videoId) => {
          const video = videos.get(videoId);
          const candidate = video ? toCandidate(video) : null;
          return candidate ? [{ ...candidate, source: 'search' as const }] : [];
        });
        const decision = decideMapping(subject.facts, candidates);
        return decision.outcome === 'unavailable' ? null : (decision.choice?.videoId ?? null);
      });
      library.trackIds.forEach((id, i) => {
        if (isCorrect(id, picks[i] ?? null)) naiveCorrect++;
      });
      const naiveAfter = await control.get<QuotaSnapshot>('youtube', 'youtube/quota');
      naiveUnits = naiveAfter.unitsUsed - naiveBefore.unitsUsed + (naiveAfter.searchCallsUsed - naiveBefore.searchCallsUsed);
    } finally {
      await control.post('youtube', 'youtube/quota', { searchLimit: before.searchLimit, unitsLimit: before.unitsLimit });
    }
    const n = library.trackIds.length;
    const figures: ImportFigures = {
      mapped,
      unitsPerTrack: round(units / Math.max(1, mapped)),
      searchesPerTrack: round(searches / Math.max(1, mapped)),
      naiveUnitsPerTrack: round(naiveUnits / n),
      importAccuracy: round(correct / n),
      naiveAccuracy: round(naiveCorrect / n),
      tracks: n,
      artists: library.artists,
      searches,
      units,
      outcomes,
      sources,
      calls,
      misses,
      seconds: round((performance.now() - started) / 1000),
    };
    print(`naive: ${naiveUnits} units + searches, ${naiveCorrect} correct (${figures.naiveAccuracy}); engine ${figures.unitsPerTrack} units and ${figures.searchesPerTrack} searches per track, accuracy ${figures.importAccuracy}`);
    return figures;
  } finally {
    await control.post('odesli', 'config', { odesli: { requestsPerMinute: 600 } }).catch(() => undefined);
    await Promise.all(providers.map((p) => p.close()));
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    await mongo?.close();
    redis.disconnect();
  }
}

/** About `artists` artists, `tracks / artists` tracks each, in a stable pseudo-random order (no catalogue order bias). */
async function pickLibrary(control: SimulatorControl, tracks: number, artists: number): Promise<{ trackIds: string[]; artists: number }> {
  const byArtist = new Map<string, string[]>();
  for (let offset = 0; ; offset += 1000) {
    const page = await control.get<{ total: number; items: CatalogueItem[] }>('spotify', `catalogue/tracks?offset=${offset}&limit=1000`);
    for (const item of page.items) {
      const artist = item.artists[0]?.id;
      if (artist) byArtist.set(artist, [...(byArtist.get(artist) ?? []), item.id]);
    }
    if (offset + 1000 >= page.total) break;
  }
  const perArtist = Math.max(1, Math.round(tracks / artists));
  const order = [...byArtist.keys()].sort((a, b) => hash(a) - hash(b));
  const trackIds: string[] = [];
  let used = 0;
  for (const artist of order) {
    if (trackIds.length >= tracks) break;
    const own = byArtist.get(artist)!.sort((a, b) => hash(a) - hash(b));
    trackIds.push(...own.slice(0, Math.min(perArtist, tracks - trackIds.length)));
    used++;
  }
  return { trackIds, artists: used };
}

/** The naive client's YouTube: the real client, with no quota ledger (it would exceed the day's searches). */
function naiveClient(redis: Redis): YouTubeData {
  class Unmetered extends YouTubeQuota {
    override async spend(): Promise<void> {}
  }
  const c = config();
  return new YouTubeData({ apiUrl: c.YOUTUBE_API_URL, apiKey: c.YOUTUBE_API_KEY ?? '', quota: new Unmetered(redis, { dailyUnits: 1, searchCalls: 1, interactiveReserve: 0 }) });
}

async function freeCalls(control: SimulatorControl): Promise<{ spotify: number; odesli: number; genius: number }> {
  const total = async (simulator: SimulatorName) => (await control.get<{ total: number }>(simulator, 'stats')).total;
  const [spotify, odesli, genius] = await Promise.all([total('spotify'), total('odesli'), total('genius')]);
  return { spotify, odesli, genius };
}

type SimulatorName = 'spotify' | 'youtube' | 'genius' | 'odesli';
interface SimulatorControl {
  get<T>(simulator: SimulatorName, path: string): Promise<T>;
  post<T>(simulator: SimulatorName, path: string, body: unknown): Promise<T>;
}

function simulatorControl(servers: Record<SimulatorName, string>): SimulatorControl {
  const call = async <T>(simulator: SimulatorName, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${servers[simulator]}/_simulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${simulator} ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { get: (s, path) => call(s, 'GET', path), post: (s, path, body) => call(s, 'POST', path, body) };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** FNV-1a: a stable order independent of the catalogue's. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
