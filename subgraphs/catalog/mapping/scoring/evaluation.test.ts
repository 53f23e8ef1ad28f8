/**
 * The issue's targets, asserted: on ../shared/mapping-eval/public.jsonl precision@1 ≥ 97 % and
 * false-accept rate ≤ 1 %; and the same targets on cases built from the simulator world (which
 * the scoring was not written against case by case), including the artist's other songs of
 * similar length as decoys. Counts are deterministic: these are not timing assertions.
 *
 * Where the simulator's idea of "acceptable" differs from the evaluation set's (it accepts fans'
 * faithful re-uploads, and rejects official videos with 12 s or more of intro), the engine follows
 * the evaluation set; the figures below are what that costs on the simulator.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, figuresByKind, parseCases } from './evaluate.js';
import { simulatorWorldCases } from './simulator-cases.js';

const PUBLIC_CASES = fileURLToPath(new URL('../../../../../shared/mapping-eval/public.jsonl', import.meta.url));

describe('evaluation set (public.jsonl)', () => {
  const cases = parseCases(readFileSync(PUBLIC_CASES, 'utf8'));
  const { figures, counts, results } = evaluate(cases);

  it('meets the targets: precision@1 ≥ 0.97, false-accept rate ≤ 0.01', () => {
    console.log('public.jsonl', JSON.stringify(figures), JSON.stringify(counts));
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(figures.precisionAt1).toBeGreaterThanOrEqual(0.97);
    expect(figures.falseAcceptRate).toBeLessThanOrEqual(0.01);
  });

  it('declines every case that has no acceptable upload', () => {
    const unanswerable = results.filter((r) => r.case.acceptable.length === 0);
    expect(unanswerable.length).toBeGreaterThan(0);
    expect(unanswerable.filter((r) => r.decision.outcome !== 'unavailable').map((r) => r.case.id)).toEqual([]);
  });
});

describe('simulator world', () => {
  const worlds = [
    { name: 'a 1,000-track library of 200 artists', seed: 11, tracks: 1_000, artists: 200, artistChannelDecoys: 0 },
    { name: 'the same, with the artists\' other songs as decoys', seed: 11, tracks: 1_000, artists: 200, artistChannelDecoys: 10 },
    { name: 'a 5,000-track world of 500 artists, with decoys', seed: 23, tracks: 5_000, artists: 500, artistChannelDecoys: 10 },
  ];

  it.each(worlds)('meets the targets on $name', (world) => {
    const cases = simulatorWorldCases(world);
    const { figures, counts, results } = evaluate(cases);
    const byKind = figuresByKind(results);
    console.log(`simulator seed ${world.seed}, ${world.tracks} tracks / ${world.artists} artists, ${world.artistChannelDecoys} decoys`, JSON.stringify(figures), JSON.stringify(counts));
    for (const kind of ['live', 'remaster', 'feat', 'non-latin', 'no-topic', 'unavailable']) console.log(`  ${kind}`, JSON.stringify(byKind.get(kind)?.figures));
    expect(cases.length).toBe(world.tracks);
    expect(figures.precisionAt1).toBeGreaterThanOrEqual(0.97);
    expect(figures.falseAcceptRate).toBeLessThanOrEqual(0.01);
  });
});
