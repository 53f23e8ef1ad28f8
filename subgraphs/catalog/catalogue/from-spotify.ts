/**
 * Spotify Web API objects → the catalog's snapshot shapes (store/documents.ts). Full objects make
 * complete documents; the simplified ones Spotify embeds in other answers (a track's album and
 * artists, an album's tracks, search albums) make documents marked `complete: false`, whose
 * missing fields are fetched only when a client asks for them.
 */
import type { SpotifyAlbum, SpotifyArtist, SpotifySimplifiedAlbum, SpotifySimplifiedTrack, SpotifyTrack } from '../../../providers/spotify/schemas.js';
import type { AlbumDocument, ArtistDocument, ImageDocument, TrackDocument } from '../store/documents.js';

type SpotifyImages = SpotifySimplifiedAlbum['images'];

const images = (list: SpotifyImages): ImageDocument[] =>
  [...list].sort((a, b) => (b.width ?? 0) - (a.width ?? 0)).map((image) => ({ url: image.url, width: image.width ?? null, height: image.height ?? null }));

const ALBUM_TYPES = new Set(['album', 'single', 'compilation']);
const albumType = (type: string): AlbumDocument['albumType'] => {
  const lower = type.toLowerCase();
  return ALBUM_TYPES.has(lower) ? (lower as AlbumDocument['albumType']) : null;
};

const spotifyMeta = (complete: boolean, now: Date) => ({ source: 'spotify' as const, complete, fetchedAt: now, updatedAt: now });

/** A simplified track (an album's tracks): no ISRC or popularity; its album is the one listed. */
export function simplifiedTrackFromSpotify(track: SpotifySimplifiedTrack, albumId: string, now = new Date()): TrackDocument {
  return {
    _id: track.id,
    name: track.name,
    durationMs: track.duration_ms,
    explicit: track.explicit,
    isrc: null,
    artistIds: track.artists.map((artist) => artist.id),
    albumId,
    popularity: null,
    trackNumber: track.track_number ?? null,
    discNumber: track.disc_number ?? null,
    previewUrl: track.preview_url ?? null,
    ...spotifyMeta(false, now),
  };
}

export function trackFromSpotify(track: SpotifyTrack, now = new Date()): TrackDocument {
  return {
    ...simplifiedTrackFromSpotify(track, track.album.id, now),
    isrc: track.external_ids?.isrc?.toUpperCase() ?? null,
    popularity: track.popularity ?? null,
    complete: true,
  };
}

/** A full album (`GET /albums`) is complete; a simplified one lacks label, genres and popularity. */
export function albumFromSpotify(album: SpotifyAlbum | SpotifySimplifiedAlbum, now = new Date()): AlbumDocument {
  const full = 'tracks' in album;
  return {
    _id: album.id,
    name: album.name,
    releaseDate: album.release_date,
    releaseDatePrecision: album.release_date_precision,
    albumType: albumType(album.album_type),
    images: images(album.images),
    artistIds: album.artists.map((artist) => artist.id),
    totalTracks: album.total_tracks ?? null,
    label: full ? (album.label ?? null) : null,
    genres: full ? album.genres : [],
    popularity: full ? (album.popularity ?? null) : null,
    ...spotifyMeta(full, now),
  };
}

export function artistFromSpotify(artist: SpotifyArtist, now = new Date()): ArtistDocument {
  return {
    _id: artist.id,
    name: artist.name,
    genres: artist.genres,
    images: images(artist.images),
    popularity: artist.popularity ?? null,
    followers: artist.followers?.total ?? null,
    ...spotifyMeta(true, now),
  };
}

/** The `{id, name}` Spotify puts in a track's or album's artists. */
export function simplifiedArtistFromSpotify(artist: { id: string; name: string }, now = new Date()): ArtistDocument {
  return { _id: artist.id, name: artist.name, genres: [], images: [], popularity: null, followers: null, ...spotifyMeta(false, now) };
}
