/**
 * Server-side cursors. Results are computed eagerly and parked here; the
 * driver pulls them with getMore in batches and frees them with killCursors
 * (e.g. when a caller closes a cursor early).
 *
 * Batches follow mongod's defaults: 101 documents in the first batch, then
 * as many as fit, and never more than ~16 MB per reply. Idle cursors die after
 * 10 minutes as on a real server.
 */
import { BSON, Long } from 'bson';
import { CommandError, ErrorCode } from './errors.js';
import type { Doc } from './values.js';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
export const CURSOR_IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface ServerCursor {
  ns: string;
  docs: Doc[];
  position: number;
  lastUsed: number;
}

export interface BatchOptions {
  batchSize?: number | undefined;
  singleBatch?: boolean | undefined;
}

/** Cursor ids arrive as number (bson promotes small Longs) or Long. */
export function cursorIdOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v instanceof Long) return v.toNumber();
  return undefined;
}

export class CursorRegistry {
  private readonly cursors = new Map<number, ServerCursor>();

  get size(): number {
    return this.cursors.size;
  }

  /** Reply for find/aggregate/list*: `{cursor: {firstBatch, id, ns}, ok: 1}`. */
  open(ns: string, docs: Doc[], options: BatchOptions = {}): Doc {
    const cursor: ServerCursor = { ns, docs, position: 0, lastUsed: Date.now() };
    const firstBatch = takeBatch(cursor, options.batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0;
    if (!options.singleBatch && cursor.position < docs.length) {
      id = this.newId();
      this.cursors.set(id, cursor);
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  getMore(rawId: unknown, ns: string, batchSize: number | undefined): Doc {
    const id = cursorIdOf(rawId);
    const cursor = id === undefined ? undefined : this.cursors.get(id);
    if (id === undefined || !cursor) throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${String(rawId)} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${id} belongs to ${cursor.ns}, not ${ns}`);
    }
    cursor.lastUsed = Date.now();
    const nextBatch = takeBatch(cursor, batchSize && batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY);
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.cursors.delete(id);
    return { cursor: { nextBatch, id: Long.fromNumber(exhausted ? 0 : id), ns }, ok: 1 };
  }

  kill(rawIds: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of rawIds) {
      const id = cursorIdOf(raw);
      if (id !== undefined && this.cursors.delete(id)) killed.push(Long.fromNumber(id));
      else notFound.push(id === undefined ? Long.ZERO : Long.fromNumber(id));
    }
    return { killed, notFound };
  }

  expireIdle(now = Date.now()): void {
    for (const [id, cursor] of this.cursors) if (now - cursor.lastUsed > CURSOR_IDLE_TIMEOUT_MS) this.cursors.delete(id);
  }

  clear(): void {
    this.cursors.clear();
  }

  private newId(): number {
    let id: number;
    do id = Math.floor(Math.random() * (Number.MAX_SAFE_INTEGER - 1)) + 1;
    while (this.cursors.has(id));
    return id;
  }
}

function takeBatch(cursor: ServerCursor, limit: number): Doc[] {
  const batch: Doc[] = [];
  let bytes = 0;
  while (batch.length < limit && cursor.position < cursor.docs.length) {
    const doc = cursor.docs[cursor.position] as Doc;
    bytes += BSON.calculateObjectSize(doc);
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
    cursor.position++;
  }
  // Let the parked documents be garbage-collected as the cursor advances.
  if (cursor.position > 1024 && cursor.position * 2 > cursor.docs.length) {
    cursor.docs = cursor.docs.slice(cursor.position);
    cursor.position = 0;
  }
  return batch;
}
