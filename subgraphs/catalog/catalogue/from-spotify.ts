/** Spotify Web API objects → the catalog's snapshot shapes (store/documents.ts). */
import type { SpotifyAlbum, SpotifyArtist, SpotifySimplifiedAlbum, SpotifyTrack } from '../../../providers/spotify/schemas.js';
import type { AlbumDocument, ArtistDocument, ImageDocument, TrackDocument } from '../store/documents.js';

const images = (list: SpotifySimplifiedAlbum['images']): ImageDocument[] =>
  [...list].sort((a, b) => (b.width ?? 0) - (a.width ?? 0)).map((image) => ({ url: image.url, width: image.width ?? null, height: image.height ?? null }));

export function trackFromSpotify(track: SpotifyTrack, now = new Date()): TrackDocument {
  return {
    _id: track.id,
    name: track.name,
    durationMs: track.duration_ms,
    explicit: track.explicit,
    isrc: track.external_ids?.isrc?.toUpperCase() ?? null,
    artistIds: track.artists.map((artist) => artist.id),
    albumId: track.album.id,
    popularity: track.popularity ?? null,
    updatedAt: now,
  };
}

export function albumFromSpotify(album: SpotifyAlbum | SpotifySimplifiedAlbum, now = new Date()): AlbumDocument {
  return {
    _id: album.id,
    name: album.name,
    releaseDate: album.release_date,
    images: images(album.images),
    artistIds: album.artists.map((artist) => artist.id),
    updatedAt: now,
  };
}

export function artistFromSpotify(artist: SpotifyArtist, now = new Date()): ArtistDocument {
  return { _id: artist.id, name: artist.name, genres: artist.genres, updatedAt: now };
}
