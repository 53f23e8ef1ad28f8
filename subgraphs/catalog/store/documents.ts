/**
 * The shapes of the catalog's MongoDB documents. Catalogue objects are keyed by their Spotify id
 * (`_id`), so a snapshot is rewritten in place when Spotify (or an admin) changes it. Tracks and
 * albums refer to artists and albums by id rather than embedding them: one artist is shared by
 * many tracks, and its snapshot must be written once.
 */
import type { ObjectId } from 'mongodb';

export interface ArtistDocument {
  _id: string;
  name: string;
  genres: string[];
  updatedAt: Date;
}

export interface ImageDocument {
  url: string;
  width: number | null;
  height: number | null;
}

export interface AlbumDocument {
  _id: string;
  name: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: Spotify's precision varies per album. */
  releaseDate: string;
  images: ImageDocument[];
  /** Album artists in billing order. */
  artistIds: string[];
  updatedAt: Date;
}

export interface TrackDocument {
  _id: string;
  name: string;
  durationMs: number;
  explicit: boolean;
  isrc: string | null;
  /** Performing artists in billing order. */
  artistIds: string[];
  albumId: string;
  popularity: number | null;
  updatedAt: Date;
}

/**
 * Spotify track → YouTube video. Only the collection and its indexes exist so far; the mapping
 * pipeline (candidates, scores, feedback, verification) fills it in a later issue.
 */
export interface ContentMappingDocument {
  _id: ObjectId;
  spotifyTrackId: string;
  youtubeVideoId: string | null;
  confidence: number;
  verifiedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
