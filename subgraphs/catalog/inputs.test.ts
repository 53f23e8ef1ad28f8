/** What curateTrack refuses before anything is written. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../platform/graphql/inputs.js';
import { curateTrackArgs } from './inputs.js';

const valid = () => ({
  id: '4uLU6hMCjMI75M1A2tKUQC',
  name: 'Chandelier',
  durationMs: 216_120,
  explicit: false,
  isrc: 'usrc11400498',
  artists: [{ id: '5WUlDfRSoLAfcVSX1WnrxN', name: 'Sia', genres: ['pop', 'pop'] }],
  album: { id: '3Uq5NMdRx4XfSzGEVgy0u3', name: '1000 Forms of Fear', releaseDate: '2014-07' },
});

describe('curateTrack input', () => {
  it('normalises a valid snapshot', () => {
    expect(parseInput(curateTrackArgs, { input: valid() }).input).toMatchObject({
      isrc: 'USRC11400498',
      popularity: null,
      artists: [{ genres: ['pop'] }],
      album: { images: [], artists: null },
    });
  });

  it.each([
    ['id', { id: '4uLU6hMCjMI75M1A2tKUQ' }],
    ['name', { name: 'n'.repeat(201) }],
    ['durationMs', { durationMs: 0 }],
    ['isrc', { isrc: 'USRC1140049' }],
    ['popularity', { popularity: 101 }],
    ['artists', { artists: [] }],
    ['album.releaseDate', { album: { ...valid().album, releaseDate: '2014-13-01' } }],
    ['album.images.0.url', { album: { ...valid().album, images: [{ url: 'http://i.scdn.co/x' }] } }],
  ])('refuses a bad %s with BAD_USER_INPUT', (field, override) => {
    expect(() => parseInput(curateTrackArgs, { input: { ...valid(), ...override } })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` } }),
    );
  });
});
