/**
 * Writing a complete track snapshot (track, album, artists) as an admin override of Spotify's data.
 * Artists are written first, then the album, then the track, so that a reader never finds a track
 * whose album or artists are missing. There is no multi-document transaction: a failure half-way
 * leaves extra artist/album snapshots, which are harmless and rewritten by the next attempt.
 * Each document replaces whatever the catalogue held (a Spotify snapshot included) and is marked
 * `source: 'curated'`, which Spotify's snapshots never overwrite.
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
    artists.set(artist.id, { _id: artist.id, name: artist.name, genres: artist.genres, source: 'curated', updatedAt: now });
  }
  for (const artist of artists.values()) {
    await c.artists.replaceOne({ _id: artist._id }, artist, { upsert: true });
  }

  const album: AlbumDocument = {
    _id: input.album.id,
    name: input.album.name,
    releaseDate: input.album.releaseDate,
    images: input.album.images,
    artistIds: albumArtists.map((artist) => artist.id),
    source: 'curated',
    updatedAt: now,
  };
  await c.albums.replaceOne({ _id: album._id }, album, { upsert: true });

  const track: TrackDocument = {
    _id: input.id,
    name: input.name,
    durationMs: input.durationMs,
    explicit: input.explicit,
    isrc: input.isrc,
    artistIds: input.artists.map((artist) => artist.id),
    albumId: album._id,
    popularity: input.popularity,
    source: 'curated',
    updatedAt: now,
  };
  await c.tracks.replaceOne({ _id: track._id }, track, { upsert: true });
  return track;
}
