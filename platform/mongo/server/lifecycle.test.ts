import { connect, type Socket } from 'node:net';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from './index.js';

const clientOptions = { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 };

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met before deadline');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

describe('robustness', () => {
  let server: EmbeddedMongoServer;
  let client: MongoClient;

  beforeAll(async () => {
    server = await startEmbeddedMongo();
    client = await new MongoClient(server.url, clientOptions).connect();
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('drops a connection that sends garbage and keeps serving others', async () => {
    const garbage = [
      Buffer.from('this is not a mongo message at all!!'),
      // A well-formed header carrying an unknown opcode.
      Buffer.from([20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x39, 0x05, 0, 0, 1, 2, 3, 4]),
      // OP_MSG whose BSON body claims a size beyond the message.
      Buffer.from([26, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xdd, 0x07, 0, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0, 0]),
    ];
    for (const bytes of garbage) {
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(bytes);
      await closed(socket);
    }
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('serves many concurrent clients', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => new MongoClient(server.url, clientOptions).connect()));
    try {
      await Promise.all(
        clients.map((c, i) => c.db('concurrent').collection('hits').insertMany(Array.from({ length: 25 }, (_, j) => ({ client: i, j })))),
      );
      expect(await client.db('concurrent').collection('hits').countDocuments()).toBe(200);
      const perClient = await client
        .db('concurrent')
        .collection('hits')
        .aggregate([{ $group: { _id: '$client', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
        .toArray();
      expect(perClient).toEqual(Array.from({ length: 8 }, (_, i) => ({ _id: i, n: 25 })));
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});

describe('stop and restart', () => {
  it('fails operations while stopped and serves the same port again after restart', async () => {
    const first = await startEmbeddedMongo();
    const port = first.port;
    const client = await new MongoClient(first.url, clientOptions).connect();
    let second: EmbeddedMongoServer | undefined;
    try {
      await client.db('life').collection('c').insertOne({ v: 1 });

      await first.close();
      await expect(client.db('life').collection('c').findOne({})).rejects.toThrow();

      second = await startEmbeddedMongo({ port, storage: first.storage });
      expect(second.port).toBe(port);
      const fresh = await new MongoClient(second.url, clientOptions).connect();
      try {
        expect(await fresh.db('life').collection('c').findOne({}, { projection: { _id: 0 } })).toEqual({ v: 1 });
      } finally {
        await fresh.close();
      }
      // The old client reconnects on its own once the server is back.
      await eventually(async () => (await client.db('admin').command({ ping: 1 })).ok === 1);
    } finally {
      await client.close();
      await second?.close();
    }
  });

  it('starts empty without a storage and close() is idempotent', async () => {
    const server = await startEmbeddedMongo();
    const client = await new MongoClient(server.url, clientOptions).connect();
    expect(await client.db().admin().listDatabases({ nameOnly: true })).toMatchObject({ databases: [] });
    await client.close();
    await Promise.all([server.close(), server.close()]);
  });
});
