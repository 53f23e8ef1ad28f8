/** Windows read from Spotify's fixed pages: which pages, in which order, and the page info. */
import { describe, expect, it } from 'vitest';
import { cursorPosition } from './cursors.js';
import { readWindow, toConnection, type Page } from './paging.js';

/** A list of `total` numbered items served in pages of `size`, recording the offsets asked for. */
function pages(total: number, size: number, hole?: number) {
  const asked: number[] = [];
  const page = async (offset: number): Promise<Page<number | null>> => {
    asked.push(offset);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => (offset + i === hole ? null : offset + i));
    return { total, items };
  };
  return { asked, page };
}

describe('readWindow', () => {
  it('reads 25 items from 0 in three pages of 10, the first alone', async () => {
    const list = pages(100, 10);
    const window = (await readWindow(0, 25, 10, 1000, list.page))!;
    expect(list.asked).toEqual([0, 10, 20]);
    expect(window.items.map((i) => i.item)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(window).toMatchObject({ start: 0, end: 25, total: 100, hasNextPage: true });
  });

  it('starts mid-page on the canonical page and stops at the end of the list', async () => {
    const list = pages(32, 10);
    const window = (await readWindow(25, 20, 10, 1000, list.page))!;
    expect(list.asked).toEqual([20, 30]);
    expect(window.items.map((i) => i.position)).toEqual([25, 26, 27, 28, 29, 30, 31]);
    expect(window.hasNextPage).toBe(false);
  });

  it('asks for one page when the list is shorter than the window', async () => {
    const list = pages(3, 10);
    expect((await readWindow(0, 50, 10, 1000, list.page))!.items).toHaveLength(3);
    expect(list.asked).toEqual([0]);
  });

  it('never reads past what Spotify lets a search reach', async () => {
    const list = pages(5000, 10);
    const window = (await readWindow(995, 20, 10, 1000, list.page))!;
    expect(list.asked).toEqual([990]);
    expect(window).toMatchObject({ end: 1000, hasNextPage: false, total: 5000 });
    const beyond = (await readWindow(1000, 20, 10, 1000, pages(5000, 10).page))!;
    expect(beyond.items).toEqual([]);
  });

  it('leaves out null entries but keeps positions', async () => {
    const window = (await readWindow(0, 5, 10, 1000, pages(10, 10, 2).page))!;
    expect(window.items.map((i) => i.position)).toEqual([0, 1, 3, 4]);
  });

  it('is null when the list does not exist', async () => {
    expect(await readWindow(0, 5, 10, 1000, async () => null)).toBeNull();
  });
});

describe('toConnection', () => {
  it('gives edges cursors of their positions and an endCursor at the window end', async () => {
    const window = (await readWindow(10, 5, 10, 1000, pages(100, 10, 14).page))!;
    const connection = toConnection('search:x', window, (item) => ({ node: item }));
    expect(connection.nodes).toEqual([10, 11, 12, 13]);
    expect(connection.edges.map((edge) => cursorPosition(edge.cursor))).toEqual([10, 11, 12, 13]);
    expect(cursorPosition(connection.pageInfo.endCursor!)).toBe(14); // the left-out item's position
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(connection.totalCount).toBe(100);
  });
});
