/**
 * Read commands: find, count, distinct, aggregate.
 *
 * Results are computed in full, copied (so later writes cannot change what a
 * cursor returns) and parked in the cursor registry for getMore. Aggregation
 * runs on mingo over copies; `$lookup`/`$graphLookup`/`$unionWith` resolve
 * other collections of the same database. `$out` is done here since mingo
 * cannot write to storage; `$merge` is not supported.
 */
import { Aggregator } from 'mingo';
import { ObjectId } from 'bson';
import { CommandError, ErrorCode, toCommandError } from '../errors.js';
import { compileFilter, matchDocuments, projectDocuments, sortDocuments } from '../query.js';
import { assertValidCollectionName } from '../storage.js';
import { canonicalKey, deepClone, idFirst, isPlainObject, pathValues, type Doc } from '../values.js';
import { arrayArg, boolArg, collectionArg, cursorBatchSize, docArg, intArg, type CommandContext, type CommandHandler } from './context.js';

const find: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'find', ctx);
  const filter = docArg(cmd, 'find', 'filter') ?? {};
  const skip = intArg(cmd, 'find', 'skip') ?? 0;
  const rawLimit = intArg(cmd, 'find', 'limit', Number.MIN_SAFE_INTEGER) ?? 0;
  const batchSize = intArg(cmd, 'find', 'batchSize');
  // A negative limit is the legacy spelling of "limit + singleBatch".
  const singleBatch = (boolArg(cmd, 'find', 'singleBatch') ?? false) || rawLimit < 0;
  const limit = Math.abs(rawLimit);
  let docs = sortDocuments(matchDocuments(ctx.storage.collection(ctx.db, name), filter), docArg(cmd, 'find', 'sort'));
  docs = docs.slice(skip, limit > 0 ? skip + limit : undefined);
  const out = projectDocuments(docs, docArg(cmd, 'find', 'projection'));
  return ctx.cursors.open(`${ctx.db}.${name}`, out, { batchSize, singleBatch });
};

const count: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'count', ctx);
  const skip = intArg(cmd, 'count', 'skip') ?? 0;
  const limit = Math.abs(intArg(cmd, 'count', 'limit', Number.MIN_SAFE_INTEGER) ?? 0);
  const coll = ctx.storage.collection(ctx.db, name);
  const filter = docArg(cmd, 'count', 'query') ?? {};
  let n = Object.keys(filter).length === 0 ? (coll?.count ?? 0) : matchDocuments(coll, filter).length;
  n = Math.max(0, n - skip);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
};

const distinct: CommandHandler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'distinct', ctx);
  const key = cmd.key;
  if (typeof key !== 'string' || key.length === 0) {
    throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'distinct.key' is missing or not a non-empty string");
  }
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const doc of matchDocuments(ctx.storage.collection(ctx.db, name), docArg(cmd, 'distinct', 'query') ?? {})) {
    for (const v of pathValues(doc, key)) {
      const k = canonicalKey(v);
      if (seen.has(k)) continue;
      seen.add(k);
      values.push(deepClone(v));
    }
  }
  return { values, ok: 1 };
};

function stageName(stage: unknown, index: number): string {
  const keys = isPlainObject(stage) ? Object.keys(stage) : [];
  if (keys.length !== 1) {
    throw new CommandError(ErrorCode.FailedToParse, `A pipeline stage specification object must contain exactly one field (stage ${index}).`);
  }
  return keys[0] as string;
}

function runPipeline(ctx: CommandContext, collectionName: string | undefined, pipeline: Doc[], variables: Doc | undefined): Doc[] {
  // Leading $match stages filter the stored documents directly, so only survivors are copied.
  let start = 0;
  let source = collectionName === undefined ? [] : (ctx.storage.collection(ctx.db, collectionName)?.documents() ?? []);
  while (start < pipeline.length && isPlainObject(pipeline[start]?.$match) && collectionName !== undefined) {
    const query = compileFilter(pipeline[start]?.$match as Doc);
    source = source.filter((d) => query.test(d));
    start++;
  }
  const input = source.map((d) => deepClone(d));
  const rest = pipeline.slice(start);
  if (rest.length === 0) return input;
  try {
    const aggregator = new Aggregator(rest, {
      collectionResolver: (name: string) => (ctx.storage.collection(ctx.db, name)?.documents() ?? []).map((d) => deepClone(d)),
      ...(variables ? { variables } : {}),
    });
    return aggregator.run(input) as Doc[];
  } catch (err) {
    const e = toCommandError(err);
    const unknown = /unregistered pipeline operator (\$\w+)/.exec(e.message);
    if (unknown) throw new CommandError(40324, `Unrecognized pipeline stage name: '${unknown[1]}'`);
    throw e;
  }
}

/** `$out`: replaces the target collection's contents (keeping its indexes), all or nothing. */
function writeOut(ctx: CommandContext, spec: unknown, docs: Doc[]): void {
  const target = typeof spec === 'string' ? { db: ctx.db, coll: spec } : isPlainObject(spec) ? { db: spec.db ?? ctx.db, coll: spec.coll } : undefined;
  if (!target || typeof target.db !== 'string') throw new CommandError(ErrorCode.FailedToParse, '$out requires a collection name or {db, coll}');
  assertValidCollectionName(target.db, target.coll);
  const coll = ctx.storage.db(target.db).ensure(target.coll);
  const previous = coll.documents();
  coll.clear();
  try {
    for (const doc of docs) coll.insert(doc._id === undefined ? { _id: new ObjectId(), ...doc } : idFirst(doc));
  } catch (err) {
    coll.clear();
    for (const doc of previous) coll.insert(doc);
    throw err;
  }
}

const aggregate: CommandHandler = (cmd, ctx) => {
  const target = cmd.aggregate;
  const name = target === 1 ? undefined : collectionArg(cmd, 'aggregate', ctx);
  const pipeline = arrayArg(cmd, 'aggregate', 'pipeline', true) as Doc[];
  if (cmd.explain) throw new CommandError(ErrorCode.CommandNotSupported, 'explain is not supported by the embedded server');
  if (!isPlainObject(cmd.cursor)) {
    throw new CommandError(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  const names = pipeline.map(stageName);
  const mergeAt = names.indexOf('$merge');
  if (mergeAt >= 0) throw new CommandError(ErrorCode.CommandNotSupported, '$merge is not supported by the embedded server');
  const outAt = names.indexOf('$out');
  if (outAt >= 0 && outAt !== pipeline.length - 1) {
    throw new CommandError(40601, '$out can only be the final stage in the pipeline');
  }
  const ns = name === undefined ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${name}`;
  const batchSize = cursorBatchSize(cmd, 'aggregate');
  if (outAt >= 0) {
    const docs = runPipeline(ctx, name, pipeline.slice(0, outAt), docArg(cmd, 'aggregate', 'let'));
    writeOut(ctx, (pipeline[outAt] as Doc).$out, docs);
    return ctx.cursors.open(ns, [], { batchSize });
  }
  const docs = runPipeline(ctx, name, pipeline, docArg(cmd, 'aggregate', 'let'));
  return ctx.cursors.open(ns, docs, { batchSize });
};

export const readCommands: Record<string, CommandHandler> = { find, count, distinct, aggregate };
