/**
 * `npm run bench -- providers`: what 1,000 track lookups in a realistic request mix cost in provider
 * calls and YouTube quota, through the provider layer (per-request loaders, L1 + L2 caches, two
 * replicas sharing Redis) against a naive client that makes one call per item, measured in the same
 * run against the same simulators (default catalogue: 20,000 tracks, 1,000 artists).
 *
 * The mix, over tracks drawn with a Zipf-like popularity skew (a few hits, a long tail):
 *   - playlist pages: 20 tracks, each with the YouTube video that plays it (verified with videos.list)
 *   - album pages: an album's tracks
 *   - now playing: one track and its video
 *   - a cold track every 20 lookups: a YouTube search for it (no stored mapping yet)
 * Requests alternate between two provider layers (two replicas) that share one Redis.
 *
 * Counts come from the simulators' own request counters. `quotaUnits` is YouTube units spent plus
 * search.list calls (each one call of the separate search bucket).
 */
import { randomBytes } from 'node:crypto';

process.env.REDIS_KEY_PREFIX = `bench:providers:${randomBytes(4).toString('hex')}:`;
process.env.LOG_LEVEL ??= 'silent';
const PORTS = { spotify: 14701, youtube: 14702, genius: 14703, odesli: 14704 };
process.env.SIMULATOR_SPOTIFY_PORT = String(PORTS.spotify);
process.env.SIMULATOR_YOUTUBE_PORT = String(PORTS.youtube);
process.env.SIMULATOR_GENIUS_PORT = String(PORTS.genius);
process.env.SIMULATOR_ODESLI_PORT = String(PORTS.odesli);

const { simulatedProviders } = await import('../platform/runtime/simulated-providers.js');
const pointed = simulatedProviders(process.env as Record<string, string>);
Object.assign(process.env, pointed.env);

const { Redis } = await import('ioredis');
const { startSimulators } = await import('../providers/simulators/index.js');
const { createProviders } = await import('../providers/index.js');

const LOOKUPS = 1_000;
const SEARCH_EVERY = 20;

type Request = { kind: 'playlist' | 'album' | 'now-playing'; tracks: string[]; videos: string[]; searches: string[] };

const started = performance.now();
const simulators = await startSimulators({ ports: PORTS });
console.log(`simulators up in ${Math.round(performance.now() - started)} ms: ${simulators.catalogue.tracks.size} tracks, ${simulators.catalogue.artists.size} artists`);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

try {
  const requests = requestMix(simulators.catalogue);
  const lookups = requests.reduce((sum, request) => sum + request.tracks.length, 0);
  console.log(`${requests.length} requests, ${lookups} track lookups, ${requests.reduce((s, r) => s + r.videos.length, 0)} video lookups, ${requests.reduce((s, r) => s + r.searches.length, 0)} searches`);

  // The provider layer: two replicas, per-request loaders.
  await resetSimulators();
  const replicas = [createProviders(redis), createProviders(redis)];
  for (const [index, request] of requests.entries()) {
    const load = replicas[index % 2]!.loaders('interactive');
    await Promise.all([
      ...request.tracks.map((id) => load.spotifyTrack.load(id)),
      ...request.videos.map((id) => load.youtubeVideo.load(id)),
      ...request.searches.map((query) => load.youtubeSearch.load({ query, maxResults: 10 })),
    ]);
  }
  const layer = await costs();
  const cache = mergedStats(replicas.map((replica) => replica.cache.stats()));
  await Promise.all(replicas.map((replica) => replica.close()));
  await deleteQuotaLedger();

  // The naive client: one call per item, nothing remembered.
  await resetSimulators();
  const naive = createProviders(redis);
  for (const request of requests) {
    await Promise.all([
      ...request.tracks.map((id) => naive.spotify.tracks([id])),
      ...request.videos.map((id) => naive.youtube.videos([id], 'interactive')),
      ...request.searches.map((query) => naive.youtube.search(query, 'interactive', { maxResults: 10 })),
    ]);
  }
  const baseline = await costs();
  await naive.close();

  console.log(`provider calls: ${layer.calls} vs ${baseline.calls} naive (${ratio(baseline.calls, layer.calls)}x fewer)`);
  console.log(`  spotify ${layer.spotify} vs ${baseline.spotify}; youtube ${layer.youtube} vs ${baseline.youtube} (searches ${layer.searches} vs ${baseline.searches})`);
  console.log(`YouTube quota: ${layer.quota} vs ${baseline.quota} naive (${ratio(baseline.quota, layer.quota)}x less)`);
  console.log(`cache: L1 ${cache.l1.hits}/${cache.l1.lookups} hits, L2 ${cache.l2.hits}/${cache.l2.lookups} hits`);
  console.log(
    JSON.stringify({
      providerCalls: layer.calls,
      naiveProviderCalls: baseline.calls,
      quotaUnits: layer.quota,
      naiveQuotaUnits: baseline.quota,
      l1HitRatio: round(cache.l1.hits / Math.max(1, cache.l1.lookups)),
      l2HitRatio: round(cache.l2.hits / Math.max(1, cache.l2.lookups)),
    }),
  );
} finally {
  await deleteKeys();
  redis.disconnect();
  await simulators.stop();
}

