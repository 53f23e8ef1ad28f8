/**
 * BSON-aware value helpers shared by storage and commands: deep copies,
 * canonical keys (for _id lookup, unique indexes, distinct), dotted-path
 * access with MongoDB's array traversal, and shell-style formatting for
 * error messages.
 *
 * Values are whatever `bson.deserialize` produces: plain objects, arrays,
 * JS primitives, Date, RegExp and bson classes (ObjectId, Binary, Long...).
 */
import { Binary, EJSON } from 'bson';
import type { Document } from 'bson';

export type Doc = Document;

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function bsonTypeOf(v: object): string | undefined {
  const t = (v as { _bsontype?: unknown })._bsontype;
  return typeof t === 'string' ? t : undefined;
}

function setOwn(target: Doc, key: string, value: unknown): void {
  // A literal "__proto__" key would otherwise replace the prototype.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Deep copy; bson value classes other than Binary are immutable and shared. */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x: unknown) => deepClone(x)) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  if (v instanceof Binary) return new Binary(v.buffer.slice(0, v.position), v.sub_type) as T;
  if (ArrayBuffer.isView(v)) return Uint8Array.prototype.slice.call(v) as T;
  if (isPlainObject(v)) {
    const src: Doc = v;
    const out: Doc = {};
    for (const k of Object.keys(src)) setOwn(out, k, deepClone(src[k]));
    return out as T;
  }
  return v;
}

/** Returns a copy of `doc` with `_id` as its first field, as the server stores it. */
export function idFirst(doc: Doc): Doc {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const out: Doc = { _id: doc._id };
  for (const k of Object.keys(doc)) if (k !== '_id') setOwn(out, k, doc[k]);
  return out;
}

export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number') return true;
  if (v === null || typeof v !== 'object') return false;
  const t = bsonTypeOf(v);
  return t === 'Long' || t === 'Int32' || t === 'Double' || t === 'Decimal128';
}

/**
 * A string that is equal for values MongoDB considers equal (1, 1.0 and
 * Long(1) collide; "1" does not). Object key order matters, as in MongoDB.
 */
export function canonicalKey(v: unknown): string {
  if (v === undefined) return 'u';
  if (v === null) return 'z';
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? 'n:0' : `n:${v}`;
    case 'string':
      return `s:${JSON.stringify(v)}`;
    case 'boolean':
      return v ? 'b:1' : 'b:0';
    case 'bigint':
      return `n:${v}`;
    case 'object':
      break;
    default:
      return `?:${String(v)}`;
  }
  if (Array.isArray(v)) return `[${v.map(canonicalKey).join(',')}]`;
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (v instanceof RegExp) return `r:${v.source}/${v.flags}`;
  if (isPlainObject(v)) return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${canonicalKey(v[k])}`).join(',')}}`;
  const t = bsonTypeOf(v);
  if (t === 'ObjectId') return `o:${String(v)}`;
  if (t === 'Long' || t === 'Int32' || t === 'Double' || t === 'Decimal128') return `n:${Number(String(v))}`;
  if (v instanceof Binary) return `x:${v.sub_type}:${Buffer.from(v.buffer.subarray(0, v.position)).toString('base64')}`;
  try {
    return `${t ?? 'obj'}:${EJSON.stringify(v as Doc, { relaxed: false })}`;
  } catch {
    return `${t ?? 'obj'}:${String(v)}`;
  }
}

/** Plain dotted-path lookup without array traversal (numeric segments index arrays). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return undefined;
      cur = cur[Number(seg)];
    } else {
      cur = (cur as Doc)[seg];
    }
  }
  return cur;
}

/** Sets a dotted path, creating intermediate objects (used to seed upserts). */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const segs = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    const next = cur[seg];
    if (!isPlainObject(next)) {
      const created: Doc = {};
      setOwn(cur, seg, created);
      cur = created;
    } else {
      cur = next;
    }
  }
  setOwn(cur, segs[segs.length - 1] as string, value);
}

/**
 * All values a path reaches, expanding arrays the way MongoDB indexes and
 * `distinct` do: `{a: [{b: 1}, {b: 2}]}` at "a.b" yields [1, 2], and a
 * terminal array yields its elements. Missing paths yield nothing.
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (cur: unknown, segs: string[], i: number): void => {
    if (i === segs.length) {
      if (Array.isArray(cur)) out.push(...cur);
      else if (cur !== undefined) out.push(cur);
      return;
    }
    if (cur === null || typeof cur !== 'object') return;
    const seg = segs[i] as string;
    if (Array.isArray(cur)) {
      if (/^\d+$/.test(seg)) walk(cur[Number(seg)], segs, i + 1);
      else for (const el of cur) if (isPlainObject(el)) walk(el, segs, i);
      return;
    }
    if (!isPlainObject(cur)) return;
    walk(cur[seg], segs, i + 1);
  };
  walk(doc, path.split('.'), 0);
  return out;
}

/** Shell-like rendering used in server messages: `{ email: "x", n: 1 }`. */
export function formatValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return String(v);
  if (isPlainObject(v)) return formatDoc(v);
  const t = bsonTypeOf(v as object);
  if (t === 'ObjectId') return `ObjectId('${String(v)}')`;
  if (t === 'Long' || t === 'Int32' || t === 'Double' || t === 'Decimal128') return String(v);
  try {
    return EJSON.stringify(v as Doc);
  } catch {
    return String(v);
  }
}

export function formatDoc(doc: Doc): string {
  const keys = Object.keys(doc);
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((k) => `${k}: ${formatValue(doc[k])}`).join(', ')} }`;
}

/** Type name as the server's error messages spell it. */
export function bsonTypeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (isPlainObject(v)) return 'object';
  const t = bsonTypeOf(v as object);
  if (t === 'ObjectId') return 'objectId';
  if (t === 'Binary') return 'binData';
  return t ? t.toLowerCase() : typeof v;
}

/** BSON comparison order (MinKey < null < numbers < strings < objects < arrays < binData < ObjectId < bool < date < timestamp < regex < MaxKey). */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (isNumeric(v)) return 2;
  if (typeof v === 'string') return 3;
  if (typeof v === 'boolean') return 8;
  if (Array.isArray(v)) return 5;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (isPlainObject(v)) return 4;
  switch (bsonTypeOf(v as object)) {
    case 'MinKey':
      return 0;
    case 'BSONSymbol':
      return 3;
    case 'Binary':
      return 6;
    case 'ObjectId':
      return 7;
    case 'Timestamp':
      return 10;
    case 'BSONRegExp':
      return 11;
    case 'MaxKey':
      return 13;
    default:
      return 12;
  }
}

/** Total order over BSON values, as used by sort. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  const cmp = (x: number | string, y: number | string) => (x < y ? -1 : x > y ? 1 : 0);
  switch (ra) {
    case 2:
      return cmp(Number(String(a)), Number(String(b)));
    case 3:
      return cmp(String(a), String(b));
    case 7:
      return cmp(String(a), String(b));
    case 8:
      return cmp(Number(a), Number(b));
    case 9:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 5: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = compareValues(xs[i], ys[i]);
        if (c !== 0) return c;
      }
      return cmp(xs.length, ys.length);
    }
    case 4: {
      const ka = Object.keys(a as Doc);
      const kb = Object.keys(b as Doc);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareValues((a as Doc)[ka[i] as string], (b as Doc)[kb[i] as string]) || cmp(ka[i] as string, kb[i] as string);
        if (c !== 0) return c;
      }
      return cmp(ka.length, kb.length);
    }
    default:
      return cmp(canonicalKey(a), canonicalKey(b));
  }
}
