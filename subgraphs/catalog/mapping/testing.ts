/**
 * Test bed of the mapping tests: the simulators over HTTP (their own ports), the real Redis under a
 * key prefix of the file's own, the embedded MongoDB (or MONGO_URL). `fresh()` gives each test a
 * clean world: a new database, empty provider caches and quota ledger (the prefix's keys removed),
 * a new provider layer (empty L1) and zeroed simulator counters, so call counts are exact.
 * Call `useMappingTestbed` at the top of a test file, before anything reads the configuration.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from '../../../platform/mongo/server/index.js';
import type { SimulatedProvider } from '../../../platform/runtime/simulated-providers.js';
import { createProviders, type Providers } from '../../../providers/index.js';
import { isolatedRedisPrefix } from '../../../providers/testing/redis-prefix.js';
import { useSimulators, type SimulatorEnv } from '../../../providers/testing/simulators.js';
import type { TrackTruth } from '../../../providers/simulators/catalogue/types.js';
import { catalogCollections, prepareCatalogStore, type CatalogCollections } from '../store/collections.js';
import { createMappingService, type MappingService, type MappingServiceDeps } from './service.js';

export interface CatalogueTrack {
  id: string;
  name: string;
  baseName: string;
  artists: { id: string; name: string }[];
  album: { id: string; name: string; albumType: string; edition: string };
  version: string;
  hasAcceptableUpload: boolean;
  bestVideoId: string | null;
  geniusSongId: number | null;
  odesliKnown: boolean;
  odesliVideoId: string | null;
}

export interface TruthView {
  track: { id: string; name: string; artistIds: string[] };
  truth: TrackTruth;
  artists: { id: string; name: string; topicChannelId: string | null; officialChannelId: string | null }[];
  videos: { id: string; channelId: string; kind: string; title: string }[];
  geniusSong: { id: number; youtubeVideoId: string | null } | null;
}

export interface World {
  service: MappingService;
  store: CatalogCollections;
  providers: Providers;
  db: Db;
  /** Another replica: its own provider layer (L1, breaker) and service over the same stores. */
  replica(): MappingService;
}

export function useMappingTestbed(ports: Record<SimulatedProvider, number>, options: { env?: Record<string, string>; tracks?: number; artists?: number } = {}) {
  const isolation = isolatedRedisPrefix();
  const sims: SimulatorEnv = useSimulators(ports, {
    tracks: options.tracks,
    artists: options.artists,
    // The simulator's Odesli is not paced for tests; the client's pace would only slow them.
    env: { ODESLI_REQUESTS_PER_MINUTE: '100000', ...options.env },
  });
  let server: EmbeddedMongoServer | undefined;
  let client: MongoClient;
  let redis: Redis;
  const opened: Providers[] = [];
  const databases: Db[] = [];

  beforeAll(async () => {
    if (!process.env.MONGO_URL) server = await startEmbeddedMongo();
    client = new MongoClient(process.env.MONGO_URL ?? server!.url, { serverSelectionTimeoutMS: 3000 });
    await client.connect();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  });

  afterAll(async () => {
    await Promise.all(opened.map((p) => p.close()));
    for (const db of databases) await db.dropDatabase().catch(() => undefined);
    await client?.close();
    await server?.close();
    redis?.disconnect();
    await isolation.cleanup();
  });

  async function fresh(deps: Partial<Pick<MappingServiceDeps, 'decide' | 'now'>> = {}): Promise<World> {
    await isolation.cleanup();
    await sims.control.reset();
    const db = client.db(`test_mapping_${randomBytes(4).toString('hex')}`);
    databases.push(db);
    await prepareCatalogStore(db);
    const store = catalogCollections(db);
    const open = () => {
      const providers = createProviders(redis);
      opened.push(providers);
      return providers;
    };
    const providers = open();
    return {
      service: createMappingService({ store, providers, ...deps }),
      store,
      providers,
      db,
      replica: () => createMappingService({ store, providers: open(), ...deps }),
    };
  }

  /** Requests per endpoint since the last reset, e.g. calls('youtube')['GET /youtube/v3/search']. */
  const calls = (provider: SimulatedProvider) => sims.control.requests(provider);

  async function youtubeCalls(): Promise<{ videos: number; search: number; playlistItems: number; channels: number }> {
    const requests = await calls('youtube');
    return {
      videos: requests['GET /youtube/v3/videos'] ?? 0,
      search: requests['GET /youtube/v3/search'] ?? 0,
      playlistItems: requests['GET /youtube/v3/playlistItems'] ?? 0,
      channels: requests['GET /youtube/v3/channels'] ?? 0,
    };
  }

  const truth = (trackId: string) => sims.control.get<TruthView>('spotify', `truth/tracks/${trackId}`);

  async function catalogue(query: Record<string, string | number | boolean> = {}): Promise<CatalogueTrack[]> {
    const params = new URLSearchParams(Object.entries({ limit: 1000, ...query }).map(([k, v]): [string, string] => [k, String(v)]));
    return (await sims.control.get<{ items: CatalogueTrack[] }>('spotify', `catalogue/tracks?${params}`)).items;
  }

  /** Records an artist's channels as an earlier run would have learnt them. */
  async function knowChannels(store: CatalogCollections, view: TruthView): Promise<void> {
    const artist = view.artists[0]!;
    await store.artistChannels.insertOne({
      _id: artist.id,
      artistName: artist.name,
      topicChannelId: artist.topicChannelId,
      officialChannelIds: artist.officialChannelId ? [artist.officialChannelId] : [],
      lastMissAt: null,
      updatedAt: new Date(),
    });
  }

  return { sims, fresh, calls, youtubeCalls, truth, catalogue, knowChannels };
}
