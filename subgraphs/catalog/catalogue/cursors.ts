/**
 * Opaque cursors of the catalogue's connections: base64url of `c1:<list>:<position>`, where `<list>`
 * is a short hash of what is paged (a search query, an album's tracks, an artist's albums of some
 * groups) and `<position>` the item's place in it. `after` goes on from the next position. A
 * cursor of another list, or anything that is not one of ours, is BAD_USER_INPUT naming the
 * argument. Cursors are not secrets (a forged one in range only asks for that position), so they
 * carry no signature.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../../../platform/errors.js';

const VERSION = 'c1';
const CURSOR = /^c1:([A-Za-z0-9_-]{8}):(0|[1-9]\d{0,5})$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,64}$/;

const listHash = (list: string): string => createHash('sha256').update(list).digest('base64url').slice(0, 8);

export function encodeCursor(list: string, position: number): string {
  return Buffer.from(`${VERSION}:${listHash(list)}:${position}`).toString('base64url');
}

/** The position a cursor names, if it is well formed (any list); null otherwise. */
export function cursorPosition(cursor: string): number | null {
  if (!BASE64URL.test(cursor)) return null;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  return match ? Number(match[2]) : null;
}

/**
 * Where a page after `cursor` starts in `list` (0 without a cursor). `maxPosition` bounds what a
 * cursor of this list can name.
 */
export function startAfter(cursor: string | null | undefined, list: string | null, field: string, maxPosition: number): number {
  if (cursor === null || cursor === undefined) return 0;
  const position = cursorPosition(cursor);
  if (position === null || position > maxPosition) throw badInput(`${field}: not a cursor of this list`, field);
  if (list !== null && Buffer.from(cursor, 'base64url').toString('latin1').split(':')[1] !== listHash(list)) {
    throw badInput(`${field}: this cursor belongs to another list`, field);
  }
  return position + 1;
}
