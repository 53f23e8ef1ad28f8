/**
 * Verification of candidate uploads with `videos.list` (through the per-run loader: batched by 50,
 * cached in L1/L2, each id asked for once per run): durations, channel, title and whether the
 * app can play it at all. This is the YouTube cost the engine minimises, so callers gather the
 * ids of every track of a run first and verify them in one go.
 */
import type DataLoader from 'dataloader';
import { QuotaExhaustedError } from '../../../providers/http/errors.js';
import { durationSeconds, type YouTubeVideo } from '../../../providers/youtube/schemas.js';
import { LOAD_CHUNK } from './policy.js';
import type { Candidate } from './scoring/index.js';

export type CandidateSource = NonNullable<Candidate['source']>;

/** `loadMany` in chunks, so ten thousand ids do not become two hundred simultaneous calls. */
export async function loadChunked<K, V>(loader: DataLoader<K, V, string>, keys: readonly K[]): Promise<(V | Error)[]> {
  const results: (V | Error)[] = [];
  for (let i = 0; i < keys.length; i += LOAD_CHUNK) results.push(...(await loader.loadMany(keys.slice(i, i + LOAD_CHUNK))));
  return results;
}

/**
 * The verified videos among `ids`: a Map id → Candidate (source unset), null for videos that do
 * not exist or cannot be played in the app, or the Error their lookup failed with. An exhausted
 * quota is thrown: nothing more can be verified today.
 */
export async function verifyVideos(loader: DataLoader<string, YouTubeVideo | null, string>, ids: readonly string[]): Promise<Map<string, Candidate | null | Error>> {
  const unique = [...new Set(ids)];
  const loaded = await loadChunked(loader, unique);
  const result = new Map<string, Candidate | null | Error>();
  unique.forEach((id, i) => {
    const video = loaded[i];
    if (video instanceof QuotaExhaustedError) throw video;
    result.set(id, video instanceof Error ? video : video ? toCandidate(video) : null);
  });
  return result;
}

/** A playable video as the scorer sees it; null when it is private, not embeddable, or still live. */
export function toCandidate(video: YouTubeVideo): Candidate | null {
  const seconds = durationSeconds(video.contentDetails?.duration);
  if (!video.snippet || seconds === null || seconds === 0) return null;
  // The player embeds YouTube: an upload that refuses embedding cannot play in the app.
  if (video.status?.embeddable === false || (video.status?.privacyStatus && video.status.privacyStatus !== 'public' && video.status.privacyStatus !== 'unlisted')) return null;
  return {
    videoId: video.id,
    title: video.snippet.title,
    channelTitle: video.snippet.channelTitle,
    channelId: video.snippet.channelId,
    durationSeconds: seconds,
    viewCount: Number(video.statistics?.viewCount ?? 0),
    publishedAt: video.snippet.publishedAt,
    description: video.snippet.description,
  };
}

/** A YouTube video id as it appears in watch URLs. */
export const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

/** The video id of a YouTube URL (watch?v=, youtu.be/, /embed/, music.youtube.com), or null. */
export function videoIdOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^www\.|^m\./, '');
    let id: string | null = null;
    if (host === 'youtu.be') id = parsed.pathname.slice(1);
    else if (host.endsWith('youtube.com')) id = parsed.searchParams.get('v') ?? /^\/(?:embed|shorts|v)\/([^/]+)/.exec(parsed.pathname)?.[1] ?? null;
    return id && VIDEO_ID.test(id) ? id : null;
  } catch {
    return null;
  }
}
