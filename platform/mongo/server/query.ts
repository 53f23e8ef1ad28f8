/**
 * Read-side building blocks over a collection's stored documents: filter
 * (mingo Query), sort (BSON order, arrays sort by their min/max element like
 * mongod), and projection (mingo, with field order restored to document order
 * because mingo emits projected fields in projection order).
 *
 * Functions here return stored objects where noted; copy before replying.
 */
import { find as mingoFind, Query } from 'mingo';
import { CommandError, ErrorCode, toCommandError } from './errors.js';
import type { Collection } from './storage.js';
import { compareValues, deepClone, isPlainObject, pathValues, type Doc } from './values.js';

function isIdLookup(filter: Doc): boolean {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return false;
  const v = filter._id;
  if (v instanceof RegExp || Array.isArray(v)) return false;
  return !(isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$')));
}

export function compileFilter(filter: Doc): Query {
  try {
    return new Query(filter);
  } catch (err) {
    throw toCommandError(err);
  }
}

/** Matching stored documents (not copies), in insertion order. */
export function matchDocuments(coll: Collection | undefined, filter: Doc = {}): Doc[] {
  if (isIdLookup(filter)) {
    const doc = coll?.findById(filter._id);
    return doc ? [doc] : [];
  }
  if (Object.keys(filter).length === 0) return coll?.documents() ?? [];
  // Compiled even for a missing collection so a bad filter is always reported.
  const query = compileFilter(filter);
  const docs = coll?.documents() ?? [];
  try {
    return docs.filter((d) => query.test(d));
  } catch (err) {
    throw toCommandError(err);
  }
}

/** Stable sort by a `{field: 1 | -1}` spec; `$natural` means insertion order. */
export function sortDocuments(docs: Doc[], sort: Doc | undefined): Doc[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const keys = Object.entries(sort).map(([path, dir]) => {
    const d = typeof dir === 'number' ? dir : Number(String(dir));
    if (d !== 1 && d !== -1) {
      throw new CommandError(ErrorCode.BadValue, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    }
    return { path, dir: d };
  });
  if (keys.length === 1 && keys[0]?.path === '$natural') return keys[0].dir === 1 ? docs : [...docs].reverse();
  const sortKey = (doc: Doc, path: string, dir: number): unknown => {
    const values = pathValues(doc, path);
    if (values.length === 0) return null;
    return values.reduce((best, v) => (compareValues(v, best) * dir < 0 ? v : best));
  };
  const rows = docs.map((doc) => ({ doc, k: keys.map(({ path, dir }) => sortKey(doc, path, dir)) }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.k[i], b.k[i]) * (keys[i] as { dir: number }).dir;
      if (c !== 0) return c;
    }
    return 0;
  });
  return rows.map((r) => r.doc);
}

function restoreOrder(projected: unknown, source: unknown): unknown {
  if (Array.isArray(projected) && Array.isArray(source) && projected.length === source.length) {
    return projected.map((p, i) => restoreOrder(p, source[i]));
  }
  if (!isPlainObject(projected) || !isPlainObject(source)) return projected;
  const out: Doc = {};
  for (const k of Object.keys(source)) if (k in projected) out[k] = restoreOrder(projected[k], source[k]);
  for (const k of Object.keys(projected)) if (!(k in out)) out[k] = projected[k];
  return out;
}

/** Copies of `docs`, projected. */
export function projectDocuments(docs: Doc[], projection: Doc | undefined): Doc[] {
  const copies = docs.map((d) => deepClone(d));
  if (!projection || Object.keys(projection).length === 0) return copies;
  try {
    const projected = mingoFind(copies, {}, projection).all() as Doc[];
    return projected.map((p, i) => restoreOrder(p, copies[i]) as Doc);
  } catch (err) {
    throw toCommandError(err);
  }
}
