/** The bounds recordListening and listeningHistory enforce before anything is written. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../platform/graphql/inputs.js';
import { listeningHistoryArgs, recordListeningArgs } from './inputs.js';

const valid = () => ({
  eventId: randomUUID().toUpperCase(),
  trackId: '4uLU6hMCjMI75M1A2tKUQC',
  playedMs: 0,
  playedAt: new Date(),
});

describe('recordListening input', () => {
  it('accepts a valid listen and normalises the event id', () => {
    const input = valid();
    expect(parseInput(recordListeningArgs, { input }).input).toMatchObject({ eventId: input.eventId.toLowerCase(), deviceId: null });
  });

  it.each([
    ['playedMs', { playedMs: -1 }],
    ['playedMs', { playedMs: 24 * 60 * 60 * 1000 + 1 }],
    ['playedAt', { playedAt: new Date(Date.now() + 6 * 60 * 1000) }],
    ['eventId', { eventId: 'not-a-uuid' }],
    ['trackId', { trackId: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC' }],
    ['deviceId', { deviceId: 'd'.repeat(65) }],
  ])('refuses a bad %s with BAD_USER_INPUT', (field, override) => {
    expect(() => parseInput(recordListeningArgs, { input: { ...valid(), ...override } })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` } }),
    );
  });

  it('allows a clock up to 5 minutes ahead', () => {
    expect(() => parseInput(recordListeningArgs, { input: { ...valid(), playedAt: new Date(Date.now() + 4 * 60 * 1000) } })).not.toThrow();
  });
});

describe('listeningHistory limit', () => {
  it.each([0, 101, null])('refuses %s', (limit) => {
    expect(() => parseInput(listeningHistoryArgs, { limit })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });
  it.each([1, 20, 100])('accepts %s', (limit) => {
    expect(parseInput(listeningHistoryArgs, { limit })).toEqual({ limit });
  });
});
