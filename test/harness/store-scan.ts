/**
 * A brute-force search of every store of the test stack for text that would identify someone (the
 * privacy e2e test's "nothing identifies the deleted user anywhere"): every table of the users,
 * library and analytics PostgreSQL databases (each row as text), every collection of the catalog
 * and lyrics MongoDB databases (each document as extended JSON), and every Redis key under the
 * stack's prefix, by name and by value (strings, hashes, sets, sorted sets, lists, streams).
 * Deliberately knows nothing of the schemas, so a table, collection or key added later is searched too.
 */
import { Redis } from 'ioredis';
import { EJSON } from 'bson';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { MONGO_SUBGRAPHS, POSTGRES_SUBGRAPHS } from '../../platform/services.js';
import { stack } from './client.js';

export interface Finding {
  store: string;
  where: string;
  needle: string;
  sample: string;
}

const lower = (text: string) => text.toLowerCase();

function find(store: string, where: string, text: string, needles: readonly string[], findings: Finding[]): void {
  const haystack = lower(text);
  for (const needle of needles) {
    const at = haystack.indexOf(lower(needle));
    if (at >= 0) findings.push({ store, where, needle, sample: text.slice(Math.max(0, at - 80), at + needle.length + 80) });
  }
}

export async function scanPostgres(needles: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const subgraph of POSTGRES_SUBGRAPHS) {
    const url = new URL(stack().databaseUrl);
    url.pathname = `/${stack().env.DATABASE_NAME_PREFIX}${subgraph}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ schema: string; name: string }>(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const { schema, name } of tables) {
        const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
        for (const { row } of rows) find(`postgres ${subgraph}`, `${schema}.${name}`, row, needles, findings);
      }
    } finally {
      await client.end();
    }
  }
  return findings;
}

export async function scanMongo(needles: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  const client = await MongoClient.connect(stack().env.MONGO_URL!);
  try {
    for (const subgraph of MONGO_SUBGRAPHS) {
      const db = client.db(`${stack().env.DATABASE_NAME_PREFIX}${subgraph}`);
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        for (const doc of await db.collection(name).find({}).toArray()) {
          find(`mongo ${subgraph}`, name, EJSON.stringify(doc, { relaxed: true }), needles, findings);
        }
      }
    }
  } finally {
    await client.close();
  }
  return findings;
}

export async function scanRedis(needles: readonly string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  const prefix = stack().env.REDIS_KEY_PREFIX ?? '';
  const redis = new Redis(stack().env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const keys = new Set<string>();
    for await (const batch of redis.scanStream({ match: `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`, count: 1000 })) {
      for (const key of batch as string[]) keys.add(key);
    }
    for (const key of keys) {
      find('redis', `key ${key}`, key, needles, findings);
      const type = await redis.type(key);
      let values: string[] = [];
      if (type === 'string') values = [(await redis.get(key)) ?? ''];
      else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
      else if (type === 'set') values = await redis.smembers(key);
      else if (type === 'zset') values = await redis.zrange(key, 0, -1);
      else if (type === 'list') values = await redis.lrange(key, 0, -1);
      else if (type === 'stream') values = ((await redis.xrange(key, '-', '+')) as [string, string[]][]).flatMap(([, fields]) => fields);
      for (const value of values) find('redis', `${type} ${key}`, value, needles, findings);
    }
  } finally {
    redis.disconnect();
  }
  return findings;
}

export async function scanEveryStore(needles: readonly string[]): Promise<Finding[]> {
  return [...(await scanPostgres(needles)), ...(await scanMongo(needles)), ...(await scanRedis(needles))];
}
