/**
 * Offline evaluation of the scoring against labeled cases (the format of
 * ../shared/mapping-eval/public.jsonl), with the figures the catalog issue defines:
 * precision@1 = picks in `acceptable` / cases with a non-empty `acceptable`; best rate = picks in
 * `best` / the same; false-accept rate = (confident picks outside `acceptable` + any pick on a case
 * with empty `acceptable`) / all cases; coverage = confident picks / cases with a non-empty
 * `acceptable`. A "pick" is the choice of a decision that is not unavailable. Shared by
 * `bench/mapping.ts` and the tests, so both count the same way.
 */
import type { Candidate, MappingDecision, SpotifyTrackFacts } from './types.js';
import { decideMapping } from './decide.js';

export interface LabeledCase {
  id: string;
  spotify: SpotifyTrackFacts;
  candidates: Candidate[];
  best: string[];
  acceptable: string[];
  kind: string[];
}

export interface CaseResult {
  case: LabeledCase;
  decision: MappingDecision;
  pick: string | null;
  inAcceptable: boolean;
  inBest: boolean;
  falseAccept: boolean;
}

export interface Figures {
  cases: number;
  precisionAt1: number;
  bestRate: number;
  falseAcceptRate: number;
  coverage: number;
}

export interface Evaluation {
  figures: Figures;
  results: CaseResult[];
  /** Counts behind the figures, for reports and exact assertions. */
  counts: { answerable: number; picksInAcceptable: number; picksInBest: number; falseAccepts: number; confidentPicks: number; confidentCorrect: number };
}

export const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

export function parseCases(jsonl: string): LabeledCase[] {
  return jsonl
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as LabeledCase);
}

export function judge(labeled: LabeledCase, decision: MappingDecision): CaseResult {
  const pick = decision.outcome === 'unavailable' ? null : (decision.choice?.videoId ?? null);
  const inAcceptable = pick !== null && labeled.acceptable.includes(pick);
  const inBest = pick !== null && labeled.best.includes(pick);
  const falseAccept = labeled.acceptable.length === 0 ? pick !== null : decision.outcome === 'confident' && !inAcceptable;
  return { case: labeled, decision, pick, inAcceptable, inBest, falseAccept };
}

export function evaluate(cases: readonly LabeledCase[], decide: typeof decideMapping = decideMapping): Evaluation {
  return summarise(cases.map((labeled) => judge(labeled, decide(labeled.spotify, labeled.candidates))));
}

/** The figures of judged results. */
export function summarise(results: CaseResult[]): Evaluation {
  const answerable = results.filter((r) => r.case.acceptable.length > 0);
  const counts = {
    answerable: answerable.length,
    picksInAcceptable: answerable.filter((r) => r.inAcceptable).length,
    picksInBest: answerable.filter((r) => r.inBest).length,
    falseAccepts: results.filter((r) => r.falseAccept).length,
    confidentPicks: answerable.filter((r) => r.decision.outcome === 'confident').length,
    confidentCorrect: answerable.filter((r) => r.decision.outcome === 'confident' && r.inAcceptable).length,
  };
  const ratio = (n: number, d: number): number => (d === 0 ? 0 : round4(n / d));
  return {
    results,
    counts,
    figures: {
      cases: results.length,
      precisionAt1: ratio(counts.picksInAcceptable, counts.answerable),
      bestRate: ratio(counts.picksInBest, counts.answerable),
      falseAcceptRate: ratio(counts.falseAccepts, results.length),
      coverage: ratio(counts.confidentPicks, counts.answerable),
    },
  };
}

/** Figures per `kind` tag (a case counts under each of its tags), tags in alphabetical order. */
export function figuresByKind(results: readonly CaseResult[]): Map<string, Evaluation> {
  const byKind = new Map<string, CaseResult[]>();
  for (const result of results) {
    for (const kind of result.case.kind) {
      const list = byKind.get(kind) ?? [];
      list.push(result);
      byKind.set(kind, list);
    }
  }
  return new Map([...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, list]) => [kind, summarise(list)]));
}

/** The misses worth reading first: false accepts, then wrong picks, then declines of answerable cases. */
export function worstMisses(results: readonly CaseResult[], limit = 8): CaseResult[] {
  const severity = (r: CaseResult): number => (r.falseAccept ? 3 : r.pick !== null && !r.inAcceptable ? 2 : r.pick === null && r.case.acceptable.length > 0 ? 1 : 0);
  return results
    .filter((r) => severity(r) > 0)
    .sort((a, b) => severity(b) - severity(a) || b.decision.confidence - a.decision.confidence)
    .slice(0, limit);
}
