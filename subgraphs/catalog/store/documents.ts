/**
 * The shapes of the catalog's MongoDB documents. Catalogue objects are keyed by their Spotify id
 * (`_id`), so a snapshot is rewritten in place when Spotify (or an admin) changes it. Tracks and
 * albums refer to artists and albums by id rather than embedding them: one artist is shared by
 * many tracks, and its snapshot must be written once.
 */
import type { ObjectId } from 'mongodb';

/**
 * Who wrote a catalogue snapshot. `spotify`: kept from Spotify's answers as the catalog reads them
 * (subgraphs/catalog/catalogue/snapshot-writer.ts), so the graph can answer when Spotify cannot.
 * `curated`: an admin's override, never overwritten by Spotify. A document without `source` was
 * curated before Spotify snapshots existed.
 */
export type SnapshotSource = 'spotify' | 'curated';

/** What a catalogue snapshot says about itself, besides its data. */
export interface SnapshotMeta {
  source?: SnapshotSource;
  /** Spotify snapshots: when the catalog last read the object through the provider layer. */
  fetchedAt?: Date;
  /**
   * Spotify snapshots: false when written from the simplified object embedded in another answer
   * (a track's album, an album's tracks, search albums), which lacks a track's ISRC and
   * popularity, an album's label, genres and popularity, an artist's genres, images, popularity
   * and followers. Curated snapshots are complete as they are.
   */
  complete?: boolean;
}

export interface ArtistDocument extends SnapshotMeta {
  _id: string;
  name: string;
  genres: string[];
  images?: ImageDocument[];
  popularity?: number | null;
  followers?: number | null;
  updatedAt: Date;
}

export interface ImageDocument {
  url: string;
  width: number | null;
  height: number | null;
}

export interface AlbumDocument extends SnapshotMeta {
  _id: string;
  name: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: Spotify's precision varies per album. */
  releaseDate: string;
  releaseDatePrecision?: 'year' | 'month' | 'day';
  albumType?: 'album' | 'single' | 'compilation' | null;
  images: ImageDocument[];
  /** Album artists in billing order. */
  artistIds: string[];
  totalTracks?: number | null;
  label?: string | null;
  genres?: string[];
  popularity?: number | null;
  updatedAt: Date;
}

export interface TrackDocument extends SnapshotMeta {
  _id: string;
  name: string;
  durationMs: number;
  explicit: boolean;
  isrc: string | null;
  /** Performing artists in billing order. */
  artistIds: string[];
  albumId: string;
  popularity: number | null;
  trackNumber?: number | null;
  discNumber?: number | null;
  /** A 30-second MP3, when Spotify still offers one. */
  previewUrl?: string | null;
  updatedAt: Date;
}

/** How sure a mapping is: `uncertain` ones are exposed with their alternatives. */
export type ContentMappingStatus = 'confident' | 'uncertain' | 'unavailable';

/** Where the chosen upload was found (`admin`: chosen by hand in `verify`). */
export type ContentMappingSource = 'stored' | 'odesli' | 'genius' | 'artist-channel' | 'search' | 'admin';

/** One upload the engine weighed, as videos.list described it, with the scorer's verdict. */
export interface MappingCandidateDocument {
  videoId: string;
  title: string;
  channelId: string | null;
  channelTitle: string;
  durationSeconds: number;
  viewCount: number;
  source: ContentMappingSource | null;
  /** 0-100. */
  score: number;
  reasons: string[];
}

/** "This is the wrong video": one per user per chosen video. */
export interface MappingReportDocument {
  userId: string;
  /** The video the user was played when reporting. */
  videoId: string | null;
  at: Date;
  note: string | null;
}

/**
 * Spotify track → YouTube video, written by the mapping engine (`subgraphs/catalog/mapping/`), one
 * document per track (unique `spotifyTrackId`), upserted in place on every re-map.
 */
export interface ContentMappingDocument {
  _id: ObjectId;
  spotifyTrackId: string;
  status: ContentMappingStatus;
  /** Null when unavailable. */
  youtubeVideoId: string | null;
  /** 0-100. */
  confidence: number;
  source: ContentMappingSource | null;
  /** The best candidates weighed, best first (at most 10). */
  candidates: MappingCandidateDocument[];
  /** Uncertain mappings: the runners-up a player may offer, best first. */
  alternatives: MappingCandidateDocument[];
  /** Times the mapping was played. */
  usageCount: number;
  feedback: {
    reports: MappingReportDocument[];
    /** Videos users reported wrong often enough to be excluded from every re-map. */
    wrongVideoIds: string[];
  };
  /** Never chosen again by the engine: wrong by feedback, or set aside by an admin. */
  excludedVideoIds: string[];
  verifiedBy: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** When the engine last decided (not bumped by feedback or plays). */
  mappedAt: Date;
  /** The engine that decided: a stored mapping of an older engine is re-mapped when asked. */
  engineVersion: number;
}

/**
 * The YouTube channels of a Spotify artist, discovered for free from the uploads the engine
 * verified anyway (an Odesli / Genius / search hit on the artist's "- Topic" or official channel),
 * so that one uploads listing serves all that artist's tracks.
 */
export interface ArtistChannelsDocument {
  /** Spotify artist id. */
  _id: string;
  artistName: string;
  /** The auto-generated "<artist> - Topic" channel (Art Tracks). */
  topicChannelId: string | null;
  /** Official / VEVO / label channels that uploaded a verified hint of this artist. */
  officialChannelIds: string[];
  /** When a discovery attempt last found nothing new (so the engine does not search again and again). */
  lastMissAt: Date | null;
  updatedAt: Date;
}
