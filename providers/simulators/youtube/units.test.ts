// Pure pieces of the YouTube simulator: ISO 8601 durations, the Pacific quota day, the quota
// ledger's buckets and the text matching search is built on.
import { describe, expect, it } from 'vitest';
import { isoDuration } from './iso-duration.js';
import { nextPacificMidnight } from './pacific-midnight.js';
import { QuotaLedger } from './quota.js';
import { TokenIndex, tokenise } from './text-match.js';

describe('isoDuration', () => {
  it('writes only the units that are not zero, as contentDetails.duration does', () => {
    expect(isoDuration(213)).toBe('PT3M33S');
    expect(isoDuration(45)).toBe('PT45S');
    expect(isoDuration(240)).toBe('PT4M');
    expect(isoDuration(3600)).toBe('PT1H');
    expect(isoDuration(3661)).toBe('PT1H1M1S');
    expect(isoDuration(90_061)).toBe('P1DT1H1M1S');
    expect(isoDuration(86_400)).toBe('P1D');
    expect(isoDuration(0)).toBe('P0D');
  });
});

describe('nextPacificMidnight', () => {
  const next = (iso: string) => new Date(nextPacificMidnight(Date.parse(iso))).toISOString();

  it('is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(next('2026-01-15T12:00:00Z')).toBe('2026-01-16T08:00:00.000Z');
    expect(next('2026-07-15T12:00:00Z')).toBe('2026-07-16T07:00:00.000Z');
  });

  it('belongs to the Pacific day, not the UTC one', () => {
    // 23:59:59 on 15 July in Los Angeles is already 16 July in UTC.
    expect(next('2026-07-16T06:59:59Z')).toBe('2026-07-16T07:00:00.000Z');
    expect(next('2026-07-16T07:00:00Z')).toBe('2026-07-17T07:00:00.000Z');
  });

  it('crosses the daylight-saving changes', () => {
    // 8 March 2026: clocks go forward at 02:00 PST; the day began at 08:00 UTC and ends at 07:00 UTC.
    expect(next('2026-03-08T09:00:00Z')).toBe('2026-03-09T07:00:00.000Z');
    // 1 November 2026: clocks go back at 02:00 PDT; the day began at 07:00 UTC and ends at 08:00 UTC.
    expect(next('2026-11-01T07:30:00Z')).toBe('2026-11-02T08:00:00.000Z');
    expect(next('2026-12-31T23:00:00Z')).toBe('2027-01-01T08:00:00.000Z');
  });
});

describe('QuotaLedger', () => {
  it('keeps units and search calls in separate buckets and refuses without charging', () => {
    let now = Date.parse('2026-07-01T12:00:00Z');
    const ledger = new QuotaLedger(() => now, { unitsLimit: 2, searchLimit: 1 });
    expect(ledger.charge('videos.list')).toBe(true);
    expect(ledger.charge('search.list')).toBe(true);
    expect(ledger.charge('search.list')).toBe(false);
    expect(ledger.charge('channels.list')).toBe(true);
    expect(ledger.charge('playlistItems.list')).toBe(false);
    expect(ledger.snapshot()).toMatchObject({ unitsUsed: 2, searchCallsUsed: 1, callsByMethod: { 'videos.list': 1, 'search.list': 1, 'channels.list': 1 } });
    now = Date.parse('2026-07-02T07:00:00Z'); // midnight in Los Angeles
    expect(ledger.snapshot()).toMatchObject({ unitsUsed: 0, searchCallsUsed: 0, resetsAt: '2026-07-03T07:00:00.000Z' });
    expect(ledger.charge('search.list')).toBe(true);
  });
});

describe('text matching', () => {
  it('folds case and accents and splits unspaced scripts into pairs', () => {
    expect(tokenise('Beyoncé – Halo (Official Video)')).toEqual(['beyonce', 'halo', 'official', 'video']);
    expect(tokenise('夜に駆ける')).toEqual(['夜に', 'に駆', '駆け', 'ける']);
    expect(tokenise("Don't Stop Me Now")).toEqual(['dont', 'stop', 'me', 'now']);
  });

  it('scores the share of the query a document covers, rare words weighing more', () => {
    const index = new TokenIndex();
    index.add(0, [{ tokens: tokenise('Bohemian Rhapsody'), weight: 1 }, { tokens: tokenise('Queen - Topic'), weight: 0.8 }]);
    index.add(1, [{ tokens: tokenise('Rhapsody in Blue'), weight: 1 }]);
    for (let i = 2; i < 40; i++) index.add(i, [{ tokens: tokenise(`Queen song ${i}`), weight: 1 }]);
    const scores = index.score('queen bohemian rhapsody');
    expect(scores.get(0)).toBeGreaterThan(0.8);
    expect(scores.get(0)).toBeLessThan(1);
    expect(scores.get(1)!).toBeLessThan(scores.get(0)!);
    // "queen" is in almost every document: it adds to the picked ones but picks none itself.
    expect(scores.has(5)).toBe(false);
  });
});