/** Seeded, so every run weighs the same mix. */
function requestMix(catalogue: Awaited<ReturnType<typeof startSimulators>>['catalogue']): Request[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const tracks = [...catalogue.tracks.values()].sort((a, b) => b.popularity - a.popularity || a.id.localeCompare(b.id));
  const albums = [...catalogue.albums.values()];
  // Zipf-like: rank ~ N^u with u uniform gives a heavy head and a long tail.
  const popularTrack = () => tracks[Math.min(tracks.length - 1, Math.floor(tracks.length ** random()) - 1)]!;
  const videoOf = (trackId: string) => catalogue.truth.get(trackId)?.bestVideoId ?? null;
  const requests: Request[] = [];
  let lookups = 0;
  while (lookups < LOOKUPS) {
    const roll = random();
    const kind: Request['kind'] = roll < 0.5 ? 'playlist' : roll < 0.75 ? 'album' : 'now-playing';
    let ids: string[];
    if (kind === 'playlist') ids = Array.from({ length: 20 }, () => popularTrack().id);
    else if (kind === 'album') ids = albums[Math.floor(random() * albums.length)]!.trackIds.slice(0, 20);
    else ids = [popularTrack().id];
    ids = ids.slice(0, LOOKUPS - lookups);
    const request: Request = { kind, tracks: ids, videos: [], searches: [] };
    for (const id of ids) {
      lookups += 1;
      const track = catalogue.tracks.get(id)!;
      if (lookups % SEARCH_EVERY === 0) {
        request.searches.push(`${catalogue.artists.get(track.artistIds[0]!)!.name} ${track.baseName}`);
      } else if (kind !== 'album') {
        const video = videoOf(id);
        if (video) request.videos.push(video);
      }
    }
    requests.push(request);
  }
  return requests;
}

async function stats(provider: 'spotify' | 'youtube'): Promise<Record<string, number>> {
  const response = await fetch(`${pointed.servers[provider]}/_simulator/stats`);
  return ((await response.json()) as { requests: Record<string, number> }).requests;
}

async function costs() {
  const spotify = await stats('spotify');
  const youtube = await stats('youtube');
  const sum = (counts: Record<string, number>, filter: (endpoint: string) => boolean = () => true) =>
    Object.entries(counts).reduce((total, [endpoint, n]) => (filter(endpoint) ? total + n : total), 0);
  const spotifyCalls = sum(spotify);
  const youtubeCalls = sum(youtube);
  const searches = sum(youtube, (endpoint) => endpoint.endsWith('/search'));
  const units = sum(youtube, (endpoint) => /\/(videos|channels|playlistItems|playlists)$/.test(endpoint));
  return { calls: spotifyCalls + youtubeCalls, spotify: spotifyCalls, youtube: youtubeCalls, searches, quota: units + searches };
}

async function resetSimulators(): Promise<void> {
  await Promise.all(Object.values(pointed.servers).map((server) => fetch(`${server}/_simulator/reset`, { method: 'POST' })));
}

function mergedStats(all: ReturnType<InstanceType<typeof import('../providers/cache/provider-cache.js').ProviderCache>['stats']>[]) {
  const level = (name: 'l1' | 'l2') => {
    const hits = all.reduce((sum, s) => sum + s[name].fresh + s[name].stale, 0);
    return { hits, lookups: hits + all.reduce((sum, s) => sum + s[name].miss, 0) };
  };
  return { l1: level('l1'), l2: level('l2') };
}

async function deleteQuotaLedger(): Promise<void> {
  const keys = await redis.keys(`${process.env.REDIS_KEY_PREFIX}quota:*`);
  if (keys.length) await redis.del(...keys);
}

async function deleteKeys(): Promise<void> {
  const keys = await redis.keys(`${process.env.REDIS_KEY_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
}

function ratio(baseline: number, measured: number): string {
  return (baseline / Math.max(1, measured)).toFixed(1);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
