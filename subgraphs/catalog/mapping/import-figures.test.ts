/**
 * The import targets on a smaller library (200 tracks of about 40 artists) against the
 * simulators: ≤ 3 YouTube units and ≤ 0.05 searches per mapped track, ≥ 95 % mapped correctly,
 * and cheaper than one search per track measured in the same run.
 */
import { expect, it } from 'vitest';
import { mapLibraryAgainstSimulators } from './import-figures.js';
import { useMappingTestbed } from './testing.js';

useMappingTestbed({ spotify: 16120, youtube: 16121, genius: 16122, odesli: 16123 });

it('maps a 200-track library within the targets', { timeout: 120_000 }, async () => {
  const lines: string[] = [];
  const figures = await mapLibraryAgainstSimulators({ tracks: 200, artists: 40, print: (line) => lines.push(line) });
  expect(figures.mapped).toBe(200);
  expect(figures.unitsPerTrack).toBeLessThanOrEqual(3);
  expect(figures.searchesPerTrack).toBeLessThanOrEqual(0.05);
  expect(figures.importAccuracy).toBeGreaterThanOrEqual(0.95);
  expect(figures.naiveUnitsPerTrack).toBeGreaterThan(figures.unitsPerTrack + figures.searchesPerTrack);
  expect(lines.some((line) => line.startsWith('naive:'))).toBe(true);
});
