/**
 * Users' "this is the wrong video" reports. One report per user per chosen video (a re-map to
 * another video opens a new round); each takes REPORT_PENALTY off the confidence, turning the
 * mapping uncertain below the scorer's threshold; at REMAP_AFTER_REPORTS reports the video is
 * excluded for good and the track re-mapped without it. An admin-verified mapping keeps its
 * choice and confidence: reports are recorded for the admin to see, an admin decides.
 */
import { badInput, notFound } from '../../../platform/errors.js';
import { isSpotifyId } from '../../../platform/graphql/inputs.js';
import type { ContentMappingDocument, ContentMappingStatus } from '../store/documents.js';
import { NOTE_MAX_LENGTH, REMAP_AFTER_REPORTS, REPORT_PENALTY } from './policy.js';
import { CONFIDENT_THRESHOLD } from './scoring/index.js';
import type { MappingStore } from './store.js';

const CAS_ATTEMPTS = 8;

export interface ReportInput {
  trackId: string;
  userId: string;
  note?: string | null;
}

/** Validates the input (BAD_USER_INPUT before anything is written). */
export function checkReport(input: ReportInput): { trackId: string; userId: string; note: string | null } {
  if (!isSpotifyId(input.trackId)) throw badInput('must be a Spotify id (22 base-62 characters)', 'trackId');
  const userId = input.userId.trim();
  if (!userId) throw badInput('must not be empty', 'userId');
  const note = input.note?.trim() || null;
  if (note && note.length > NOTE_MAX_LENGTH) throw badInput(`must be at most ${NOTE_MAX_LENGTH} characters`, 'note');
  return { trackId: input.trackId, userId, note };
}

/**
 * Records the report and says whether the track must now be re-mapped (the caller re-maps, with
 * the video already excluded in the document).
 */
export async function recordReport(store: MappingStore, input: ReportInput, now: () => Date): Promise<{ doc: ContentMappingDocument; remap: boolean }> {
  const { trackId, userId, note } = checkReport(input);
  for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
    const doc = await store.get(trackId);
    if (!doc) throw notFound('Mapping');
    const videoId = doc.youtubeVideoId;
    if (!videoId) throw badInput('the track is mapped to no video: there is nothing to report', 'trackId');
    const onThisVideo = doc.feedback.reports.filter((r) => r.videoId === videoId);
    if (onThisVideo.some((r) => r.userId === userId)) return { doc, remap: false }; // one report per user per mapping
    const change = doc.verifiedBy
      ? { confidence: doc.confidence, status: doc.status }
      : lowered(doc.confidence, doc.status);
    const updated = await store.addReport(doc, { userId, videoId, at: now(), note }, change);
    if (!updated) continue; // someone else reported (or re-mapped) meanwhile: read again
    const remap = !updated.verifiedBy && onThisVideo.length + 1 >= REMAP_AFTER_REPORTS;
    if (remap) await store.excludeWrong(trackId, videoId);
    return { doc: updated, remap };
  }
  throw new Error(`report on ${trackId}: the mapping kept changing`);
}

function lowered(confidence: number, status: ContentMappingStatus): { confidence: number; status: ContentMappingStatus } {
  const next = Math.max(0, confidence - REPORT_PENALTY);
  return { confidence: next, status: status === 'unavailable' ? status : next >= CONFIDENT_THRESHOLD ? 'confident' : 'uncertain' };
}
