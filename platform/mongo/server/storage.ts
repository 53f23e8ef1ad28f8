/**
 * In-memory data model: MemoryStorage → Database → Collection → documents
 * plus indexes.
 *
 * Only unique indexes do real work (they keep a key → document map to reject
 * duplicates); other indexes are metadata so `listIndexes` round-trips. Queries
 * scan, which is fine at test/dev sizes. TTL indexes are honoured by
 * `sweepExpired()` (called periodically by the server) and lazily before every
 * read of a collection that has one, so reads never see expired documents.
 *
 * Ownership: `insert`/`replace` copy their input, and `documents()` returns the
 * stored objects themselves for matching — callers must copy before handing
 * them out (the command layer does).
 *
 * A MemoryStorage outlives servers: pass the same instance to a new server to
 * "restart" with the data intact.
 */
import { Query } from 'mingo';
import { UUID } from 'bson';
import { CommandError, ErrorCode } from './errors.js';
import { canonicalKey, deepClone, formatDoc, getPath, isPlainObject, pathValues, type Doc } from './values.js';

export const ID_INDEX_NAME = '_id_';

function invalidNamespace(message: string): CommandError {
  return new CommandError(ErrorCode.InvalidNamespace, message);
}

export function assertValidDbName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) throw invalidNamespace(`Invalid database name: '${String(name)}'`);
  if (name.length >= 64 || /[/\\. "$\0]/.test(name)) throw invalidNamespace(`Invalid database name: '${name}'`);
}

export function assertValidCollectionName(dbName: string, name: unknown): asserts name is string {
  if (typeof name !== 'string') throw invalidNamespace(`collection name has invalid type ${typeof name}`);
  if (name.length === 0) throw invalidNamespace(`Invalid namespace specified '${dbName}.'`);
  if (name.includes('\0') || name.includes('$') || name.startsWith('.')) {
    throw invalidNamespace(`Invalid collection name: ${name}`);
  }
}

/** What `createIndexes` accepts per index (extra options are kept verbatim). */
export interface IndexSpec extends Doc {
  key: Doc;
  name?: string;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Doc;
}

export function defaultIndexName(key: Doc): string {
  return Object.entries(key).map(([f, dir]) => `${f}_${String(dir)}`).join('_');
}

class Index {
  readonly name: string;
  readonly fields: string[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly ttlSeconds: number | undefined;
  private readonly partial: Query | undefined;
  /** Unique indexes only: canonical key tuple → canonical _id of its owner. */
  readonly entries = new Map<string, string>();

  constructor(readonly spec: Doc) {
    this.name = spec.name as string;
    this.fields = Object.keys(spec.key as Doc);
    this.unique = spec.unique === true && this.name !== ID_INDEX_NAME;
    this.sparse = spec.sparse === true;
    this.ttlSeconds = typeof spec.expireAfterSeconds === 'number' && this.fields.length === 1 ? spec.expireAfterSeconds : undefined;
    this.partial = isPlainObject(spec.partialFilterExpression) ? new Query(spec.partialFilterExpression) : undefined;
  }

  get keyPattern(): Doc {
    return deepClone(this.spec.key as Doc);
  }

  /** Key tuples a document contributes (several for array fields), or none if it is excluded. */
  keysFor(doc: Doc): Map<string, unknown[]> {
    const keys = new Map<string, unknown[]>();
    if (this.partial && !this.partial.test(doc)) return keys;
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.sparse && perField.every((vs) => vs.length === 0)) return keys;
    let tuples: unknown[][] = [[]];
    for (const vs of perField) {
      const options = vs.length === 0 ? [null] : vs;
      tuples = tuples.flatMap((t) => options.map((v) => [...t, v]));
    }
    for (const t of tuples) keys.set(t.map(canonicalKey).join('|'), t);
    return keys;
  }

  duplicateError(ns: string, values: unknown[]): CommandError {
    const keyValue: Doc = {};
    this.fields.forEach((f, i) => (keyValue[f] = values[i]));
    return new CommandError(
      ErrorCode.DuplicateKey,
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: ${formatDoc(keyValue)}`,
      { keyPattern: this.keyPattern, keyValue },
    );
  }
}

export class Collection {
  private readonly docs = new Map<string, Doc>();
  private readonly indexes = new Map<string, Index>();
  /** Earliest TTL expiry among stored documents (may be stale-early): lets purges skip the scan. */
  private nextExpiry = Number.POSITIVE_INFINITY;
  readonly uuid = new UUID();

  constructor(
    readonly dbName: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    this.indexes.set(ID_INDEX_NAME, new Index({ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME }));
  }

  get ns(): string {
    return `${this.dbName}.${this.name}`;
  }

  get count(): number {
    this.purgeExpired();
    return this.docs.size;
  }

  /** Stored documents in insertion order. Do not mutate them. */
  documents(): Doc[] {
    this.purgeExpired();
    return Array.from(this.docs.values());
  }

  findById(id: unknown): Doc | undefined {
    this.purgeExpired();
    return this.docs.get(canonicalKey(id));
  }

  /** Stores a copy of `doc`, which must already have an `_id`. */
  insert(doc: Doc): void {
    this.purgeExpired();
    const id = canonicalKey(doc._id);
    if (this.docs.has(id)) throw (this.indexes.get(ID_INDEX_NAME) as Index).duplicateError(this.ns, [doc._id]);
    const pending: Array<[Index, Map<string, unknown[]>]> = [];
    for (const index of this.uniqueIndexes()) {
      const keys = index.keysFor(doc);
      for (const [k, values] of keys) if (index.entries.has(k)) throw index.duplicateError(this.ns, values);
      pending.push([index, keys]);
    }
    for (const [index, keys] of pending) for (const k of keys.keys()) index.entries.set(k, id);
    this.docs.set(id, deepClone(doc));
    this.nextExpiry = Math.min(this.nextExpiry, this.expiryOf(doc));
  }

  /** Replaces the stored document with `_id` equal to `next._id`, keeping its position. */
  replace(next: Doc): void {
    const id = canonicalKey(next._id);
    const prev = this.docs.get(id);
    if (!prev) throw new CommandError(ErrorCode.InternalError, `document to replace not found in ${this.ns}`);
    const changes: Array<[Index, Map<string, unknown[]>, Map<string, unknown[]>]> = [];
    for (const index of this.uniqueIndexes()) {
      const before = index.keysFor(prev);
      const after = index.keysFor(next);
      for (const [k, values] of after) {
        const owner = index.entries.get(k);
        if (owner !== undefined && owner !== id) throw index.duplicateError(this.ns, values);
      }
      changes.push([index, before, after]);
    }
    for (const [index, before, after] of changes) {
      for (const k of before.keys()) if (index.entries.get(k) === id) index.entries.delete(k);
      for (const k of after.keys()) index.entries.set(k, id);
    }
    this.docs.set(id, deepClone(next));
    this.nextExpiry = Math.min(this.nextExpiry, this.expiryOf(next));
  }

  remove(doc: Doc): boolean {
    const id = canonicalKey(doc._id);
    const stored = this.docs.get(id);
    if (!stored) return false;
    for (const index of this.uniqueIndexes()) {
      for (const k of index.keysFor(stored).keys()) if (index.entries.get(k) === id) index.entries.delete(k);
    }
    this.docs.delete(id);
    return true;
  }

  clear(): void {
    this.docs.clear();
    for (const index of this.indexes.values()) index.entries.clear();
  }

  indexSpecs(): Doc[] {
    return Array.from(this.indexes.values(), (i) => deepClone(i.spec));
  }

  /**
   * Adds an index; returns false if an identical one exists. Mirrors the real
   * server's conflict rules: same name/different keys → 86, same keys/different
   * name → 85. Building a unique index over duplicates fails with 11000.
   */
  createIndex(input: IndexSpec): boolean {
    const key = input.key;
    if (!isPlainObject(key) || Object.keys(key).length === 0) {
      throw new CommandError(ErrorCode.BadValue, "Index keys cannot be an empty field");
    }
    for (const [field, dir] of Object.entries(key)) {
      const ok = dir === 1 || dir === -1 || typeof dir === 'string' || (typeof dir === 'number' && dir !== 0);
      if (!ok || field.length === 0) {
        throw new CommandError(ErrorCode.BadValue, `Values in the index key pattern can't be ${String(dir)}: ${formatDoc(key)}`);
      }
    }
    const name = typeof input.name === 'string' && input.name ? input.name : defaultIndexName(key);
    if (input.expireAfterSeconds !== undefined && (typeof input.expireAfterSeconds !== 'number' || input.expireAfterSeconds < 0)) {
      throw new CommandError(ErrorCode.InvalidOptions, 'TTL index \'expireAfterSeconds\' option must be a non-negative number');
    }
    const spec: Doc = { v: 2, key: deepClone(key), name };
    for (const [k, v] of Object.entries(input)) if (!['v', 'key', 'name', 'ns', 'background'].includes(k)) spec[k] = deepClone(v);
    if (spec.unique === false) delete spec.unique;
    const sameKey = (a: Doc, b: Doc) => canonicalKey(a) === canonicalKey(b);

    const byName = this.indexes.get(name);
    if (byName) {
      if (!sameKey(byName.spec.key as Doc, key)) {
        throw new CommandError(ErrorCode.IndexKeySpecsConflict, `An existing index has the same name as the requested index. Requested index: ${formatDoc(spec)}, existing index: ${formatDoc(byName.spec)}`);
      }
      const optionsOf = (s: Doc) => canonicalKey({ unique: s.unique === true, sparse: s.sparse === true, ttl: s.expireAfterSeconds, pfe: s.partialFilterExpression });
      if (name !== ID_INDEX_NAME && optionsOf(byName.spec) !== optionsOf(spec)) {
        throw new CommandError(ErrorCode.IndexOptionsConflict, `An equivalent index already exists with the same name but different options. Requested index: ${formatDoc(spec)}, existing index: ${formatDoc(byName.spec)}`);
      }
      return false;
    }
    for (const existing of this.indexes.values()) {
      if (sameKey(existing.spec.key as Doc, key) && canonicalKey(existing.spec.partialFilterExpression) === canonicalKey(spec.partialFilterExpression)) {
        throw new CommandError(ErrorCode.IndexOptionsConflict, `Index already exists with a different name: ${existing.name}`);
      }
    }
    const index = new Index(spec);
    if (index.unique) {
      for (const [id, doc] of this.docs) {
        for (const [k, values] of index.keysFor(doc)) {
          const owner = index.entries.get(k);
          if (owner !== undefined && owner !== id) throw index.duplicateError(this.ns, values);
          index.entries.set(k, id);
        }
      }
    }
    this.indexes.set(name, index);
    if (index.ttlSeconds !== undefined) for (const doc of this.docs.values()) this.nextExpiry = Math.min(this.nextExpiry, this.expiryOf(doc));
    return true;
  }

  /** Drops by name or key pattern; returns the dropped index name. */
  dropIndex(nameOrKey: string | Doc): string {
    let index: Index | undefined;
    if (typeof nameOrKey === 'string') index = this.indexes.get(nameOrKey);
    else index = Array.from(this.indexes.values()).find((i) => canonicalKey(i.spec.key) === canonicalKey(nameOrKey));
    if (!index) {
      const what = typeof nameOrKey === 'string' ? `index not found with name [${nameOrKey}]` : `can't find index with key: ${formatDoc(nameOrKey)}`;
      throw new CommandError(ErrorCode.IndexNotFound, what);
    }
    if (index.name === ID_INDEX_NAME) throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    this.indexes.delete(index.name);
    return index.name;
  }

  dropAllIndexes(): void {
    for (const name of this.indexes.keys()) if (name !== ID_INDEX_NAME) this.indexes.delete(name);
  }

  get indexCount(): number {
    return this.indexes.size;
  }

  /** Removes documents whose TTL field (a Date, or the earliest Date in an array) has expired. */
  purgeExpired(now = Date.now()): number {
    if (now < this.nextExpiry) return 0;
    let removed = 0;
    let next = Number.POSITIVE_INFINITY;
    for (const doc of Array.from(this.docs.values())) {
      const expiry = this.expiryOf(doc);
      if (expiry <= now) {
        if (this.remove(doc)) removed++;
      } else {
        next = Math.min(next, expiry);
      }
    }
    this.nextExpiry = next;
    return removed;
  }

  /** When `doc` expires under this collection's TTL indexes (Infinity if never). */
  private expiryOf(doc: Doc): number {
    let expiry = Number.POSITIVE_INFINITY;
    for (const index of this.indexes.values()) {
      if (index.ttlSeconds === undefined) continue;
      const v = getPath(doc, index.fields[0] as string);
      for (const d of Array.isArray(v) ? v : [v]) {
        if (d instanceof Date) expiry = Math.min(expiry, d.getTime() + index.ttlSeconds * 1000);
      }
    }
    return expiry;
  }

  private *uniqueIndexes(): Iterable<Index> {
    for (const index of this.indexes.values()) if (index.unique) yield index;
  }
}

