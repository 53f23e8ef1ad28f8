/** What catalog resolvers receive: the shared context, the catalog's collections and this request's loaders. */
import type { SubgraphContext } from '../../platform/graphql/context.js';
import type { CatalogueLoaders } from './catalogue/loaders.js';
import type { MappingApi } from './mapping-api/runtime.js';
import type { CatalogCollections } from './store/collections.js';

export interface CatalogContext extends SubgraphContext {
  catalog: CatalogCollections;
  /** Tracks, albums and artists: curated snapshot, else Spotify (batched, cached). */
  catalogue: CatalogueLoaders;
  /** Spotify → YouTube mappings: the engine, the mapping jobs, stored mappings by track. */
  mappings: MappingApi;
}
