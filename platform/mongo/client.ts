/** A subgraph's MongoDB database through the official driver: `<DATABASE_NAME_PREFIX><subgraph>` on MONGO_URL. */
import { MongoClient, type Db } from 'mongodb';
import { config } from '../config.js';

export const DEFAULT_MONGO_URL = 'mongodb://127.0.0.1:27017/?directConnection=true';

export interface MongoStore {
  client: MongoClient;
  db: Db;
}

export async function openMongoStore(subgraph: 'catalog' | 'lyrics'): Promise<MongoStore> {
  const client = new MongoClient(config().MONGO_URL ?? DEFAULT_MONGO_URL, {
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
  });
  await client.connect();
  return { client, db: client.db(`${config().DATABASE_NAME_PREFIX}${subgraph}`) };
}

export const mongoReadiness = (store: MongoStore) => async () => (await store.db.command({ ping: 1 })).ok === 1;

const NAMESPACE_EXISTS = 48;

/** Creates a collection unless it exists; safe when several processes prepare the store at once. */
export async function ensureCollection(db: Db, name: string): Promise<void> {
  const existing = await db.listCollections({ name }, { nameOnly: true }).toArray();
  if (existing.length > 0) return;
  await db.createCollection(name).catch((error: { code?: number }) => {
    if (error.code !== NAMESPACE_EXISTS) throw error; // another process created it first
  });
}
