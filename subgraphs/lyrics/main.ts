/**
 * The lyrics subgraph process: Genius matches and track languages in the MongoDB database `lyrics`,
 * with the `lyrics-tracks` worker that matches and detects the language of every track entering
 * the catalogue (in this process for now, like the analytics and library workers).
 */
import { config } from '../../platform/config.js';
import { serviceClient } from '../../platform/graphql/service-client.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import type { JobWorker } from '../../platform/jobs/job-worker.js';
import { logger } from '../../platform/logger.js';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
import { connectRedis } from '../../platform/redis/connection.js';
import { createProviders, type Providers } from '../../providers/index.js';
import type { LyricsContext } from './context.js';
import { startCataloguedTrackWorker } from './jobs/catalogued-track-worker.js';
import { LanguageJobs } from './jobs/language-jobs.js';
import { createLyricsLoaders } from './loaders.js';
import { matcherSettings } from './matching/track-matcher.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { lyricsCollections, prepareLyricsStore } from './store/collections.js';

// Started by `serve`; closed before the stores, so the jobs in hand finish while they still answer.
let worker: JobWorker | undefined;
let jobs: LanguageJobs | undefined;
let providers: Providers | undefined;

await runSubgraph({
  name: 'lyrics',
  resolvers,
  permissions,
  async openStores() {
    const store = await openMongoStore('lyrics');
    await prepareLyricsStore(store.db);
    const redis = connectRedis();
    return {
      store,
      redis,
      close: async () => {
        await worker?.close();
        await jobs?.close();
        await providers?.close();
        await Promise.all([store.client.close(), redis.quit()]);
      },
    };
  },
  async serve({ store, redis }) {
    const lyrics = lyricsCollections(store.db);
    const c = config();
    const log = logger('lyrics');
    const settings = matcherSettings();
    providers = createProviders(redis);
    await providers.cache.listenForInvalidations();
    const languageJobs = (jobs = new LanguageJobs(redis));
    worker = startCataloguedTrackWorker({ lyrics, providers, graph: serviceClient('lyrics'), settings, concurrency: c.LYRICS_TRACKS_CONCURRENCY, log });
    const shared = providers;
    // Readiness stays MongoDB's: lyrics answers stored matches while Redis or Genius is away.
    return {
      context: (base): LyricsContext => ({
        ...base,
        lyrics,
        loaders: createLyricsLoaders({
          lyrics,
          providers: shared.loaders('interactive'),
          settings,
          jobs: languageJobs,
          inlineConcurrency: c.LYRICS_INLINE_CONCURRENCY,
          log: base.log,
        }),
      }),
      readiness: { mongo: mongoReadiness(store) },
    };
  },
});
