/**
 * The shapes of the lyrics subgraph's MongoDB documents: at most one Genius match and one language
 * per Spotify track (unique `trackId` indexes enforce it).
 */
import type { ObjectId } from 'mongodb';

export interface LyricsMatchDocument {
  _id?: ObjectId;
  /** Spotify track id. */
  trackId: string;
  /** Genius song ids are integers. */
  geniusSongId: number;
  title: string;
  primaryArtist: string;
  /** The genius.com lyrics page: Genius's API returns no lyrics text. */
  url: string;
  /** 0..1; 1 for a match an admin set. */
  confidence: number;
  matchedAt: Date;
}

export interface TrackLanguageDocument {
  _id?: ObjectId;
  trackId: string;
  /** ISO 639-1 where it exists, else ISO 639-3; `zxx` for no linguistic content. */
  language: string;
  updatedAt: Date;
}

/** A `Track` as this subgraph knows it: only the key; catalog owns the rest. */
export interface TrackReference {
  __typename?: 'Track';
  id: string;
}
