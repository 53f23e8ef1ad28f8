/** What reportListening refuses before anything is enqueued, and the completion rate it derives. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../../platform/graphql/inputs.js';
import { completionRate, MAX_CLOCK_SKEW_MS, MAX_PLAYED_MS, MAX_REPORT_AGE_MS, reportListeningArgs } from './inputs.js';

const valid = () => ({
  eventId: randomUUID().toUpperCase(),
  deviceId: randomUUID(),
  trackId: '4uLU6hMCjMI75M1A2tKUQC',
  playedMs: 180_000,
  trackDurationMs: 200_000,
  outcome: 'COMPLETED',
  source: 'PLAYLIST',
  sourceId: 'a playlist',
  startedAt: new Date(Date.now() - 200_000),
});

const bad = (field: string) => expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } });

describe('reportListening input', () => {
  it('accepts a valid report, lower-cases the event id and nulls what is left out', () => {
    const input = valid();
    const { trackDurationMs: _d, sourceId: _s, ...minimal } = input;
    expect(parseInput(reportListeningArgs, { input }).input).toEqual({ ...input, eventId: input.eventId.toLowerCase() });
    expect(parseInput(reportListeningArgs, { input: { ...minimal, trackDurationMs: null } }).input).toMatchObject({ trackDurationMs: null, sourceId: null });
  });

  it.each([
    ['eventId', { eventId: 'not-a-uuid' }],
    ['deviceId', { deviceId: '' }],
    ['deviceId', { deviceId: 'd'.repeat(65) }],
    ['trackId', { trackId: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC' }],
    ['playedMs', { playedMs: -1 }],
    ['playedMs', { playedMs: MAX_PLAYED_MS + 1 }],
    ['playedMs', { playedMs: 1.5 }],
    ['trackDurationMs', { trackDurationMs: 0 }],
    ['trackDurationMs', { trackDurationMs: MAX_PLAYED_MS + 1 }],
    ['outcome', { outcome: 'PAUSED' }],
    ['source', { source: 'TELEPATHY' }],
    ['sourceId', { sourceId: '   ' }],
    ['sourceId', { sourceId: 's'.repeat(129) }],
    ['sourceId', { source: 'ALBUM', sourceId: 'not an album id' }],
    ['startedAt', { startedAt: new Date(Date.now() + MAX_CLOCK_SKEW_MS + 60_000), playedMs: 0 }],
    // Started a minute ago, but claims ten minutes played: the play cannot have ended yet.
    ['startedAt', { startedAt: new Date(Date.now() - 60_000), playedMs: 10 * 60_000 }],
    ['startedAt', { startedAt: new Date(Date.now() - MAX_REPORT_AGE_MS - 60_000) }],
  ])('refuses a bad %s with BAD_USER_INPUT naming it', (field, override) => {
    expect(() => parseInput(reportListeningArgs, { input: { ...valid(), ...override } })).toThrow(bad(`input.${field}`));
  });

  it('allows a device clock a little ahead, and an album given by its Spotify id', () => {
    const input = { ...valid(), playedMs: 0, startedAt: new Date(Date.now() + MAX_CLOCK_SKEW_MS - 60_000), source: 'ALBUM', sourceId: '4aawyAB9vmqN3uQ7FjRGTy' };
    expect(() => parseInput(reportListeningArgs, { input })).not.toThrow();
  });
});

describe('completion rate', () => {
  it('is the share played, at most 1', () => {
    expect(completionRate(50_000, 200_000, 'SKIPPED')).toBe(0.25);
    expect(completionRate(200_000, 200_000, 'COMPLETED')).toBe(1);
    expect(completionRate(250_000, 200_000, 'COMPLETED')).toBe(1);
    expect(completionRate(0, 200_000, 'SKIPPED')).toBe(0);
  });

  it('without a duration: a completed play is whole, a skip unknown', () => {
    expect(completionRate(10_000, null, 'COMPLETED')).toBe(1);
    expect(completionRate(10_000, null, 'SKIPPED')).toBeNull();
  });
});
