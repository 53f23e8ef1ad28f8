/**
 * The scoring contract's data types (re-exported by index.ts): the Spotify track, a verified
 * YouTube upload, its score, and the decision. Kept apart so the scoring modules can share them
 * without importing the entry point.
 */

/** The Spotify side, as the Web API describes the track. */
export interface SpotifyTrackFacts {
  id: string;
  name: string;
  artists: string[];
  album: string;
  durationMs: number;
  isrc?: string | null;
  explicit?: boolean;
}

/** A YouTube upload after videos.list verification. */
export interface Candidate {
  videoId: string;
  title: string;
  channelTitle: string;
  channelId?: string;
  durationSeconds: number;
  viewCount: number;
  publishedAt: string;
  description: string;
  /** Where the engine found it; a hint only (odesli/genius/stored are independent evidence). */
  source?: 'stored' | 'odesli' | 'genius' | 'artist-channel' | 'search';
}

export interface ScoredCandidate extends Candidate {
  /** 0-100. */
  score: number;
  /** Human-readable, e.g. "live marker not in Spotify title (-40)". */
  reasons: string[];
}

export type MappingOutcome = 'confident' | 'uncertain' | 'unavailable';

export interface MappingDecision {
  outcome: MappingOutcome;
  /** The pick (null when unavailable). */
  choice: ScoredCandidate | null;
  /** 0-100: how sure the engine is that `choice` is right. */
  confidence: number;
  /** Every candidate, best first. */
  ranked: ScoredCandidate[];
}
