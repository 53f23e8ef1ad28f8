/** Cursors name a position in one list; anything else is BAD_USER_INPUT on the argument. */
import { describe, expect, it } from 'vitest';
import { cursorPosition, encodeCursor, startAfter } from './cursors.js';

const badInput = (field: string) => expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } });

describe('catalogue cursors', () => {
  it('are opaque base64url and continue after the position they name', () => {
    const cursor = encodeCursor('search:sia', 24);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('24');
    expect(cursorPosition(cursor)).toBe(24);
    expect(startAfter(cursor, 'search:sia', 'after', 999)).toBe(25);
    expect(startAfter(null, 'search:sia', 'after', 999)).toBe(0);
    expect(startAfter(undefined, 'search:sia', 'after', 999)).toBe(0);
  });

  it('refuses a cursor of another list', () => {
    expect(() => startAfter(encodeCursor('search:sia', 3), 'search:adele', 'after', 999)).toThrow(badInput('after'));
    // The shape alone is fine for a check that does not know the list yet.
    expect(startAfter(encodeCursor('search:sia', 3), null, 'after', 999)).toBe(4);
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['empty', ''],
    ['another format', Buffer.from('offset=20').toString('base64url')],
    ['a negative position', Buffer.from('c1:AAAAAAAA:-1').toString('base64url')],
    ['a leading zero', Buffer.from('c1:AAAAAAAA:020').toString('base64url')],
    ['an oversized value', 'A'.repeat(65)],
  ])('refuses %s', (_label, cursor) => {
    expect(cursorPosition(cursor)).toBeNull();
    expect(() => startAfter(cursor, 'search:sia', 'after', 999)).toThrow(badInput('after'));
  });

  it('refuses a position past what the list can reach', () => {
    expect(() => startAfter(encodeCursor('search:sia', 1000), 'search:sia', 'after', 999)).toThrow(badInput('after'));
  });
});
