/**
 * The shapes of the lyrics subgraph's MongoDB documents: at most one Genius match and one language
 * per Spotify track (unique `trackId` indexes enforce it).
 */
import type { ObjectId } from 'mongodb';

/**
 * Who made a match or set a language. Admins' are final: the automatic matcher and the language
 * job never overwrite them. Documents stored before automatic matching existed have no `origin`
 * and were all set by admins, so "no origin" reads as `admin`.
 */
export type Origin = 'admin' | 'auto';

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
  origin?: Origin;
  /** Genius's song art, when it has one. */
  artworkUrl?: string | null;
  /** The song's release date as Genius gives it (YYYY-MM-DD), when it does. */
  releaseDate?: string | null;
  /** Automatic matches are looked at again after this (LYRICS_MATCH_TTL_DAYS); admin ones never. */
  expiresAt?: Date | null;
  miss?: false;
}

/**
 * "Genius has no song for this track that we are sure of", remembered for a shorter time
 * (LYRICS_MISS_TTL_HOURS) so that a miss costs no Genius call per read. The best hit's id and
 * confidence are kept for an admin looking into it.
 */
export interface LyricsMissDocument {
  _id?: ObjectId;
  trackId: string;
  miss: true;
  origin: 'auto';
  bestGeniusSongId: number | null;
  bestConfidence: number;
  matchedAt: Date;
  expiresAt: Date;
}

/** What `lyrics_matches` holds per track: a match, or a remembered miss. */
export type LyricsRecord = LyricsMatchDocument | LyricsMissDocument;

/** Where a stored language came from: an admin, Genius, or detection (`und` when undetermined). */
export type LanguageSource = 'admin' | 'genius' | 'script' | 'franc' | 'undetermined';

export interface TrackLanguageDocument {
  _id?: ObjectId;
  trackId: string;
  /** ISO 639-1 where it exists, else ISO 639-3; `zxx` for no linguistic content; `und` undetermined. */
  language: string;
  /** Absent on languages stored before detection existed: admins set those. */
  source?: LanguageSource;
  updatedAt: Date;
}

/**
 * A `Track` as this subgraph knows it: the key, plus the catalog's name, artists and album when the
 * gateway fetched them for `lyrics` (`@requires`); a representation without them (a service asking
 * for `language` only) carries just the id.
 */
export interface TrackReference {
  __typename?: 'Track';
  id: string;
  name?: string | null;
  artists?: { name?: string | null }[] | null;
  album?: { name?: string | null } | null;
}
