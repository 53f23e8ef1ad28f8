import { MongoBulkWriteError, MongoClient, MongoServerError, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from './index.js';

let server: EmbeddedMongoServer;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo({ ttlSweepIntervalMs: 100 });
  client = new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 });
  await client.connect();
  db = client.db('index_test');
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

async function rejection(p: Promise<unknown>): Promise<MongoServerError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  return err as MongoServerError;
}

/** Polls until `check` passes or the deadline expires (no fixed sleeps). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met before deadline');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('unique indexes', () => {
  const users = () => db.collection('users');

  beforeAll(async () => {
    expect(await users().createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await users().insertMany([{ email: 'a@x', name: 'A' }, { email: 'b@x', name: 'B' }]);
  });

  it('rejects a duplicate insert with a driver-compatible E11000 error', async () => {
    const err = await rejection(users().insertOne({ email: 'a@x' }));
    expect(err.code).toBe(11000);
    expect(err.message).toBe('E11000 duplicate key error collection: index_test.users index: email_1 dup key: { email: "a@x" }');
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x' });
    expect(await users().countDocuments()).toBe(2);
  });

  it('rejects duplicates created by update, upsert and findOneAndUpdate', async () => {
    expect((await rejection(users().updateOne({ email: 'b@x' }, { $set: { email: 'a@x' } }))).code).toBe(11000);
    expect((await rejection(users().updateOne({ name: 'nobody' }, { $set: { email: 'a@x' } }, { upsert: true }))).code).toBe(11000);
    expect((await rejection(users().findOneAndUpdate({ email: 'b@x' }, { $set: { email: 'a@x' } }))).code).toBe(11000);
    expect((await rejection(users().replaceOne({ email: 'b@x' }, { email: 'a@x' }))).code).toBe(11000);
    expect(await users().findOne({ email: 'b@x' }, { projection: { _id: 0 } })).toEqual({ email: 'b@x', name: 'B' });
    // Updating a document to its own value, or freeing and reusing a key, is fine.
    await users().updateOne({ email: 'b@x' }, { $set: { email: 'b@x', name: 'B2' } });
    await users().updateOne({ email: 'b@x' }, { $set: { email: 'c@x' } });
    await users().insertOne({ email: 'b@x' });
    await users().deleteOne({ email: 'b@x' });
    await users().insertOne({ email: 'b@x' });
  });

  it('rejects duplicate _id values', async () => {
    await db.collection('dup_ids').insertOne({ _id: 7 as never });
    const err = await rejection(db.collection('dup_ids').insertOne({ _id: 7 as never }));
    expect(err.code).toBe(11000);
    expect(err.message).toContain('index: _id_ dup key: { _id: 7 }');
  });

  it('stops ordered insertMany at the duplicate; unordered continues', async () => {
    const coll = db.collection('bulk');
    await coll.createIndex({ k: 1 }, { unique: true });
    const ordered = await coll.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]).catch((e: unknown) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect((ordered as MongoBulkWriteError).code).toBe(11000);
    expect((ordered as MongoBulkWriteError).insertedCount).toBe(2);
    expect((await coll.find().toArray()).map((d) => d.k)).toEqual([1, 2]);

    const unordered = await coll.insertMany([{ k: 2 }, { k: 4 }, { k: 1 }, { k: 5 }], { ordered: false }).catch((e: unknown) => e);
    expect(unordered).toBeInstanceOf(MongoBulkWriteError);
    expect((unordered as MongoBulkWriteError).writeErrors).toHaveLength(2);
    expect((await coll.find().toArray()).map((d) => d.k)).toEqual([1, 2, 4, 5]);
  });

  it('enforces compound unique indexes on the combination', async () => {
    const coll = db.collection('follows');
    await coll.createIndex({ user: 1, artist: 1 }, { unique: true, name: 'user_artist' });
    await coll.insertMany([{ user: 'u1', artist: 'a1' }, { user: 'u1', artist: 'a2' }, { user: 'u2', artist: 'a1' }]);
    const err = await rejection(coll.insertOne({ user: 'u1', artist: 'a2' }));
    expect(err.code).toBe(11000);
    expect(err.message).toContain('index: user_artist dup key: { user: "u1", artist: "a2" }');
    expect(err.keyValue).toEqual({ user: 'u1', artist: 'a2' });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const coll = db.collection('predup');
    await coll.insertMany([{ v: 1 }, { v: 1 }]);
    expect((await rejection(coll.createIndex({ v: 1 }, { unique: true }))).code).toBe(11000);
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('supports sparse and partial unique indexes', async () => {
    const sparse = db.collection('sparse');
    await sparse.createIndex({ handle: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ a: 1 }, { a: 2 }, { handle: 'h' }]);
    expect((await rejection(sparse.insertOne({ handle: 'h' }))).code).toBe(11000);

    const partial = db.collection('partial');
    await partial.createIndex({ slug: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await partial.insertMany([{ slug: 's', active: false }, { slug: 's', active: true }, { slug: 's', active: false }]);
    expect((await rejection(partial.insertOne({ slug: 's', active: true }))).code).toBe(11000);
  });
});

describe('index management', () => {
  it('lists, re-creates idempotently and drops indexes', async () => {
    const coll = db.collection('managed');
    await coll.insertOne({ a: 1 });
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: -1, c: 1 }, name: 'bc' }]);
    expect(await coll.createIndex({ a: 1 })).toBe('a_1');
    const indexes = await coll.indexes();
    expect(indexes.map((i) => i.name)).toEqual(['_id_', 'a_1', 'bc']);
    expect(indexes[2]).toMatchObject({ key: { b: -1, c: 1 }, name: 'bc', v: 2 });
    expect(await coll.indexExists('bc')).toBe(true);
    await expect(coll.createIndex({ z: 1 }, { name: 'bc' })).rejects.toMatchObject({ code: 86 });

    await coll.dropIndex('a_1');
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_', 'bc']);
    await expect(coll.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await expect(coll.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await coll.dropIndexes();
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_']);
    await expect(db.collection('never_created').indexes()).rejects.toMatchObject({ code: 26 });
  });
});

describe('TTL indexes', () => {
  it('removes expired documents', async () => {
    const sessions = db.collection('sessions');
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await sessions.insertMany([
      { sid: 'past', expiresAt: new Date(Date.now() - 1000) },
      { sid: 'soon', expiresAt: new Date(Date.now() + 300) },
      { sid: 'future', expiresAt: new Date(Date.now() + 60_000) },
      { sid: 'no-date', expiresAt: 'not a date' },
    ]);
    const sids = async () => (await sessions.find().toArray()).map((d) => d.sid);
    expect(await sids()).toEqual(['soon', 'future', 'no-date']);
    await eventually(async () => (await sids()).length === 2);
    expect(await sids()).toEqual(['future', 'no-date']);
  });
});
