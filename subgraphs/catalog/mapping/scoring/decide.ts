/**
 * The decision over scored candidates: rank them, decline when none is plausibly the same
 * recording, and say how sure the pick is. Confidence starts from the pick's score and is capped
 * by who uploaded it (a third party's copy is never a confident mapping: its audio may be altered
 * and it can vanish), then lowered when a close runner-up is a different recording by the
 * evidence (another artist's, or another version).
 */
import type { Candidate, MappingDecision, ScoredCandidate, SpotifyTrackFacts } from './types.js';
import type { ChannelKind } from './channel.js';
import { PLAUSIBLE_THRESHOLD, scoreCandidate, scoringContext, type CandidateScore } from './score.js';
import { prepareTrack } from './track.js';

/** Confidence at or above this: confident. */
export const CONFIDENT_THRESHOLD = 75;
export { PLAUSIBLE_THRESHOLD };

/** The most confidence an upload can earn, by who uploaded it. */
const CONFIDENCE_CAP: Record<ChannelKind, number> = {
  'topic': 100,
  'artist': 95,
  'label': 90,
  'self-named': 70, // the artist cannot be confirmed across scripts
  'third-party': 65,
  'topic-other': 40,
};

/** Best first; ties by channel kind, views (the main release outdraws reissues), duration gap, then id: never by input order. */
const KIND_ORDER: Record<ChannelKind, number> = { 'topic': 0, 'artist': 1, 'label': 2, 'self-named': 3, 'third-party': 4, 'topic-other': 5 };

function compare(a: CandidateScore, b: CandidateScore): number {
  return b.raw - a.raw || KIND_ORDER[a.channel.kind] - KIND_ORDER[b.channel.kind] || b.viewCount - a.viewCount || a.durationGap - b.durationGap || (a.videoId < b.videoId ? -1 : a.videoId > b.videoId ? 1 : 0);
}

/** Whether two uploads plausibly carry the same recording (so a close score between them is no doubt). */
function sameRecording(a: CandidateScore, b: CandidateScore): boolean {
  if (a.markers.size !== b.markers.size || [...a.markers].some((m) => !b.markers.has(m))) return false;
  return Math.abs(a.durationSeconds - b.durationSeconds) <= 4 && b.channel.kind !== 'topic-other' && b.channel.artistEvidence !== 'none';
}

function publicView(candidate: CandidateScore): ScoredCandidate {
  const { raw: _raw, channel: _channel, markers: _markers, durationGap: _gap, ...view } = candidate;
  return view;
}

export function decideMapping(track: SpotifyTrackFacts, candidates: readonly Candidate[]): MappingDecision {
  const prepared = prepareTrack(track);
  const context = scoringContext(prepared, candidates);
  const scored = candidates.map((candidate) => scoreCandidate(prepared, candidate, context)).sort(compare);
  const ranked = scored.map(publicView);
  const top = scored[0];
  if (!top || top.raw < PLAUSIBLE_THRESHOLD) return { outcome: 'unavailable', choice: null, confidence: 0, ranked };

  let confidence = Math.min(top.score, CONFIDENCE_CAP[top.channel.kind]);
  const rival = scored.slice(1).find((other) => !sameRecording(top, other));
  if (rival && rival.raw > top.raw - 15) confidence -= Math.round(15 - (top.raw - rival.raw));
  confidence = Math.max(0, Math.min(100, confidence));
  return { outcome: confidence >= CONFIDENT_THRESHOLD ? 'confident' : 'uncertain', choice: ranked[0]!, confidence, ranked };
}
