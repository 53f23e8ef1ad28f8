/**
 * Writing a complete track snapshot (track, album, artists) as an admin override of Spotify's data.
 * Artists are written first, then the album, then the track, so that a reader never finds a track
 * whose album or artists are missing. There is no multi-document transaction: a failure half-way
 * leaves extra artist/album snapshots, which are harmless and rewritten by the next attempt.
 */
import type { CatalogCollections } from './collections.js';
import type { AlbumDocument, ArtistDocument, TrackDocument } from './documents.js';

export interface CuratedArtist {
  id: string;
  name: string;
  genres: string[];
}

export interface CuratedTrack {
  id: string;
  name: string;
  durationMs: number;
  explicit: boolean;
  isrc: string | null;
  popularity: number | null;
  artists: CuratedArtist[];
  album: {
    id: string;
    name: string;
    releaseDate: string;
    images: AlbumDocument['images'];
    /** Null: the album's artists are the track's. */
    artists: CuratedArtist[] | null;
  };
}

/** Replaces the stored snapshots for these ids (inserting them if new) and returns the track. */
export async function curateTrack(c: CatalogCollections, input: CuratedTrack, now = new Date()): Promise<TrackDocument> {
  const albumArtists = input.album.artists ?? input.artists;
  const artists = new Map<string, ArtistDocument>();
  for (const artist of [...input.artists, ...albumArtists]) {
    artists.set(artist.id, { _id: artist.id, name: artist.name, genres: artist.genres, updatedAt: now });
  }
  for (const { _id, ...fields } of artists.values()) {
    await c.artists.updateOne({ _id }, { $set: fields }, { upsert: true });
  }

  const album: AlbumDocument = {
    _id: input.album.id,
    name: input.album.name,
    releaseDate: input.album.releaseDate,
    images: input.album.images,
    artistIds: albumArtists.map((artist) => artist.id),
    updatedAt: now,
  };
  const { _id: albumId, ...albumFields } = album;
  await c.albums.updateOne({ _id: albumId }, { $set: albumFields }, { upsert: true });

  const track: TrackDocument = {
    _id: input.id,
    name: input.name,
    durationMs: input.durationMs,
    explicit: input.explicit,
    isrc: input.isrc,
    artistIds: input.artists.map((artist) => artist.id),
    albumId: album._id,
    popularity: input.popularity,
    updatedAt: now,
  };
  const { _id: trackId, ...trackFields } = track;
  await c.tracks.updateOne({ _id: trackId }, { $set: trackFields }, { upsert: true });
  return track;
}
