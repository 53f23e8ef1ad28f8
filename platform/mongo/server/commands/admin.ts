/**
 * Namespace administration: listCollections, listDatabases, create, drop,
 * dropDatabase, renameCollection, dbStats.
 *
 * A database exists only while it holds a collection, as on mongod; drop of
 * a missing collection succeeds (MongoDB ≥ 7.0 behaviour).
 */
import { BSON } from 'bson';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter } from '../query.js';
import type { Collection } from '../storage.js';
import { deepClone, type Doc } from '../values.js';
import { boolArg, collectionArg, cursorBatchSize, docArg, type CommandContext, type CommandHandler } from './context.js';

/** Fields every command may carry that are not options of the command itself. */
const GENERIC_FIELDS = new Set([
  'lsid', 'txnNumber', 'autocommit', 'startTransaction', 'writeConcern', 'readConcern',
  'comment', 'maxTimeMS', 'apiVersion', 'apiStrict', 'apiDeprecationErrors',
]);

function optionsOf(cmd: Doc): Doc {
  const [, ...rest] = Object.keys(cmd);
  const out: Doc = {};
  for (const k of rest) if (!k.startsWith('$') && !GENERIC_FIELDS.has(k)) out[k] = deepClone(cmd[k]);
  return out;
}

function requireAdmin(command: string, ctx: CommandContext): void {
  if (ctx.db !== 'admin') throw new CommandError(ErrorCode.CommandNotSupported, `${command} may only be run against the admin database.`);
}

function dataSize(coll: Collection): number {
  return coll.documents().reduce((sum, d) => sum + BSON.calculateObjectSize(d), 0);
}

const listCollections: CommandHandler = (cmd, ctx) => {
  const filter = docArg(cmd, 'listCollections', 'filter') ?? {};
  const nameOnly = boolArg(cmd, 'listCollections', 'nameOnly') ?? false;
  const query = compileFilter(filter);
  const entries = Array.from(ctx.storage.db(ctx.db).collections.values(), (coll): Doc => ({
    name: coll.name,
    type: 'collection',
    options: deepClone(coll.options),
    info: { readOnly: false, uuid: coll.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }))
    .filter((e) => query.test(e))
    .map((e) => (nameOnly ? { name: e.name, type: e.type } : e));
  return ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, entries, { batchSize: cursorBatchSize(cmd, 'listCollections') });
};

const listDatabases: CommandHandler = (cmd, ctx) => {
  requireAdmin('listDatabases', ctx);
  const nameOnly = boolArg(cmd, 'listDatabases', 'nameOnly') ?? false;
  const query = compileFilter(docArg(cmd, 'listDatabases', 'filter') ?? {});
  const databases = ctx.storage
    .databaseNames()
    .map((name): Doc => {
      const colls = Array.from(ctx.storage.db(name).collections.values());
      return { name, sizeOnDisk: colls.reduce((s, c) => s + dataSize(c), 0), empty: colls.every((c) => c.count === 0) };
    })
    .filter((d) => query.test(d));
  if (nameOnly) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
  const totalSize = databases.reduce((s, d) => s + (d.sizeOnDisk as number), 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
};

const create: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'create', ctx);
  const db = ctx.storage.db(ctx.db);
  if (db.get(name)) throw new CommandError(ErrorCode.NamespaceExists, `Collection ${ctx.db}.${name} already exists.`);
  db.ensure(name, optionsOf(cmd));
  return { ok: 1 };
};

const drop: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'drop', ctx);
  const dropped = ctx.storage.db(ctx.db).drop(name);
  return dropped ? { nIndexesWas: dropped.indexCount, ns: dropped.ns, ok: 1 } : { ok: 1 };
};

const dropDatabase: CommandHandler = (_cmd, ctx) => {
  ctx.storage.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

function splitNamespace(ns: unknown, field: string): [string, string] {
  const dot = typeof ns === 'string' ? ns.indexOf('.') : -1;
  if (typeof ns !== 'string' || dot <= 0) throw new CommandError(ErrorCode.InvalidNamespace, `Invalid ${field} namespace: ${String(ns)}`);
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

const renameCollection: CommandHandler = (cmd, ctx) => {
  requireAdmin('renameCollection', ctx);
  const [fromDb, from] = splitNamespace(cmd.renameCollection, 'source');
  const [toDb, to] = splitNamespace(cmd.to, 'target');
  ctx.storage.renameCollection(fromDb, from, toDb, to, boolArg(cmd, 'renameCollection', 'dropTarget') ?? false);
  return { ok: 1 };
};

const dbStats: CommandHandler = (_cmd, ctx) => {
  const colls = Array.from(ctx.storage.db(ctx.db).collections.values());
  const objects = colls.reduce((s, c) => s + c.count, 0);
  const size = colls.reduce((s, c) => s + dataSize(c), 0);
  return {
    db: ctx.db,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? size / objects : 0,
    dataSize: size,
    storageSize: size,
    indexes: colls.reduce((s, c) => s + c.indexCount, 0),
    indexSize: 0,
    totalSize: size,
    scaleFactor: 1,
    ok: 1,
  };
};

export const adminCommands: Record<string, CommandHandler> = {
  listCollections,
  listDatabases,
  create,
  drop,
  dropDatabase,
  renameCollection,
  dbStats,
  dbstats: dbStats,
};
