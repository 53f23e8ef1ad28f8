/**
 * Labeled cases built from the YouTube simulator's world, to check that the scoring generalises
 * beyond the hand-written evaluation set: the Spotify facts of each simulated track, every upload
 * the simulator holds for its song as candidates (with their channel titles), and the simulator's
 * ground truth as `best` / `acceptable`. Tags say what kind of track and world it is.
 */
import { generateCatalogue } from '../../../../providers/simulators/catalogue/generate.js';
import type { SimCatalogue, SimVideo } from '../../../../providers/simulators/catalogue/types.js';
import type { LabeledCase } from './evaluate.js';
import type { Candidate } from './types.js';

export interface SimulatorCaseOptions {
  seed: number;
  tracks: number;
  artists: number;
  /**
   * Also offer this many uploads of the artist's other songs from the artist's Topic and official
   * channels, those closest in length first: the engine gathers an artist's channel uploads for all
   * of that artist's tracks, so other songs of a similar length are the decoys it really meets.
   */
  artistChannelDecoys?: number;
}

function toCandidate(world: SimCatalogue, video: SimVideo): Candidate | null {
  const channel = world.channels.get(video.channelId);
  if (!channel) return null;
  return {
    videoId: video.id, title: video.title, channelTitle: channel.title, channelId: channel.id,
    durationSeconds: video.durationSeconds, viewCount: video.viewCount, publishedAt: video.publishedAt, description: video.description,
  };
}

export function simulatorCases(world: SimCatalogue, artistChannelDecoys = 0): LabeledCase[] {
  const byChannel = new Map<string, SimVideo[]>();
  for (const video of world.videos.values()) {
    const list = byChannel.get(video.channelId) ?? [];
    list.push(video);
    byChannel.set(video.channelId, list);
  }
  const cases: LabeledCase[] = [];
  for (const track of world.tracks.values()) {
    const truth = world.truth.get(track.id);
    const album = world.albums.get(track.albumId);
    if (!truth || !album) continue;
    const candidates: Candidate[] = [];
    for (const upload of truth.uploads) {
      const video = world.videos.get(upload.videoId);
      const candidate = video ? toCandidate(world, video) : null;
      if (candidate) candidates.push(candidate);
    }
    const mainArtist = world.artists.get(track.artistIds[0] ?? '');
    if (artistChannelDecoys > 0 && mainArtist) {
      const own = new Set(candidates.map((c) => c.videoId));
      const seconds = track.durationMs / 1000;
      const others = [mainArtist.topicChannelId, mainArtist.officialChannelId]
        .flatMap((id) => (id ? (byChannel.get(id) ?? []) : []))
        .filter((video) => !own.has(video.id) && world.tracks.get(video.trackId)?.baseName !== track.baseName)
        .sort((a, b) => Math.abs(a.durationSeconds - seconds) - Math.abs(b.durationSeconds - seconds) || (a.id < b.id ? -1 : 1))
        .slice(0, artistChannelDecoys);
      for (const video of others) {
        const candidate = toCandidate(world, video);
        if (candidate) candidates.push(candidate);
      }
    }
    const artists = track.artistIds.map((id) => world.artists.get(id)?.name ?? '').filter((name) => name !== '');
    const kind = [track.version ?? 'studio', truth.acceptableVideoIds.length === 0 ? 'unavailable' : 'available'];
    if (track.artistIds.length > 1) kind.push('feat');
    if (artistChannelDecoys > 0) kind.push('artist-decoys');
    if (/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(track.name + artists.join(''))) kind.push('non-latin');
    if (!truth.uploads.some((u) => u.kind === 'topic' && truth.acceptableVideoIds.includes(u.videoId))) kind.push('no-topic');
    cases.push({
      id: track.id,
      spotify: { id: track.id, name: track.name, artists, album: album.name, durationMs: track.durationMs, isrc: track.isrc, explicit: track.explicit },
      candidates,
      best: truth.bestVideoId ? [truth.bestVideoId] : [],
      acceptable: truth.acceptableVideoIds,
      kind,
    });
  }
  return cases;
}

export function simulatorWorldCases(options: SimulatorCaseOptions): LabeledCase[] {
  return simulatorCases(generateCatalogue(options), options.artistChannelDecoys ?? 0);
}
