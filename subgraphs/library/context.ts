/** What library resolvers receive: the shared context plus the library's PostgreSQL data source. */
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../../platform/graphql/context.js';

export interface LibraryContext extends SubgraphContext {
  db: DataSource;
}
