/** What the streaming mutations refuse before anything is written. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../platform/graphql/inputs.js';
import { registerDeviceArgs, updatePlaybackArgs } from './inputs.js';

const bad = (field: string) => expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } });

describe('registerDevice input', () => {
  it('trims the name', () => {
    expect(parseInput(registerDeviceArgs, { input: { name: '  Kitchen ', kind: 'SPEAKER' } }).input.name).toBe('Kitchen');
  });
  it.each(['', '   ', 'n'.repeat(65)])('refuses the name %j', (name) => {
    expect(() => parseInput(registerDeviceArgs, { input: { name, kind: 'PHONE' } })).toThrow(bad('input.name'));
  });
});

describe('updatePlayback input', () => {
  const valid = { deviceId: 'd', trackId: '4uLU6hMCjMI75M1A2tKUQC', isPlaying: true, positionMs: 0 };
  it.each([
    ['positionMs', { positionMs: -1 }],
    ['positionMs', { positionMs: 86_400_001 }],
    ['trackId', { trackId: 'nope' }],
    ['deviceId', { deviceId: 'd'.repeat(65) }],
  ])('refuses a bad %s', (field, override) => {
    expect(() => parseInput(updatePlaybackArgs, { input: { ...valid, ...override } })).toThrow(bad(`input.${field}`));
  });
});
