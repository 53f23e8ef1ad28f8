/**
 * The lyrics subgraph process: Genius matches and track languages in the MongoDB database `lyrics`,
 * with the `lyrics-tracks` worker that matches and detects the language of every track entering
 * the catalogue (in this process, or in lyrics-workers processes: platform/graphql/subgraph-process.ts).
 */
import { config } from '../../platform/config.js';
import { serviceClient } from '../../platform/graphql/service-client.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { logger } from '../../platform/logger.js';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import { createProviders } from '../../providers/index.js';
import type { LyricsContext } from './context.js';
import { startCataloguedTrackWorker } from './jobs/catalogued-track-worker.js';
import { LanguageJobs } from './jobs/language-jobs.js';
import { createLyricsLoaders } from './loaders.js';
import { matcherSettings } from './matching/track-matcher.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { lyricsCollections, prepareLyricsStore } from './store/collections.js';

await runSubgraph({
  name: 'lyrics',
  resolvers,
  permissions,
  async openStores() {
    const store = await openMongoStore('lyrics');
    await prepareLyricsStore(store.db);
    const redis = connectRedis();
    // Shared by the server and the worker of this process; the language queue's producer shares the connection.
    const providers = createProviders(redis);
    const jobs = new LanguageJobs(redis);
    return {
      store,
      redis,
      providers,
      jobs,
      close: async () => {
        await jobs.close();
        await providers.close();
        await Promise.all([store.client.close(), redis.quit()]);
      },
    };
  },
  async serve({ store, providers, jobs }) {
    const lyrics = lyricsCollections(store.db);
    const c = config();
    const settings = matcherSettings();
    await providers.cache.listenForInvalidations();
    // Readiness stays MongoDB's: lyrics answers stored matches while Redis or Genius is away.
    return {
      context: (base): LyricsContext => ({
        ...base,
        lyrics,
        loaders: createLyricsLoaders({
          lyrics,
          providers: providers.loaders('interactive'),
          settings,
          jobs,
          inlineConcurrency: c.LYRICS_INLINE_CONCURRENCY,
          log: base.log,
        }),
      }),
      readiness: { mongo: mongoReadiness(store) },
    };
  },
  // The lyrics-tracks worker: in this process (WORKERS=embedded) or in lyrics-workers processes.
  async workers({ store, redis, providers }) {
    await providers.cache.listenForInvalidations();
    const worker = startCataloguedTrackWorker({
      lyrics: lyricsCollections(store.db),
      providers,
      graph: serviceClient('lyrics'),
      settings: matcherSettings(),
      concurrency: config().LYRICS_TRACKS_CONCURRENCY,
      log: logger('lyrics'),
    });
    return { close: () => worker.close(), readiness: { mongo: mongoReadiness(store), redis: redisReadiness(redis) } };
  },
});
