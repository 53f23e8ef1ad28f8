/** The lyrics subgraph process: Genius matches and track languages in the MongoDB database `lyrics`. */
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { mongoReadiness, openMongoStore } from '../../platform/mongo/client.js';
import type { LyricsContext } from './context.js';
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
    return { store, close: () => store.client.close() };
  },
  serve: ({ store }) => {
    const lyrics = lyricsCollections(store.db);
    return {
      context: (base): LyricsContext => ({ ...base, lyrics }),
      readiness: { mongo: mongoReadiness(store) },
    };
  },
});
