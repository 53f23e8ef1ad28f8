/** What the streaming mutations refuse before anything is written, naming the field. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../platform/graphql/inputs.js';
import {
  addToQueueArgs,
  expectedVersionArgs,
  playArgs,
  preparePlaybackArgs,
  registerDeviceArgs,
  seekArgs,
  setVolumeArgs,
  transferPlaybackArgs,
  updatePlaybackArgs,
} from './inputs.js';

const bad = (field: string) => expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } });
const TRACK = '4uLU6hMCjMI75M1A2tKUQC';
const PLAYLIST = '0b5c8a52-4c7e-4a7e-9d8e-8a1f3f2b9c10';

describe('registerDevice input', () => {
  it('trims the name and takes the issue\'s kinds', () => {
    for (const kind of ['DESKTOP', 'MOBILE', 'TABLET', 'WEB', 'SPEAKER', 'TV']) {
      expect(parseInput(registerDeviceArgs, { input: { name: '  Kitchen ', kind } }).input).toEqual({ name: 'Kitchen', kind });
    }
  });
  it.each(['', '   ', 'n'.repeat(65)])('refuses the name %j', (name) => {
    expect(() => parseInput(registerDeviceArgs, { input: { name, kind: 'MOBILE' } })).toThrow(bad('input.name'));
  });
  it('refuses a kind of the old list', () => {
    expect(() => parseInput(registerDeviceArgs, { input: { name: 'Phone', kind: 'PHONE' } })).toThrow(bad('input.kind'));
  });
});

describe('updatePlayback input', () => {
  const valid = { deviceId: 'd', trackId: TRACK, isPlaying: true, positionMs: 0 };
  it.each([
    ['positionMs', { positionMs: -1 }],
    ['positionMs', { positionMs: 86_400_001 }],
    ['trackId', { trackId: 'nope' }],
    ['deviceId', { deviceId: 'd'.repeat(65) }],
    ['expectedVersion', { expectedVersion: -1 }],
  ])('refuses a bad %s', (field, override) => {
    expect(() => parseInput(updatePlaybackArgs, { input: { ...valid, ...override } })).toThrow(bad(`input.${field}`));
  });
});

describe('play input', () => {
  it('takes exactly one source, with defaults for offset, position, device and version', () => {
    expect(parseInput(playArgs, { input: { playlistId: PLAYLIST } }).input).toMatchObject({ playlistId: PLAYLIST, offset: 0, positionMs: 0, deviceId: null, expectedVersion: null });
    expect(parseInput(playArgs, { input: { trackIds: [TRACK, TRACK], offset: 1, deviceId: 'd', expectedVersion: 0 } }).input).toMatchObject({ offset: 1, expectedVersion: 0 });
  });
  it.each([
    ['input', {}],
    ['input.albumId', { trackId: TRACK, albumId: TRACK }],
    ['input.trackId', { trackId: 'short' }],
    ['input.trackIds', { trackIds: [] }],
    ['input.trackIds', { trackIds: Array.from({ length: 101 }, () => TRACK) }],
    ['input.trackIds.1', { trackIds: [TRACK, 'x'] }],
    ['input.playlistId', { playlistId: 'not-a-uuid' }],
    ['input.albumId', { albumId: 'nope' }],
    ['input.offset', { trackId: TRACK, offset: -1 }],
    ['input.positionMs', { trackId: TRACK, positionMs: 86_400_001 }],
    ['input.deviceId', { trackId: TRACK, deviceId: '' }],
    ['input.expectedVersion', { trackId: TRACK, expectedVersion: 1.5 }],
  ])('refuses %s in %o', (field, input) => {
    expect(() => parseInput(playArgs, { input })).toThrow(bad(field));
  });
});

describe('the other commands', () => {
  it.each([
    [preparePlaybackArgs, { trackId: 'x', deviceId: 'd' }, 'trackId'],
    [preparePlaybackArgs, { trackId: TRACK, deviceId: 'd'.repeat(65) }, 'deviceId'],
    [seekArgs, { positionMs: -5 }, 'positionMs'],
    [setVolumeArgs, { volumePercent: 101 }, 'volumePercent'],
    [setVolumeArgs, { volumePercent: -1 }, 'volumePercent'],
    [addToQueueArgs, { trackId: 'x' }, 'trackId'],
    [transferPlaybackArgs, { deviceId: '' }, 'deviceId'],
    [expectedVersionArgs, { expectedVersion: -2 }, 'expectedVersion'],
  ] as const)('refuses %#: %o', (schema, args, field) => {
    expect(() => parseInput(schema, args)).toThrow(bad(field));
  });
});
