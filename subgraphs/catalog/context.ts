/** What catalog resolvers receive: the shared context plus the catalog's collections. */
import type { SubgraphContext } from '../../platform/graphql/context.js';
import type { CatalogCollections } from './store/collections.js';

export interface CatalogContext extends SubgraphContext {
  catalog: CatalogCollections;
}
