/**
 * How stored mappings read in the graph: the chosen video and the alternatives as `YouTubeVideo`s
 * (with the player and page addresses), enum spellings, and the counts derived from feedback.
 * Everything comes from the stored document; nothing here calls a provider.
 */
import type { ContentMappingDocument, ContentMappingSource, ContentMappingStatus, MappingCandidateDocument } from '../store/documents.js';

export interface YouTubeVideoView {
  id: string;
  title: string | null;
  channelTitle: string | null;
  durationSeconds: number | null;
}

export type MappingStatusEnum = 'CONFIDENT' | 'UNCERTAIN' | 'UNAVAILABLE';
export type MappingSourceEnum = 'STORED' | 'ODESLI' | 'GENIUS' | 'ARTIST_CHANNEL' | 'SEARCH' | 'ADMIN';

export const statusEnum = (status: ContentMappingStatus): MappingStatusEnum => status.toUpperCase() as MappingStatusEnum;

export const sourceEnum = (source: ContentMappingSource | null): MappingSourceEnum | null =>
  source ? (source.replace('-', '_').toUpperCase() as MappingSourceEnum) : null;

export const embedUrl = (videoId: string): string => `https://www.youtube.com/embed/${encodeURIComponent(videoId)}`;
export const watchUrl = (videoId: string): string => `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;

export const videoOfCandidate = (candidate: MappingCandidateDocument): YouTubeVideoView => ({
  id: candidate.videoId,
  title: candidate.title,
  channelTitle: candidate.channelTitle,
  durationSeconds: candidate.durationSeconds,
});

/** The chosen video, with the details the engine kept about it among the candidates weighed. */
export function chosenVideo(mapping: ContentMappingDocument): YouTubeVideoView | null {
  const id = mapping.youtubeVideoId;
  if (!id) return null;
  const known = [...mapping.candidates, ...mapping.alternatives].find((candidate) => candidate.videoId === id);
  return known ? videoOfCandidate(known) : { id, title: null, channelTitle: null, durationSeconds: null };
}

/** Reports against the video the mapping plays now (reports of a video since replaced do not count). */
export const currentReports = (mapping: ContentMappingDocument) =>
  mapping.feedback.reports.filter((report) => report.videoId === mapping.youtubeVideoId);
