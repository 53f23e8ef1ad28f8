/** What analytics resolvers receive: the shared context plus the analytics PostgreSQL data source. */
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../../platform/graphql/context.js';

export interface AnalyticsContext extends SubgraphContext {
  db: DataSource;
}
