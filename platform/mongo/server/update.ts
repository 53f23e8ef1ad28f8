/**
 * Update semantics shared by `update` and `findAndModify`: operator updates
 * ($set, $inc, ...), replacement documents and pipeline updates, plus building
 * the document an upsert inserts.
 *
 * mingo applies the operators; this module adds what mingo leaves to the
 * server: validating the spec the way mongod does (unknown modifiers,
 * conflicting paths, type mismatches), `$setOnInsert`, keeping `_id`
 * immutable and first, and never mutating the stored document.
 */
import { update as mingoUpdate, updateOne as mingoUpdateOne } from 'mingo';
import type { Modifier, PipelineStage } from 'mingo/updater';
import { ObjectId } from 'bson';
import { CommandError, ErrorCode, toCommandError } from './errors.js';
import { bsonTypeName, canonicalKey, deepClone, formatValue, getPath, idFirst, isNumeric, isPlainObject, setPath, type Doc } from './values.js';

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$rename', '$min', '$max', '$currentDate',
  '$push', '$addToSet', '$pull', '$pullAll', '$pop', '$bit', '$setOnInsert',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

/** Classifies and validates an update spec (the `u` of an update statement). */
export function updateKind(u: unknown): UpdateKind {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const op = isPlainObject(stage) ? Object.keys(stage) : [];
      if (op.length !== 1 || !PIPELINE_STAGES.has(op[0] as string)) {
        throw new CommandError(ErrorCode.BadValue, `${op[0] ?? 'stage'} is not allowed to be used within an update`);
      }
    }
    return 'pipeline';
  }
  if (!isPlainObject(u)) throw new CommandError(ErrorCode.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length === 0 || !(keys[0] as string).startsWith('$')) {
    const dollar = keys.find((k) => k.startsWith('$'));
    if (dollar) {
      throw new CommandError(ErrorCode.DollarPrefixedFieldName, `The dollar ($) prefixed field '${dollar}' in '${dollar}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`);
    }
    return 'replacement';
  }
  const paths: string[] = [];
  for (const op of keys) {
    if (!OPERATORS.has(op)) {
      throw new CommandError(ErrorCode.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    const arg = u[op];
    if (!isPlainObject(arg)) {
      throw new CommandError(ErrorCode.FailedToParse, `Modifiers operate on fields but we found type ${bsonTypeName(arg)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(arg)}}`);
    }
    for (const [path, value] of Object.entries(arg)) {
      if (path === '' || path.startsWith('.') || path.endsWith('.') || path.includes('..')) {
        throw new CommandError(ErrorCode.BadValue, `The update path '${path}' contains an empty field name, which is not allowed.`);
      }
      if ((op === '$inc' || op === '$mul') && !isNumeric(value)) {
        throw new CommandError(ErrorCode.TypeMismatch, `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(value)}}`);
      }
      paths.push(path);
      if (op === '$rename') {
        if (typeof value !== 'string') throw new CommandError(ErrorCode.BadValue, `The 'to' field for $rename must be a string: ${path}: ${formatValue(value)}`);
        paths.push(value);
      }
    }
  }
  // mongod refuses two operators touching the same path or a path and its prefix.
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as string;
    const b = sorted[i] as string;
    if (a === b || b.startsWith(`${a}.`)) {
      throw new CommandError(ErrorCode.ConflictingUpdateOperators, `Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
  return 'operators';
}

export interface ApplyOptions {
  arrayFilters?: Doc[] | undefined;
  /** The statement's filter; lets mingo resolve the positional `$` operator. */
  condition?: Doc | undefined;
  /** True when building an upsert's new document: `$setOnInsert` applies. */
  inserting?: boolean;
}

function immutableIdError(after: unknown): CommandError {
  return new CommandError(ErrorCode.ImmutableField, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(after)}`);
}

/** Checks existing values that mingo would silently mishandle. */
function checkOperandTypes(doc: Doc, spec: Doc): void {
  for (const [op, arg] of Object.entries(spec)) {
    for (const path of Object.keys(arg as Doc)) {
      if (path.includes('$')) continue;
      const current = getPath(doc, path);
      if (current === undefined) continue;
      if ((op === '$inc' || op === '$mul') && !isNumeric(current)) {
        throw new CommandError(ErrorCode.TypeMismatch, `Cannot apply ${op} to a value of non-numeric type. {_id: ${formatValue(doc._id)}} has the field '${path}' of non-numeric type ${bsonTypeName(current)}`);
      }
      if (ARRAY_OPERATORS.has(op) && !Array.isArray(current)) {
        throw new CommandError(ErrorCode.BadValue, `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document {_id: ${formatValue(doc._id)}}`);
      }
    }
  }
}

/** mingo's $addToSet keeps duplicates inside a single `$each`; mongod does not. */
function dedupeAddToSet(spec: Doc): void {
  const arg = spec.$addToSet;
  if (!isPlainObject(arg)) return;
  for (const v of Object.values(arg)) {
    if (isPlainObject(v) && Array.isArray(v.$each)) {
      const seen = new Set<string>();
      v.$each = v.$each.filter((x: unknown) => {
        const k = canonicalKey(x);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }
  }
}

/** Returns the updated copy of `doc`; `doc` itself is never modified. */
export function applyUpdate(doc: Doc, u: unknown, options: ApplyOptions = {}): Doc {
  const kind = updateKind(u);
  const originalId = doc._id;
  let next: Doc;
  if (kind === 'replacement') {
    next = deepClone(u as Doc);
    if ('_id' in next && originalId !== undefined && canonicalKey(next._id) !== canonicalKey(originalId)) throw immutableIdError(next._id);
    if (originalId !== undefined) next._id = originalId;
  } else if (kind === 'pipeline') {
    const docs = [deepClone(doc)];
    try {
      mingoUpdateOne(docs, {}, deepClone(u) as PipelineStage[], { cloneMode: 'deep' });
    } catch (err) {
      throw toCommandError(err);
    }
    next = docs[0] as Doc;
  } else {
    const spec = deepClone(u as Doc);
    const onInsert = spec.$setOnInsert as Doc | undefined;
    delete spec.$setOnInsert;
    if (options.inserting && onInsert) spec.$set = { ...((spec.$set as Doc | undefined) ?? {}), ...onInsert };
    dedupeAddToSet(spec);
    checkOperandTypes(doc, spec);
    next = deepClone(doc);
    if (Object.keys(spec).length > 0) {
      try {
        mingoUpdate(next, spec as Modifier<Doc>, options.arrayFilters, options.inserting ? undefined : options.condition, { cloneMode: 'deep' });
      } catch (err) {
        throw toCommandError(err);
      }
    }
  }
  if (originalId !== undefined && canonicalKey(next._id) !== canonicalKey(originalId)) throw immutableIdError(next._id);
  if (Array.isArray(next._id)) throw new CommandError(ErrorCode.InvalidIdField, "The '_id' value cannot be of type array");
  return idFirst(next);
}

/**
 * The starting document of an upsert: equality conditions of the filter
 * (`{a: 1}`, `{a: {$eq: 1}}`, inside `$and`), as mongod seeds them.
 */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const visit = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k.startsWith('$') || v instanceof RegExp) continue;
      if (isPlainObject(v) && Object.keys(v).some((op) => op.startsWith('$'))) {
        if ('$eq' in v && Object.keys(v).length === 1) setPath(seed, k, deepClone(v.$eq));
        continue;
      }
      setPath(seed, k, deepClone(v));
    }
  };
  visit(filter);
  return seed;
}

/** The document an upsert inserts when nothing matched. */
export function buildUpsertDocument(filter: Doc, u: unknown, arrayFilters?: Doc[]): Doc {
  const kind = updateKind(u);
  const seed = upsertSeed(filter);
  let doc: Doc;
  if (kind === 'replacement') {
    doc = deepClone(u as Doc);
    if (!('_id' in doc) && '_id' in seed) doc = { _id: seed._id, ...doc };
  } else {
    doc = applyUpdate(seed, u, { arrayFilters, inserting: true });
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  if (Array.isArray(doc._id)) throw new CommandError(ErrorCode.InvalidIdField, "The '_id' value cannot be of type array");
  return idFirst(doc);
}
