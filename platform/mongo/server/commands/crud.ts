/**
 * Write commands: insert, update, delete, findAndModify.
 *
 * insert/update/delete report per-statement failures in `writeErrors` with
 * `ok: 1`, exactly like mongod, so the driver raises MongoServerError /
 * MongoBulkWriteError with the statement's code. `ordered` (the default)
 * stops at the first failure; unordered carries on. findAndModify fails as a
 * whole, with the error at the top level.
 */
import { ObjectId } from 'bson';
import { CommandError, ErrorCode, writeError } from '../errors.js';
import { matchDocuments, projectDocuments, sortDocuments } from '../query.js';
import type { Collection } from '../storage.js';
import { applyUpdate, buildUpsertDocument, updateKind } from '../update.js';
import { canonicalKey, idFirst, isPlainObject, type Doc } from '../values.js';
import { arrayArg, boolArg, collectionArg, docArg, intArg, type CommandContext, type CommandHandler } from './context.js';

function prepareForInsert(doc: unknown): Doc {
  if (!isPlainObject(doc)) throw new CommandError(ErrorCode.BadValue, 'document to insert must be an object');
  if (!('_id' in doc) || doc._id === undefined) return { _id: new ObjectId(), ...doc };
  if (Array.isArray(doc._id)) throw new CommandError(ErrorCode.InvalidIdField, "The '_id' value cannot be of type array");
  if (doc._id instanceof RegExp) throw new CommandError(ErrorCode.InvalidIdField, "The '_id' value cannot be of type regex");
  return idFirst(doc);
}

/** Runs statements in order, collecting write errors; stops at the first if ordered. */
function runStatements(statements: unknown[], ordered: boolean, run: (stmt: unknown, index: number) => void): Doc[] {
  const errors: Doc[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      run(statements[i], i);
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  return errors;
}

function withWriteErrors(reply: Doc, errors: Doc[]): Doc {
  return errors.length > 0 ? { ...reply, writeErrors: errors, ok: 1 } : { ...reply, ok: 1 };
}

const insert: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'insert', ctx);
  const documents = arrayArg(cmd, 'insert', 'documents', true) as unknown[];
  const ordered = boolArg(cmd, 'insert', 'ordered') ?? true;
  const coll = ctx.storage.db(ctx.db).ensure(name);
  let n = 0;
  const errors = runStatements(documents, ordered, (doc) => {
    coll.insert(prepareForInsert(doc));
    n++;
  });
  return withWriteErrors({ n }, errors);
};

/** Applies one update to a stored document and saves the result if anything changed. */
function updateStored(coll: Collection, doc: Doc, u: unknown, filter: Doc, arrayFilters: Doc[] | undefined): { next: Doc; modified: boolean } {
  const next = applyUpdate(doc, u, { arrayFilters, condition: filter });
  const modified = canonicalKey(next) !== canonicalKey(doc);
  if (modified) coll.replace(next);
  return { next, modified };
}

const update: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'update', ctx);
  const updates = arrayArg(cmd, 'update', 'updates', true) as unknown[];
  const ordered = boolArg(cmd, 'update', 'ordered') ?? true;
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const errors = runStatements(updates, ordered, (stmt, index) => {
    if (!isPlainObject(stmt)) throw new CommandError(ErrorCode.TypeMismatch, 'update statement must be an object');
    const filter = docArg(stmt, 'update.updates', 'q') ?? {};
    const u = stmt.u;
    if (u === undefined) throw new CommandError(ErrorCode.Location40414, "BSON field 'update.updates.u' is missing but a required field");
    const kind = updateKind(u);
    const multi = boolArg(stmt, 'update.updates', 'multi') ?? false;
    const upsert = boolArg(stmt, 'update.updates', 'upsert') ?? false;
    const arrayFilters = arrayArg(stmt, 'update.updates', 'arrayFilters') as Doc[] | undefined;
    if (multi && kind === 'replacement') throw new CommandError(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');

    const existing = ctx.storage.collection(ctx.db, name);
    let matches = sortDocuments(matchDocuments(existing, filter), docArg(stmt, 'update.updates', 'sort'));
    if (!multi) matches = matches.slice(0, 1);
    if (matches.length > 0 && existing) {
      for (const doc of matches) {
        n++;
        if (updateStored(existing, doc, u, filter, arrayFilters).modified) nModified++;
      }
      return;
    }
    if (!upsert) return;
    const doc = buildUpsertDocument(filter, u, arrayFilters);
    ctx.storage.db(ctx.db).ensure(name).insert(doc);
    n++;
    upserted.push({ index, _id: doc._id });
  });
  return withWriteErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, errors);
};

const del: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'delete', ctx);
  const deletes = arrayArg(cmd, 'delete', 'deletes', true) as unknown[];
  const ordered = boolArg(cmd, 'delete', 'ordered') ?? true;
  let n = 0;
  const errors = runStatements(deletes, ordered, (stmt) => {
    if (!isPlainObject(stmt)) throw new CommandError(ErrorCode.TypeMismatch, 'delete statement must be an object');
    const filter = docArg(stmt, 'delete.deletes', 'q') ?? {};
    const limit = intArg(stmt, 'delete.deletes', 'limit') ?? 0;
    if (limit !== 0 && limit !== 1) throw new CommandError(ErrorCode.FailedToParse, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
    const coll = ctx.storage.collection(ctx.db, name);
    if (!coll) return;
    let matches = matchDocuments(coll, filter);
    if (limit === 1) matches = matches.slice(0, 1);
    for (const doc of matches) if (coll.remove(doc)) n++;
  });
  return withWriteErrors({ n }, errors);
};

function findAndModifyImpl(cmd: Doc, ctx: CommandContext, command: string): Doc {
  const name = collectionArg(cmd, command, ctx);
  const filter = docArg(cmd, command, 'query') ?? {};
  const sort = docArg(cmd, command, 'sort');
  const fields = docArg(cmd, command, 'fields');
  const remove = boolArg(cmd, command, 'remove') ?? false;
  const returnNew = boolArg(cmd, command, 'new') ?? false;
  const upsert = boolArg(cmd, command, 'upsert') ?? false;
  const arrayFilters = arrayArg(cmd, command, 'arrayFilters') as Doc[] | undefined;
  const u = cmd.update;
  if (remove && u !== undefined) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
  if (!remove && u === undefined) throw new CommandError(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');
  if (remove && upsert) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both upsert=true and remove=true');
  if (remove && returnNew) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both new=true and remove=true; \'remove\' always returns the deleted document');
  if (u !== undefined) updateKind(u);

  const shape = (doc: Doc | undefined): Doc | null => (doc ? (projectDocuments([doc], fields)[0] as Doc) : null);
  const existing = ctx.storage.collection(ctx.db, name);
  const found = sortDocuments(matchDocuments(existing, filter), sort)[0];

  if (remove) {
    if (found && existing) existing.remove(found);
    return { lastErrorObject: { n: found ? 1 : 0 }, value: shape(found), ok: 1 };
  }
  if (found && existing) {
    const { next } = updateStored(existing, found, u, filter, arrayFilters);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(returnNew ? next : found), ok: 1 };
  }
  if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const doc = buildUpsertDocument(filter, u, arrayFilters);
  ctx.storage.db(ctx.db).ensure(name).insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: returnNew ? shape(doc) : null,
    ok: 1,
  };
}

export const crudCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: del,
  findAndModify: (cmd, ctx) => findAndModifyImpl(cmd, ctx, 'findAndModify'),
  findandmodify: (cmd, ctx) => findAndModifyImpl(cmd, ctx, 'findandmodify'),
};
