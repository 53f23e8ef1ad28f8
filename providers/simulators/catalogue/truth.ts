/**
 * The ground truth per track: which uploads play the same recording acceptably and which one is
 * best. A studio track and its remaster are the same performance, so each accepts the other's
 * faithful uploads; a live, acoustic, radio-edit or remix recording accepts only its own.
 * Preference: the track's own Art Track, then Art Tracks of the same recording, then official
 * audio, then a faithful official video or lyric video, then a faithful fan re-upload.
 */
import type { RecordingDraft } from './discography.js';
import type { SimTrack, TrackTruth } from './types.js';
import type { UploadDraft } from './uploads.js';

const studioLike = (r: RecordingDraft): boolean => r.version === 'studio' || r.version === 'remaster';

export function sameAudio(a: RecordingDraft, b: RecordingDraft): boolean {
  return a === b || (a.song === b.song && studioLike(a) && studioLike(b));
}

function rank(upload: UploadDraft, track: SimTrack, recording: RecordingDraft): number {
  const same = upload.recording === recording ? 0 : 1;
  switch (upload.video.kind) {
    case 'topic': return upload.video.trackId === track.id ? 0 : 1 + same * 2;
    case 'official_audio': return 2 + same * 2;
    case 'official_video': case 'live': return 5 + same;
    case 'lyric_video': return 7 + same;
    default: return 9 + same;
  }
}

/** `uploadList` is the song's uploads as TrackTruth lists them, one array shared by the song's tracks. */
export function trackTruth(track: SimTrack, recording: RecordingDraft, songUploads: readonly UploadDraft[], uploadList: TrackTruth['uploads'], geniusSongId: number | null): Omit<TrackTruth, 'odesliKnown' | 'odesliVideoId'> {
  const acceptable = songUploads.filter((u) => u.faithful && u.recording !== null && sameAudio(u.recording, recording));
  let best: UploadDraft | null = null;
  let bestRank = Infinity;
  for (const upload of acceptable) {
    const r = rank(upload, track, recording);
    if (r < bestRank || (r === bestRank && best && upload.video.viewCount > best.video.viewCount)) {
      best = upload;
      bestRank = r;
    }
  }
  return {
    trackId: track.id,
    bestVideoId: best?.video.id ?? null,
    acceptableVideoIds: acceptable.map((u) => u.video.id),
    uploads: uploadList,
    geniusSongId,
    language: track.language,
  };
}