export class Database {
  readonly collections = new Map<string, Collection>();

  constructor(readonly name: string) {}

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  /** Implicit creation, as inserts/upserts/createIndexes do on a real server. */
  ensure(name: string, options: Doc = {}): Collection {
    assertValidCollectionName(this.name, name);
    let coll = this.collections.get(name);
    if (!coll) {
      coll = new Collection(this.name, name, options);
      this.collections.set(name, coll);
    }
    return coll;
  }

  drop(name: string): Collection | undefined {
    const coll = this.collections.get(name);
    this.collections.delete(name);
    return coll;
  }
}

export class MemoryStorage {
  private readonly databases = new Map<string, Database>();

  /** The database object, created on demand; it only "exists" once it has a collection. */
  db(name: string): Database {
    assertValidDbName(name);
    let db = this.databases.get(name);
    if (!db) {
      db = new Database(name);
      this.databases.set(name, db);
    }
    return db;
  }

  collection(dbName: string, name: string): Collection | undefined {
    return this.databases.get(dbName)?.get(name);
  }

  /** Names of databases that hold at least one collection. */
  databaseNames(): string[] {
    return Array.from(this.databases.values())
      .filter((db) => db.collections.size > 0)
      .map((db) => db.name);
  }

  dropDatabase(name: string): boolean {
    const db = this.databases.get(name);
    this.databases.delete(name);
    return !!db && db.collections.size > 0;
  }

  renameCollection(fromDb: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    const source = this.collection(fromDb, from);
    if (!source) throw new CommandError(ErrorCode.NamespaceNotFound, `Source collection ${fromDb}.${from} does not exist`);
    const target = this.db(toDb);
    assertValidCollectionName(toDb, to);
    if (target.get(to)) {
      if (!dropTarget) throw new CommandError(ErrorCode.NamespaceExists, `target namespace exists`);
      target.drop(to);
    }
    const renamed = target.ensure(to, deepClone(source.options));
    for (const spec of source.indexSpecs()) if (spec.name !== ID_INDEX_NAME) renamed.createIndex(spec as IndexSpec);
    for (const doc of source.documents()) renamed.insert(doc);
    this.databases.get(fromDb)?.drop(from);
  }

  /** Runs every TTL index once; returns how many documents were removed. */
  sweepExpired(now = Date.now()): number {
    let removed = 0;
    for (const db of this.databases.values()) for (const coll of db.collections.values()) removed += coll.purgeExpired(now);
    return removed;
  }
}
