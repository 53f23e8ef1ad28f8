import { MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from './index.js';

let server: EmbeddedMongoServer;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  client = new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 });
  await client.connect();
  db = client.db('crud_test');
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

describe('handshake', () => {
  it('answers ping and buildInfo', async () => {
    expect(server.url).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\//);
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    const info = await client.db('admin').command({ buildInfo: 1 });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.ok).toBe(1);
  });
});

describe('insert and find', () => {
  const coll = () => db.collection<{ _id?: unknown; name: string; n: number; group?: string; nested?: { x: number } }>('people');

  beforeAll(async () => {
    await coll().insertOne({ name: 'ann', n: 3, group: 'a', nested: { x: 1 } });
    await coll().insertMany([
      { name: 'bob', n: 1, group: 'b' },
      { name: 'cid', n: 5, group: 'a' },
      { name: 'dee', n: 2, group: 'b' },
      { name: 'eve', n: 4, group: 'a' },
    ]);
  });

  it('generates ObjectId _ids and returns documents in insertion order', async () => {
    const docs = await coll().find().toArray();
    expect(docs.map((d) => d.name)).toEqual(['ann', 'bob', 'cid', 'dee', 'eve']);
    expect(docs[0]?._id).toBeInstanceOf(ObjectId);
  });

  it('keeps a caller-supplied _id and finds by it', async () => {
    await db.collection('ids').insertOne({ _id: 'custom' as never, v: 1 });
    expect(await db.collection('ids').findOne({ _id: 'custom' as never })).toEqual({ _id: 'custom', v: 1 });
  });

  it('filters, sorts, projects, skips and limits', async () => {
    const docs = await coll()
      .find({ group: 'a' }, { projection: { _id: 0, name: 1, n: 1 } })
      .sort({ n: -1 })
      .skip(1)
      .limit(1)
      .toArray();
    expect(docs).toEqual([{ name: 'eve', n: 4 }]);
    const ranged = await coll().find({ n: { $gte: 2, $lt: 5 } }).sort({ name: 1 }).toArray();
    expect(ranged.map((d) => d.name)).toEqual(['ann', 'dee', 'eve']);
    expect(await coll().findOne({ 'nested.x': 1 }, { projection: { nested: 1, _id: 0 } })).toEqual({ nested: { x: 1 } });
  });

  it('round-trips BSON types and protects stored documents from callers', async () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    const doc = { _id: new ObjectId(), when, list: [1, 'two', { three: 3 }] };
    await db.collection('types').insertOne(doc);
    doc.list.push('mutated');
    const found = await db.collection('types').findOne({ _id: doc._id });
    expect(found).toEqual({ _id: doc._id, when, list: [1, 'two', { three: 3 }] });
    expect(found?.when).toBeInstanceOf(Date);
  });
});

