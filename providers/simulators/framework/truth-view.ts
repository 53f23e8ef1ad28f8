/**
 * Read-only views of the generated world for tests: a track with its ground truth and uploads,
 * and a filtered list of tracks to pick test subjects from ("a Japanese track with no acceptable
 * upload", "a live track Odesli knows").
 */
import { z } from 'zod';
import type { SimCatalogue, SimTrack } from '../catalogue/types.js';

export function trackTruthView(catalogue: SimCatalogue, trackId: string) {
  const track = catalogue.tracks.get(trackId);
  const truth = catalogue.truth.get(trackId);
  if (!track || !truth) return null;
  return {
    track,
    truth,
    album: catalogue.albums.get(track.albumId) ?? null,
    artists: track.artistIds.map((id) => catalogue.artists.get(id)).filter((a) => a !== undefined),
    videos: truth.uploads.map((u) => catalogue.videos.get(u.videoId)).filter((v) => v !== undefined),
    geniusSong: truth.geniusSongId === null ? null : (catalogue.geniusSongs.get(truth.geniusSongId) ?? null),
  };
}

const flag = z.enum(['true', 'false']).transform((v) => v === 'true').optional();

const listQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  language: z.string().optional(),
  hasAcceptableUpload: flag,
  hasOdesli: flag,
  hasGenius: flag,
  explicit: flag,
  version: z.enum(['studio', 'remaster', 'live', 'acoustic', 'radio_edit', 'remix']).optional(),
  edition: z.enum(['studio', 'remaster', 'live', 'deluxe']).optional(),
  albumType: z.enum(['album', 'single', 'compilation']).optional(),
  artistId: z.string().optional(),
  /** Only tracks with featured artists (true) or without (false). */
  featured: flag,
});

export function catalogueTrackList(catalogue: SimCatalogue, query: Record<string, string | undefined>) {
  const q = listQuery.parse(query);
  const matches = (track: SimTrack): boolean => {
    const truth = catalogue.truth.get(track.id)!;
    const album = catalogue.albums.get(track.albumId)!;
    return (q.language === undefined || track.language === q.language)
      && (q.hasAcceptableUpload === undefined || (truth.acceptableVideoIds.length > 0) === q.hasAcceptableUpload)
      && (q.hasOdesli === undefined || truth.odesliKnown === q.hasOdesli)
      && (q.hasGenius === undefined || (truth.geniusSongId !== null) === q.hasGenius)
      && (q.explicit === undefined || track.explicit === q.explicit)
      && (q.version === undefined || track.version === q.version)
      && (q.edition === undefined || album.edition === q.edition)
      && (q.albumType === undefined || album.albumType === q.albumType)
      && (q.artistId === undefined || track.artistIds.includes(q.artistId))
      && (q.featured === undefined || (track.artistIds.length > 1) === q.featured);
  };
  const items: ReturnType<typeof summary>[] = [];
  let total = 0;
  for (const track of catalogue.tracks.values()) {
    if (!matches(track)) continue;
    if (total >= q.offset && items.length < q.limit) items.push(summary(catalogue, track));
    total++;
  }
  return { total, offset: q.offset, limit: q.limit, items };
}

function summary(catalogue: SimCatalogue, track: SimTrack) {
  const truth = catalogue.truth.get(track.id)!;
  const album = catalogue.albums.get(track.albumId)!;
  return {
    id: track.id,
    name: track.name,
    baseName: track.baseName,
    artists: track.artistIds.map((id) => ({ id, name: catalogue.artists.get(id)?.name ?? '' })),
    album: { id: album.id, name: album.name, albumType: album.albumType, edition: album.edition },
    durationMs: track.durationMs,
    isrc: track.isrc,
    explicit: track.explicit,
    language: track.language,
    version: track.version ?? 'studio',
    popularity: track.popularity,
    hasAcceptableUpload: truth.acceptableVideoIds.length > 0,
    bestVideoId: truth.bestVideoId,
    geniusSongId: truth.geniusSongId,
    odesliKnown: truth.odesliKnown,
    odesliVideoId: truth.odesliVideoId,
  };
}
