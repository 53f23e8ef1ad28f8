/**
 * Windows over lists Spotify serves in fixed pages. A client asks for `first` items after a
 * position; the window is read from the canonical pages that cover it (offsets that are multiples
 * of the page size, so that every client shares the same cached pages): the first page alone,
 * since it says how long the list is, then the others at once. `reachable` caps how far Spotify
 * lets a list be paged (search: 1,000 items).
 */
import { encodeCursor } from './cursors.js';

export interface Page<T> {
  total: number;
  items: T[];
}

export interface Window<T> {
  /** The items in the window with their positions; null entries (Spotify sends some) are left out. */
  items: { position: number; item: T }[];
  start: number;
  /** Position after the window. */
  end: number;
  total: number;
  hasNextPage: boolean;
}

/** null: the list does not exist (Spotify has no such album or artist). */
export async function readWindow<T>(
  start: number,
  first: number,
  pageSize: number,
  reachable: number,
  page: (offset: number) => Promise<Page<T | null> | null>,
): Promise<Window<T> | null> {
  const align = (position: number) => Math.floor(position / pageSize) * pageSize;
  const firstOffset = Math.min(align(start), Math.max(0, align(reachable - 1)));
  const head = await page(firstOffset);
  if (!head) return null;
  const limit = Math.min(head.total, reachable);
  const end = Math.max(start, Math.min(start + first, limit));
  const offsets: number[] = [];
  for (let offset = firstOffset + pageSize; offset < end; offset += pageSize) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => page(offset)));
  const items: Window<T>['items'] = [];
  [head, ...rest].forEach((answer, index) => {
    const offset = index === 0 ? firstOffset : offsets[index - 1]!;
    answer?.items.forEach((item, at) => {
      const position = offset + at;
      if (item !== null && position >= start && position < end) items.push({ position, item });
    });
  });
  return { items, start, end, total: head.total, hasNextPage: end < limit };
}

/** A page of a Relay connection whose edges are `E` (a node and whatever the edge says about it). */
export interface Connection<E extends { node: unknown }> {
  edges: (E & { cursor: string })[];
  nodes: E['node'][];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * A Relay connection over a window. `endCursor` names the window's last position even when
 * Spotify left that item out, so `after: endCursor` always continues after this page.
 */
export function toConnection<T, E extends { node: unknown }>(list: string, window: Window<T>, edgeOf: (item: T, index: number) => E): Connection<E> {
  const edges = window.items.map(({ position, item }, index) => ({ ...edgeOf(item, index), cursor: encodeCursor(list, position) }));
  const empty = window.end <= window.start;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: window.hasNextPage,
      hasPreviousPage: window.start > 0,
      startCursor: empty ? null : encodeCursor(list, window.start),
      endCursor: empty ? null : encodeCursor(list, window.end - 1),
    },
    totalCount: window.total,
  };
}

export const emptyConnection = <E extends { node: unknown }>(): Connection<E> => ({
  edges: [],
  nodes: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: 0,
});
