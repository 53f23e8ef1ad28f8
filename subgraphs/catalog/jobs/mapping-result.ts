/**
 * What a finished mapping job reports: how many tracks ended in each outcome, and per track the
 * outcome, the chosen video, the confidence, whether an earlier mapping was reused, or the error.
 * Stored as the BullMQ job's return value (plain JSON), read back by `Job.result`.
 */
import { AppError } from '../../../platform/errors.js';
import type { ContentMappingDocument, ContentMappingStatus } from '../store/documents.js';

export interface TrackMappingOutcomeRecord {
  trackId: string;
  /** Null when mapping the track failed. */
  status: ContentMappingStatus | null;
  videoId: string | null;
  confidence: number | null;
  /**
   * The engine answered a mapping it had stored instead of deciding during this run of the job: made
   * before the job, by another job that held the track meanwhile, or by an interrupted run of this one.
   */
  reused: boolean;
  /** A public message, when mapping the track failed. */
  error: string | null;
}

export interface MappingJobResultRecord {
  total: number;
  confident: number;
  uncertain: number;
  unavailable: number;
  failed: number;
  reused: number;
  /** In the job's (sorted) track order. */
  tracks: TrackMappingOutcomeRecord[];
}

export function summariseMapping(
  trackIds: readonly string[],
  outcomes: ReadonlyMap<string, ContentMappingDocument | Error>,
  reusedIds: ReadonlySet<string>,
): MappingJobResultRecord {
  const tracks = trackIds.map((trackId): TrackMappingOutcomeRecord => {
    const outcome = outcomes.get(trackId) ?? new Error('not mapped');
    if (outcome instanceof Error) {
      return { trackId, status: null, videoId: null, confidence: null, reused: false, error: publicTrackError(outcome) };
    }
    return { trackId, status: outcome.status, videoId: outcome.youtubeVideoId, confidence: outcome.confidence, reused: reusedIds.has(trackId), error: null };
  });
  const count = (status: ContentMappingStatus) => tracks.filter((track) => track.status === status).length;
  return {
    total: tracks.length,
    confident: count('confident'),
    uncertain: count('uncertain'),
    unavailable: count('unavailable'),
    failed: tracks.filter((track) => track.error !== null).length,
    reused: tracks.filter((track) => track.reused).length,
    tracks,
  };
}

/** Our errors (no such track, provider unavailable) say what happened; anything else is not shown. */
function publicTrackError(error: Error): string {
  return error instanceof AppError ? error.message : 'Mapping this track failed because of an internal error';
}
