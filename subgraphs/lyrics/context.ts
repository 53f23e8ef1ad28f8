/** What lyrics resolvers receive: the shared context plus the lyrics collections and this request's loaders. */
import type { SubgraphContext } from '../../platform/graphql/context.js';
import type { LyricsLoaders } from './loaders.js';
import type { LyricsCollections } from './store/collections.js';

export interface LyricsContext extends SubgraphContext {
  lyrics: LyricsCollections;
  loaders: LyricsLoaders;
}
