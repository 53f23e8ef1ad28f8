/**
 * Opaque keyset cursors of the connections of the library, analytics (`recentlyPlayed`) and any
 * subgraph paging rows of its own store: base64url of a JSON array whose first element names the
 * list kind (`items`, `playlists`, `recentlyPlayed`, …) and the rest the sort key of the last row
 * seen (a position; an `updated_at` and id). Moved here from the library when analytics needed it. Keyset rather than offset, so a page costs one indexed query
 * however deep it is. A cursor of another kind, or anything that is not one of ours, is
 * BAD_USER_INPUT naming the argument. Cursors are not secrets, so they carry no signature.
 */
import { z } from 'zod';
import { badInput } from '../../platform/errors.js';
import { parseInput } from '../../platform/graphql/inputs.js';

export function encodeCursor(kind: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

/** The key in `cursor`, checked against `key`; null without a cursor. */
export function decodeCursor<T extends readonly [z.ZodType, ...z.ZodType[]]>(
  cursor: string | null | undefined,
  kind: string,
  key: T,
  field = 'after',
): z.output<z.ZodTuple<T>> | null {
  if (cursor === null || cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = cursor.length <= 200 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  } catch {
    parsed = null;
  }
  const decoded = z.tuple([z.literal(kind), ...key]).safeParse(parsed);
  if (!decoded.success) throw badInput(`${field}: not a cursor of this list`, field);
  return decoded.data.slice(1) as z.output<z.ZodTuple<T>>;
}

/** A cursor field holding a timestamp, as ISO text. */
export const cursorDate = z.iso.datetime().transform((value) => new Date(value));

export interface PageOf<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A connection page from rows fetched with `first + 1` (the extra row only says a next page exists). */
export function pageOf<T>(rows: readonly T[], first: number, cursorOf: (row: T) => string, hasPrevious: boolean): PageOf<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** One paged list: its cursor kind, the shape of its sort key, and its page sizes. */
export interface KeysetList<Row, Key extends readonly [z.ZodType, ...z.ZodType[]]> {
  kind: string;
  key: Key;
  keyOf(row: Row): readonly (string | number)[];
  defaultFirst: number;
  maxFirst: number;
}

/**
 * A connection page of `list`: checks `first` and `after`, and calls `fetch` with the decoded key
 * of the last row seen (null for the first page) and the page size; `fetch` returns up to
 * `first + 1` rows (the store's convention: one more means a next page).
 */
export async function keysetPage<Row, Key extends readonly [z.ZodType, ...z.ZodType[]]>(
  args: { first?: number | null; after?: string | null },
  list: KeysetList<Row, Key>,
  fetch: (after: z.output<z.ZodTuple<Key>> | null, first: number) => Promise<Row[]>,
): Promise<PageOf<Row>> {
  const { first, after } = parseInput(pageArgs(list.maxFirst), args);
  const key = decodeCursor(after, list.kind, list.key);
  const size = first ?? list.defaultFirst;
  const rows = await fetch(key, size);
  return pageOf(rows, size, (row) => encodeCursor(list.kind, list.keyOf(row)), key !== null);
}

/** `first` of a connection, bounded; `after` is checked by the cursor decoder. */
const pageArgs = (max: number) =>
  z.object({
    first: z.number().int().min(1, 'must be 1 or more').max(max, `must be at most ${max}`).nullish(),
    after: z.string().nullish(),
  });
