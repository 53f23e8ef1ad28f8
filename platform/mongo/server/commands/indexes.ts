/**
 * createIndexes, listIndexes, dropIndexes.
 *
 * Index semantics live in storage.ts (unique enforcement, TTL, sparse,
 * partialFilterExpression); here we only parse commands and shape replies
 * the way mongod does (listIndexes is a cursor and always includes `_id_`).
 */
import { CommandError, ErrorCode } from '../errors.js';
import type { IndexSpec } from '../storage.js';
import { isPlainObject } from '../values.js';
import { arrayArg, collectionArg, cursorBatchSize, type CommandHandler } from './context.js';

const createIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'createIndexes', ctx);
  const specs = arrayArg(cmd, 'createIndexes', 'indexes', true) as unknown[];
  if (specs.length === 0) throw new CommandError(ErrorCode.BadValue, 'Must specify at least one index to create');
  for (const spec of specs) {
    if (!isPlainObject(spec) || !isPlainObject(spec.key)) {
      throw new CommandError(ErrorCode.FailedToParse, "BSON field 'createIndexes.indexes.key' is missing but a required field");
    }
  }
  const db = ctx.storage.db(ctx.db);
  const createdCollectionAutomatically = !db.get(name);
  const coll = db.ensure(name);
  const numIndexesBefore = coll.indexCount;
  let created = 0;
  try {
    for (const spec of specs) if (coll.createIndex(spec as IndexSpec)) created++;
  } catch (err) {
    if (createdCollectionAutomatically && coll.count === 0) db.drop(name);
    throw err;
  }
  return {
    numIndexesBefore,
    numIndexesAfter: coll.indexCount,
    createdCollectionAutomatically,
    ...(created === 0 ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

const listIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'listIndexes', ctx);
  const coll = ctx.storage.collection(ctx.db, name);
  if (!coll) throw new CommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  return ctx.cursors.open(`${ctx.db}.$cmd.listIndexes.${name}`, coll.indexSpecs(), { batchSize: cursorBatchSize(cmd, 'listIndexes') });
};

const dropIndexes: CommandHandler = (cmd, ctx) => {
  const command = Object.keys(cmd)[0] as string;
  const name = collectionArg(cmd, command, ctx);
  const coll = ctx.storage.collection(ctx.db, name);
  if (!coll) throw new CommandError(ErrorCode.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = coll.indexCount;
  const target = cmd.index;
  if (target === '*') coll.dropAllIndexes();
  else if (Array.isArray(target)) {
    for (const n of target) if (typeof n !== 'string') throw new CommandError(ErrorCode.TypeMismatch, 'index names must be strings');
    for (const n of target as string[]) coll.dropIndex(n);
  } else if (typeof target === 'string' || isPlainObject(target)) coll.dropIndex(target);
  else throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'dropIndexes.index' must be a string, an array of strings or an object");
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, CommandHandler> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
