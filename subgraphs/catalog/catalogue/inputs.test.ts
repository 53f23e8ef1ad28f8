/** What the catalogue's reads refuse before anything is fetched or written. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { encodeCursor } from './cursors.js';
import { albumTracksArgs, artistAlbumsArgs, searchArgs, topTracksArgs } from './inputs.js';

const badInput = (field: string) => expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } });

describe('search arguments', () => {
  it('normalise the query and default types and page size', () => {
    expect(parseInput(searchArgs, { query: '  daft   punk \n' })).toEqual({ query: 'daft punk', types: ['TRACK', 'ALBUM', 'ARTIST', 'PLAYLIST'], first: 20, after: undefined });
    expect(parseInput(searchArgs, { query: 'x', types: ['ALBUM', 'ALBUM'], first: null, after: null })).toMatchObject({ types: ['ALBUM'], first: 20 });
    expect(parseInput(searchArgs, { query: 'q'.repeat(200), first: 50 }).first).toBe(50);
  });

  it.each([
    ['query', { query: '   ' }],
    ['query', { query: 'q'.repeat(201) }],
    ['query', { query: 'a\u0000b' }],
    ['types', { query: 'x', types: [] }],
    ['types.0', { query: 'x', types: ['SHOW'] }],
    ['first', { query: 'x', first: 0 }],
    ['first', { query: 'x', first: 51 }],
    ['first', { query: 'x', first: 2.5 }],
    ['after', { query: 'x', after: 'forged' }],
    ['after', { query: 'x', after: encodeCursor('search:x', 1000) }],
  ])('refuse a bad %s', (field, args) => {
    expect(() => parseInput(searchArgs, args)).toThrow(badInput(field));
  });
});

describe('list arguments', () => {
  it('default and bound album tracks and artist albums', () => {
    expect(parseInput(albumTracksArgs, {})).toEqual({ first: 20, after: undefined });
    expect(parseInput(artistAlbumsArgs, { groups: ['SINGLE', 'SINGLE'] })).toMatchObject({ groups: ['SINGLE'] });
    expect(parseInput(artistAlbumsArgs, {}).groups).toEqual(['ALBUM', 'SINGLE', 'COMPILATION', 'APPEARS_ON']);
    expect(() => parseInput(albumTracksArgs, { first: 51 })).toThrow(badInput('first'));
    expect(() => parseInput(artistAlbumsArgs, { groups: [] })).toThrow(badInput('groups'));
    expect(() => parseInput(artistAlbumsArgs, { after: 'x' })).toThrow(badInput('after'));
  });

  it('take a market as a country code', () => {
    expect(parseInput(topTracksArgs, {}).market).toBe('US');
    expect(parseInput(topTracksArgs, { market: ' gb ' }).market).toBe('GB');
    expect(() => parseInput(topTracksArgs, { market: 'GBR' })).toThrow(badInput('market'));
  });
});
