import { describe, expect, it } from 'vitest';
import { nextPacificMidnight, pacificDay } from './pacific-day.js';

describe('Pacific quota day', () => {
  it('counts a winter evening in UTC against the Pacific day, ending at 08:00 UTC', () => {
    const instant = new Date('2026-12-01T19:30:00Z'); // 11:30 PST
    expect(pacificDay(instant)).toBe('2026-12-01');
    expect(nextPacificMidnight(instant).toISOString()).toBe('2026-12-02T08:00:00.000Z');
  });

  it('puts early UTC hours on the previous Pacific day', () => {
    const instant = new Date('2026-12-02T03:00:00Z'); // 19:00 PST on the 1st
    expect(pacificDay(instant)).toBe('2026-12-01');
    expect(nextPacificMidnight(instant).toISOString()).toBe('2026-12-02T08:00:00.000Z');
  });

  it('ends summer days at 07:00 UTC (daylight saving)', () => {
    expect(nextPacificMidnight(new Date('2026-07-15T12:00:00Z')).toISOString()).toBe('2026-07-16T07:00:00.000Z');
  });

  it('handles the days daylight saving starts and ends', () => {
    // 2026-03-08: clocks go forward at 02:00 PST; that day still began at 08:00 UTC, the next begins at 07:00 UTC.
    expect(nextPacificMidnight(new Date('2026-03-08T12:00:00Z')).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    // 2026-11-01: clocks go back; the next day begins at 08:00 UTC.
    expect(nextPacificMidnight(new Date('2026-11-01T12:00:00Z')).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });

  it('moves to the next day exactly at midnight', () => {
    const midnight = new Date('2026-12-02T08:00:00Z');
    expect(pacificDay(midnight)).toBe('2026-12-02');
    expect(pacificDay(new Date(midnight.getTime() - 1))).toBe('2026-12-01');
  });
});
