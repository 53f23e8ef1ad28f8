/**
 * Scoring of the Spotify → YouTube mapping: given a Spotify track and the YouTube uploads the
 * engine gathered (and verified with videos.list), rank them and decide whether to map
 * confidently, tentatively, or not at all. Pure and deterministic: no I/O, no clock.
 *
 * This file is the contract the rest of `mapping/` codes against; the rules live behind it
 * (normalise, markers, similarity, channel, duration, score, decide).
 */
export type { Candidate, MappingDecision, MappingOutcome, ScoredCandidate, SpotifyTrackFacts } from './types.js';
export { CONFIDENT_THRESHOLD, decideMapping } from './decide.js';
