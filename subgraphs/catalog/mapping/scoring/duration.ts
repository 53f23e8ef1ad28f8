/**
 * Duration distance, judged by what kind of upload it is. An Art Track ("- Topic") is the release
 * itself and runs within a second or two of Spotify's length; official audio and re-uploads the
 * same. A music video may carry an intro or outro and run longer, so it is allowed a margin; a
 * video much longer, or shorter at all, is another edit (radio edit, video edit) — the
 * "duration-trap" cases, where the official video is popular and the wrong length.
 */

export type DurationProfile = 'exact' | 'audio' | 'video';

export interface DurationJudgement {
  points: number;
  reason: string;
}

const seconds = (value: number): string => `${Math.round(value * 10) / 10} s`;

export function judgeDuration(spotifySeconds: number, uploadSeconds: number, profile: DurationProfile): DurationJudgement {
  if (!(spotifySeconds > 0)) return { points: 0, reason: 'no Spotify duration to compare (0)' };
  if (!(uploadSeconds > 0)) return { points: -20, reason: 'upload has no duration (-20)' };
  const delta = uploadSeconds - spotifySeconds; // positive: the upload is longer
  const gap = Math.abs(delta);
  const judged = (points: number, what: string): DurationJudgement => ({ points, reason: `${what}: ${delta >= 0 ? '+' : '-'}${seconds(gap)} (${points >= 0 ? '+' : ''}${points})` });

  // Far off for any kind of upload: another edit, a loop, a clip.
  if (gap > Math.max(30, spotifySeconds * 0.25)) return judged(-45, 'duration far from Spotify');

  switch (profile) {
    case 'exact': // Art Tracks: the release's own audio.
      if (gap <= 2) return judged(25, 'duration matches');
      if (gap <= 4) return judged(10, 'duration close');
      if (gap <= 6) return judged(-25, 'Art Track length differs: another recording or edit');
      return judged(-45, 'Art Track length differs: another recording or edit');
    case 'audio': // official audio, re-uploads of the audio
      if (gap <= 2) return judged(25, 'duration matches');
      if (gap <= 4) return judged(15, 'duration close');
      if (gap <= 8) return judged(-10, 'duration differs');
      if (gap <= 15) return judged(-25, 'duration differs');
      return judged(-40, 'duration differs');
    case 'video': // music videos: intros and outros, never a shorter cut of the same audio
      if (gap <= 3) return judged(25, 'duration matches');
      if (delta < -5) return judged(-25, 'video shorter than the track: another edit');
      if (gap <= 6) return judged(15, 'duration close (video intro/outro)');
      if (gap <= 10) return judged(5, 'video longer (intro/outro?)');
      // Ten to twenty seconds: a long intro or outro around the same audio, or another edit. Still
      // plausible (the evaluation set accepts such videos), never enough alone to be confident.
      if (gap <= 20) return judged(-5, 'video much longer: long intro/outro or another edit');
      return judged(-35, 'video far longer: another edit');
  }
}