describe('cursors', () => {
  const coll = () => db.collection<{ i: number }>('many');

  beforeAll(async () => {
    await coll().insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
  });

  it('iterates a result larger than one batch with getMore', async () => {
    const seen: number[] = [];
    for await (const doc of coll().find({}, { batchSize: 20 }).sort({ i: 1 })) seen.push(doc.i);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('kills a cursor closed early', async () => {
    const cursor = coll().find({}, { batchSize: 10 });
    expect((await cursor.next())?.i).toBe(0);
    await cursor.close();
    const status = await client.db('admin').command({ serverStatus: 1 });
    expect(status.metrics.cursor.open.total).toBe(0);
  });

  it('rejects getMore on an unknown cursor', async () => {
    await expect(db.command({ getMore: 123456789, collection: 'many' })).rejects.toMatchObject({ code: 43 });
  });
});

interface UpdateDoc {
  _id: unknown;
  name: string;
  n?: number;
  tags?: string[];
  meta?: { seen: boolean };
  kind?: string;
  created?: boolean;
  replaced?: boolean;
  big?: boolean;
}

describe('updates and deletes', () => {
  const coll = () => db.collection<UpdateDoc>('updates');

  beforeAll(async () => {
    await coll().insertMany([
      { _id: 1 as never, name: 'a', n: 1, tags: ['x'] },
      { _id: 2 as never, name: 'b', n: 2, tags: [] },
      { _id: 3 as never, name: 'c', n: 3, tags: ['x', 'y'] },
    ]);
  });

  it('updateOne applies operators', async () => {
    const res = await coll().updateOne({ _id: 1 as never }, { $inc: { n: 10 }, $push: { tags: 'z' }, $set: { 'meta.seen': true } });
    expect(res).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await coll().findOne({ _id: 1 as never })).toEqual({ _id: 1, name: 'a', n: 11, tags: ['x', 'z'], meta: { seen: true } });
  });

  it('updateMany counts matched and modified documents', async () => {
    const res = await coll().updateMany({ tags: 'x' }, { $addToSet: { tags: 'y' }, $unset: { meta: '' } });
    // _id 3 already had 'y' and no meta: matched but not modified.
    expect(res).toMatchObject({ matchedCount: 2, modifiedCount: 1 });
    expect((await coll().findOne({ _id: 1 as never }))?.tags).toEqual(['x', 'z', 'y']);
    expect((await coll().findOne({ _id: 3 as never }))?.tags).toEqual(['x', 'y']);
    const noop = await coll().updateMany({ n: { $gt: 100 } }, { $set: { big: true } });
    expect(noop).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
  });

  it('upserts seed the new document with the filter equality fields', async () => {
    const res = await coll().updateOne({ name: 'new', kind: { $eq: 'k' } }, { $set: { n: 7 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(res.upsertedCount).toBe(1);
    expect(res.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await coll().findOne({ _id: res.upsertedId as never });
    expect(doc).toEqual({ _id: res.upsertedId, name: 'new', kind: 'k', n: 7, created: true });
    const again = await coll().updateOne({ name: 'new' }, { $set: { n: 8 }, $setOnInsert: { created: false } }, { upsert: true });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect((await coll().findOne({ name: 'new' }))?.created).toBe(true);
  });

  it('replaceOne keeps the _id', async () => {
    const res = await coll().replaceOne({ _id: 2 as never }, { name: 'b2', replaced: true });
    expect(res.modifiedCount).toBe(1);
    expect(await coll().findOne({ _id: 2 as never })).toEqual({ _id: 2, name: 'b2', replaced: true });
  });

  it('deleteOne and deleteMany', async () => {
    await db.collection('deletes').insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await db.collection('deletes').deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await db.collection('deletes').deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect(await db.collection('deletes').countDocuments()).toBe(1);
  });

  it('rejects invalid update operators and _id changes', async () => {
    await expect(coll().updateOne({ _id: 1 as never }, { $frobnicate: { n: 1 } } as never)).rejects.toMatchObject({ code: 9 });
    const err = await coll().updateOne({ _id: 1 as never }, { $set: { _id: 99 } } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(66);
    await expect(coll().replaceOne({ _id: 1 as never }, { _id: 5, x: 1 } as never)).rejects.toMatchObject({ code: 66 });
    await expect(coll().updateOne({ _id: 1 as never }, { $set: { a: 1 }, $inc: { a: 1 } } as never)).rejects.toMatchObject({ code: 40 });
    await expect(coll().updateOne({ _id: 1 as never }, { $inc: { name: 1 } } as never)).rejects.toMatchObject({ code: 14 });
    expect((await coll().findOne({ _id: 1 as never }))?.n).toBe(11);
  });
});

describe('findAndModify', () => {
  const coll = () => db.collection<{ _id: string; v: number; extra?: boolean }>('fam');

  beforeAll(async () => {
    await coll().insertMany([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 2 },
    ]);
  });

  it('findOneAndUpdate returns before or after', async () => {
    const before = await coll().findOneAndUpdate({ _id: 'a' }, { $inc: { v: 1 } }, { returnDocument: 'before' });
    expect(before).toEqual({ _id: 'a', v: 1 });
    const after = await coll().findOneAndUpdate({ _id: 'a' }, { $inc: { v: 1 } }, { returnDocument: 'after', projection: { v: 1, _id: 0 } });
    expect(after).toEqual({ v: 3 });
    expect(await coll().findOneAndUpdate({ _id: 'zzz' }, { $set: { v: 0 } })).toBeNull();
  });

  it('findOneAndUpdate honours sort and upsert', async () => {
    const top = await coll().findOneAndUpdate({}, { $set: { extra: true } }, { sort: { v: -1 }, returnDocument: 'after' });
    expect(top?._id).toBe('a');
    const created = await coll().findOneAndUpdate({ _id: 'c' }, { $set: { v: 9 } }, { upsert: true, returnDocument: 'after' });
    expect(created).toEqual({ _id: 'c', v: 9 });
    const meta = await coll().findOneAndUpdate({ _id: 'd' }, { $set: { v: 1 } }, { upsert: true, includeResultMetadata: true });
    expect(meta.value).toBeNull();
    expect(meta.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 'd' });
  });

  it('findOneAndReplace and findOneAndDelete', async () => {
    expect(await coll().findOneAndReplace({ _id: 'b' }, { v: 20 }, { returnDocument: 'after' })).toEqual({ _id: 'b', v: 20 });
    expect(await coll().findOneAndDelete({ _id: 'b' })).toEqual({ _id: 'b', v: 20 });
    expect(await coll().findOne({ _id: 'b' })).toBeNull();
    expect(await coll().findOneAndDelete({ _id: 'b' })).toBeNull();
  });
});

describe('aggregation and counting', () => {
  const coll = () => db.collection('sales');

  beforeAll(async () => {
    await coll().insertMany([
      { item: 'a', qty: 2, price: 10, tags: ['x', 'y'] },
      { item: 'b', qty: 1, price: 20, tags: ['y'] },
      { item: 'a', qty: 5, price: 10, tags: [] },
      { item: 'c', qty: 3, price: 5, tags: ['z'] },
    ]);
    await db.collection('items').insertMany([
      { _id: 'a' as never, label: 'Apple' },
      { _id: 'b' as never, label: 'Banana' },
    ]);
  });

  it('runs $match/$group/$sort/$project', async () => {
    const rows = await coll()
      .aggregate([
        { $match: { qty: { $gte: 1 } } },
        { $group: { _id: '$item', total: { $sum: { $multiply: ['$qty', '$price'] } }, count: { $sum: 1 } } },
        { $sort: { total: -1 } },
        { $project: { _id: 0, item: '$_id', total: 1, count: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { item: 'a', total: 70, count: 2 },
      { item: 'b', total: 20, count: 1 },
      { item: 'c', total: 15, count: 1 },
    ]);
  });

  it('runs $unwind, $count, $limit, $skip and $lookup', async () => {
    expect(await coll().aggregate([{ $unwind: '$tags' }, { $count: 'n' }]).toArray()).toEqual([{ n: 4 }]);
    const page = await coll().aggregate([{ $sort: { qty: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 0, qty: 1 } }]).toArray();
    expect(page).toEqual([{ qty: 2 }, { qty: 3 }]);
    const joined = await coll()
      .aggregate([{ $match: { item: 'b' } }, { $lookup: { from: 'items', localField: 'item', foreignField: '_id', as: 'info' } }, { $project: { _id: 0, item: 1, info: 1 } }])
      .toArray();
    expect(joined).toEqual([{ item: 'b', info: [{ _id: 'b', label: 'Banana' }] }]);
  });

  it('writes $out results to a collection', async () => {
    await coll().aggregate([{ $group: { _id: '$item', qty: { $sum: '$qty' } } }, { $sort: { _id: 1 } }, { $out: 'sales_by_item' }]).toArray();
    expect(await db.collection('sales_by_item').find().toArray()).toEqual([
      { _id: 'a', qty: 7 },
      { _id: 'b', qty: 1 },
      { _id: 'c', qty: 3 },
    ]);
  });

  it('streams large aggregate results through a cursor', async () => {
    await db.collection('aggbig').insertMany(Array.from({ length: 150 }, (_, i) => ({ i })));
    const rows = await db.collection('aggbig').aggregate([{ $sort: { i: -1 } }], { batchSize: 25 }).toArray();
    expect(rows).toHaveLength(150);
    expect(rows[0]?.i).toBe(149);
  });

  it('countDocuments, estimatedDocumentCount and distinct', async () => {
    expect(await coll().countDocuments()).toBe(4);
    expect(await coll().countDocuments({ item: 'a' })).toBe(2);
    expect(await coll().countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await coll().estimatedDocumentCount()).toBe(4);
    expect((await coll().distinct('item')).sort()).toEqual(['a', 'b', 'c']);
    expect((await coll().distinct('tags', { item: 'a' })).sort()).toEqual(['x', 'y']);
  });
});

describe('namespaces', () => {
  it('lists, drops collections and databases', async () => {
    const nsDb = client.db('ns_test');
    await nsDb.collection('one').insertOne({ a: 1 });
    await nsDb.createCollection('two');
    await expect(nsDb.createCollection('two')).rejects.toMatchObject({ code: 48 });
    const names = (await nsDb.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['one', 'two']);
    expect(await nsDb.listCollections({ name: 'one' }, { nameOnly: true }).toArray()).toEqual([{ name: 'one', type: 'collection' }]);
    const dbs = await client.db().admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain('ns_test');

    expect(await nsDb.collection('one').drop()).toBe(true);
    expect((await nsDb.listCollections().toArray()).map((c) => c.name)).toEqual(['two']);
    expect(await nsDb.collection('one').countDocuments()).toBe(0);

    expect(await nsDb.dropDatabase()).toBe(true);
    expect(await nsDb.listCollections().toArray()).toEqual([]);
    const after = await client.db().admin().listDatabases();
    expect(after.databases.map((d) => d.name)).not.toContain('ns_test');
  });

  it('keeps databases isolated', async () => {
    await client.db('iso_a').collection('c').insertOne({ from: 'a' });
    await client.db('iso_b').collection('c').insertOne({ from: 'b' });
    expect(await client.db('iso_a').collection('c').find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ from: 'a' }]);
    await client.db('iso_a').dropDatabase();
    expect(await client.db('iso_b').collection('c').countDocuments()).toBe(1);
  });
});

describe('errors', () => {
  it('rejects unknown commands with code 59', async () => {
    const err = await db.command({ foo: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    expect((err as Error).message).toBe("no such command: 'foo'");
  });

  it('rejects bad arguments instead of crashing', async () => {
    await expect(db.command({ insert: 5, documents: [{}] })).rejects.toMatchObject({ code: 73 });
    await expect(db.command({ insert: 'x' })).rejects.toMatchObject({ code: 40414 });
    await expect(db.command({ find: 'x', filter: 'nope' })).rejects.toMatchObject({ code: 14 });
    await expect(db.collection('x').find({ a: { $nope: 1 } }).toArray()).rejects.toMatchObject({ code: 2 });
    await expect(db.collection('x').aggregate([{ $nope: {} }]).toArray()).rejects.toBeInstanceOf(MongoServerError);
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});
