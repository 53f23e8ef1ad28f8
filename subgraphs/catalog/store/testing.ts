/**
 * The catalog's store for tests: MONGO_URL when it points at a real server, else the project's
 * embedded MongoDB-compatible server; a database of the file's own, prepared like `--migrate`
 * does, dropped after. Call at the top of a test file; the returned function gives the store once
 * the file's beforeAll hooks have run.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from '../../../platform/mongo/server/index.js';
import { catalogCollections, prepareCatalogStore, type CatalogCollections } from './collections.js';

export function useCatalogTestStore(label: string): () => { db: Db; catalog: CatalogCollections } {
  let server: EmbeddedMongoServer | undefined;
  let client: MongoClient | undefined;
  let store: { db: Db; catalog: CatalogCollections } | undefined;

  beforeAll(async () => {
    if (!process.env.MONGO_URL) server = await startEmbeddedMongo();
    client = new MongoClient(process.env.MONGO_URL ?? server!.url, { serverSelectionTimeoutMS: 3000 });
    await client.connect();
    const db = client.db(`test_helper_${label}_${randomUUID().slice(0, 8)}`);
    await prepareCatalogStore(db);
    store = { db, catalog: catalogCollections(db) };
  });

  afterAll(async () => {
    await store?.db.dropDatabase();
    await client?.close();
    await server?.close();
  });

  return () => {
    if (!store) throw new Error('the catalog test store is not open yet');
    return store;
  };
}
