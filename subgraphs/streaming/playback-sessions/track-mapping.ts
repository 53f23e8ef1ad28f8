/**
 * What the catalogue says a track plays from, asked through the graph (the catalog's `track` under
 * streaming's service identity, on the user's behalf): the track's length and its YouTube mapping.
 * Only a CONFIDENT mapping is played; anything else is a NOT_FOUND that says why and offers the
 * uploads a client could let the user choose from.
 */
import { AppError, ErrorCode, notFound } from '../../../platform/errors.js';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';

const TRACK_MAPPING = `query StreamingTrackMapping($id: ID!) {
  track(id: $id) {
    id
    durationMs
    youtube {
      status
      video { id title embedUrl }
      alternatives { id title embedUrl }
    }
  }
}`;

interface Video {
  id: string;
  title: string | null;
  embedUrl: string;
}

interface Answer {
  track: {
    id: string;
    durationMs: number;
    youtube: { status: 'CONFIDENT' | 'UNCERTAIN' | 'UNAVAILABLE'; video: Video | null; alternatives: Video[] } | null;
  } | null;
}

export interface PlayableTrack {
  trackId: string;
  durationMs: number;
  videoId: string;
  embedUrl: string;
}

/** The error's `mappingStatus`: the catalogue's status, or UNMAPPED when it has no mapping yet. */
export type MappingGap = 'UNMAPPED' | 'UNCERTAIN' | 'UNAVAILABLE';

export function noConfidentMapping(trackId: string, mappingStatus: MappingGap, alternatives: Video[]): AppError {
  const hint = mappingStatus === 'UNMAPPED' ? 'it has not been mapped yet (mapTrack maps it)' : `its mapping is ${mappingStatus}`;
  return new AppError(ErrorCode.NOT_FOUND, `No confident YouTube upload for this track: ${hint}`, {
    reason: 'NO_CONFIDENT_MAPPING',
    trackId,
    mappingStatus,
    alternatives: alternatives.map((video) => ({ videoId: video.id, title: video.title, embedUrl: video.embedUrl })),
  });
}

/** The track's confident upload; NOT_FOUND for an unknown track, NO_CONFIDENT_MAPPING otherwise. */
export async function playableTrack(graph: ServiceClient, trackId: string, userId: string): Promise<PlayableTrack> {
  const { track } = await graph.request<Answer>('catalog', TRACK_MAPPING, { id: trackId }, { onBehalfOf: userId });
  if (!track) throw notFound('Track');
  const mapping = track.youtube;
  if (!mapping) throw noConfidentMapping(trackId, 'UNMAPPED', []);
  if (mapping.status !== 'CONFIDENT' || !mapping.video) {
    // The uncertain pick is the best guess: first among what a user could choose from.
    const choices = [...(mapping.video ? [mapping.video] : []), ...mapping.alternatives];
    const distinct = choices.filter((video, i) => choices.findIndex((v) => v.id === video.id) === i);
    throw noConfidentMapping(trackId, mapping.status === 'CONFIDENT' ? 'UNAVAILABLE' : mapping.status, distinct);
  }
  return { trackId, durationMs: track.durationMs, videoId: mapping.video.id, embedUrl: mapping.video.embedUrl };
}
