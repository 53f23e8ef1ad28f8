/** The library subgraph process: playlists and saved tracks in the PostgreSQL database `library`. */
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import type { LibraryContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { libraryEntities } from './store/entities.js';
import { libraryMigrations } from './store/migrations/index.js';

await runSubgraph({
  name: 'library',
  resolvers,
  permissions,
  async openStores() {
    const db = await openPostgresStore({ subgraph: 'library', entities: libraryEntities, migrations: libraryMigrations });
    return { db, close: () => db.destroy() };
  },
  serve: ({ db }) => ({
    context: (base): LibraryContext => ({ ...base, db }),
    readiness: { postgres: postgresReadiness(db) },
  }),
});
