/**
 * Admin verification: confirm the current choice, or choose another video (which must exist and
 * be playable: checked with a fresh videos.list call, not the cache, since an admin's word is
 * final), or confirm that nothing is acceptable. Confidence 100, verifiedBy / verifiedAt set;
 * the engine never overwrites it afterwards. Invalid input is BAD_USER_INPUT with nothing written.
 */
import { badInput, notFound } from '../../../platform/errors.js';
import { isSpotifyId } from '../../../platform/graphql/inputs.js';
import type { Providers } from '../../../providers/index.js';
import type { ContentMappingDocument, MappingCandidateDocument } from '../store/documents.js';
import type { MappingStore } from './store.js';
import { toCandidate, VIDEO_ID } from './verify.js';

export async function verifyMapping(
  deps: { store: MappingStore; providers: Providers },
  trackId: string,
  adminId: string,
  videoId?: string | null,
): Promise<ContentMappingDocument> {
  if (!isSpotifyId(trackId)) throw badInput('must be a Spotify id (22 base-62 characters)', 'trackId');
  if (!adminId.trim()) throw badInput('must not be empty', 'adminId');
  if (videoId != null && !VIDEO_ID.test(videoId)) throw badInput('must be a YouTube video id (11 characters)', 'videoId');
  const existing = await deps.store.get(trackId);

  if (videoId == null || videoId === existing?.youtubeVideoId) {
    if (!existing) throw badInput('the track has no mapping to confirm: choose a videoId', 'videoId');
    const chosen = existing.candidates.find((c) => c.videoId === existing.youtubeVideoId) ?? null;
    return deps.store.saveVerification(trackId, { adminId, youtubeVideoId: existing.youtubeVideoId, source: existing.source, chosen }, existing);
  }

  if (!existing) {
    // A mapping for a track that must exist (the loaders' cache usually answers).
    const track = await deps.providers.loaders('interactive').spotifyTrack.load(trackId);
    if (!track) throw notFound('Track');
  }
  const video = (await deps.providers.youtube.videos([videoId], 'interactive')).get(videoId) ?? null;
  if (!video) throw badInput('no such YouTube video', 'videoId');
  const candidate = toCandidate(video);
  if (!candidate) throw badInput('the video cannot be played in the app (private, not embeddable or live)', 'videoId');
  const known = existing?.candidates.find((c) => c.videoId === videoId);
  const chosen: MappingCandidateDocument = {
    videoId,
    title: candidate.title,
    channelId: candidate.channelId ?? null,
    channelTitle: candidate.channelTitle,
    durationSeconds: candidate.durationSeconds,
    viewCount: candidate.viewCount,
    source: 'admin',
    score: known?.score ?? 100,
    reasons: [...(known?.reasons ?? []), `chosen by admin ${adminId}`],
  };
  return deps.store.saveVerification(trackId, { adminId, youtubeVideoId: videoId, source: 'admin', chosen }, existing);
}
