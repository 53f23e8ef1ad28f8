/** The library's input rules: what is trimmed or defaulted, and what is refused with BAD_USER_INPUT naming the field. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../platform/graphql/inputs.js';
import { decodeCursor, encodeCursor } from '../../platform/graphql/keyset-cursors.js';
import { addPlaylistItemsArgs, createPlaylistArgs, updatePlaylistArgs } from './inputs.js';
import { z } from 'zod';

const badField = (field: string) => expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } });
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('createPlaylist input', () => {
  it('trims, defaults to private, lower-cases and de-duplicates tags, and treats an empty description as none', () => {
    expect(parseInput(createPlaylistArgs, { input: { name: '  Mix ', description: '  ', tags: ['Chill', 'chill ', 'Focus'] } })).toEqual({
      input: { name: 'Mix', description: null, isPublic: false, coverImageUrl: null, tags: ['chill', 'focus'] },
    });
  });

  it.each([
    ['name', { name: 'x'.repeat(101) }],
    ['name', { name: '   ' }],
    ['description', { name: 'ok', description: 'd'.repeat(301) }],
    ['coverImageUrl', { name: 'ok', coverImageUrl: 'http://example.com/a.jpg' }],
    ['coverImageUrl', { name: 'ok', coverImageUrl: 'not a url' }],
    ['coverImageUrl', { name: 'ok', coverImageUrl: `https://example.com/${'a'.repeat(2000)}` }],
    ['tags', { name: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['tags.0', { name: 'ok', tags: ['x'.repeat(31)] }],
  ])('refuses a bad %s', (field, input) => {
    expect(() => parseInput(createPlaylistArgs, { input })).toThrow(badField(`input.${field}`));
  });
});

describe('edits', () => {
  it('needs a version and at least one change', () => {
    expect(() => parseInput(updatePlaylistArgs, { id: ID, expectedVersion: 0, input: { name: 'a' } })).toThrow(badField('expectedVersion'));
    expect(() => parseInput(updatePlaylistArgs, { id: ID, expectedVersion: 1, input: {} })).toThrow(badField('input'));
    expect(() => parseInput(updatePlaylistArgs, { id: 'nope', expectedVersion: 1, input: { name: 'a' } })).toThrow(badField('id'));
  });

  it('adds 1 to 100 tracks of well-formed Spotify ids', () => {
    const track = '4uLU6hMCjMI75M1A2tKUQC';
    expect(parseInput(addPlaylistItemsArgs, { playlistId: ID, expectedVersion: 3, trackIds: [track, track] })).toMatchObject({ position: null });
    expect(() => parseInput(addPlaylistItemsArgs, { playlistId: ID, expectedVersion: 3, trackIds: [] })).toThrow(badField('trackIds'));
    expect(() => parseInput(addPlaylistItemsArgs, { playlistId: ID, expectedVersion: 3, trackIds: Array(101).fill(track) })).toThrow(badField('trackIds'));
    expect(() => parseInput(addPlaylistItemsArgs, { playlistId: ID, expectedVersion: 3, trackIds: ['short'] })).toThrow(badField('trackIds.0'));
  });
});

describe('cursors', () => {
  it('round-trips a key and refuses another list kind or garbage', () => {
    const cursor = encodeCursor('items', [41]);
    expect(decodeCursor(cursor, 'items', [z.number().int()])).toEqual([41]);
    expect(decodeCursor(null, 'items', [z.number().int()])).toBeNull();
    expect(() => decodeCursor(cursor, 'saved', [z.number().int()])).toThrow(badField('after'));
    expect(() => decodeCursor('%%%', 'items', [z.number().int()])).toThrow(badField('after'));
    expect(() => decodeCursor(encodeCursor('items', ['x']), 'items', [z.number().int()])).toThrow(badField('after'));
  });
});
