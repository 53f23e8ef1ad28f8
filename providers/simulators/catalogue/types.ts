/**
 * The simulated world the four simulators serve: one seeded, generated catalogue, shared by the
 * Spotify, YouTube, Genius and Odesli simulators, plus the ground truth tests and benchmarks ask for.
 * Everything is plain data, so a generator run with the same seed gives the same world.
 */

export type AlbumType = 'album' | 'single' | 'compilation';

/** What distinguishes a release or recording from the plain studio version. */
export type Edition = 'studio' | 'remaster' | 'live' | 'deluxe';

export interface SimArtist {
  id: string; // Spotify id, 22 base-62 characters
  name: string; // may be non-Latin (Japanese, Korean, Cyrillic...)
  genres: string[];
  popularity: number; // 0-100
  followers: number;
  /** YouTube channels of this artist: the auto-generated "<name> - Topic" and, for some, an official / VEVO channel. */
  topicChannelId: string | null;
  officialChannelId: string | null;
  geniusArtistId: number;
}

export interface SimAlbum {
  id: string;
  name: string;
  albumType: AlbumType;
  edition: Edition;
  artistIds: string[]; // main first
  releaseDate: string; // YYYY, YYYY-MM or YYYY-MM-DD
  releaseDatePrecision: 'year' | 'month' | 'day';
  trackIds: string[]; // in disc/track order
  label: string;
  upc: string;
  popularity: number;
}

export interface SimTrack {
  id: string;
  name: string; // as Spotify spells it, e.g. "Song - Remastered 2011", "Song (feat. X)", "Song - Live"
  /** The title without edition / feature suffixes, what Genius and YouTube titles build on. */
  baseName: string;
  artistIds: string[]; // main first, then featured artists
  albumId: string;
  discNumber: number;
  trackNumber: number;
  durationMs: number;
  explicit: boolean;
  isrc: string; // 12 characters, e.g. USUM71703861
  popularity: number;
  /** ISO 639-1 language of the lyrics, or 'instrumental' for tracks without lyrics. */
  language: string;
  /** Which recording of the song this is (added for tests that pick, say, a live track); the generator always sets it. */
  version?: TrackVersion;
}

/** The recording a track plays: the studio take, its remaster, a live take, or another edit. */
export type TrackVersion = 'studio' | 'remaster' | 'live' | 'acoustic' | 'radio_edit' | 'remix';

/** The kinds of upload real YouTube search returns for a song. */
export type UploadKind =
  | 'topic' // auto-generated "Art Tracks" on "<artist> - Topic", exact audio
  | 'official_video' // on the artist's official / VEVO channel
  | 'official_audio'
  | 'lyric_video'
  | 'live'
  | 'cover'
  | 'remix'
  | 'sped_up'
  | 'slowed'
  | 'nightcore'
  | '8d'
  | 'karaoke'
  | 'instrumental'
  | 'fan_upload' // a re-upload of the original audio by a fan channel
  | 'unrelated'; // shares words with the title, another song entirely

export interface SimChannel {
  id: string; // "UC" + 22 characters
  title: string; // e.g. "Artist - Topic", "ArtistVEVO", "Random Covers"
  kind: 'topic' | 'official' | 'vevo' | 'fan' | 'label';
  /** Uploads playlist id ("UU" + the channel id without "UC"), as channels.list contentDetails gives. */
  uploadsPlaylistId: string;
  subscriberCount: number;
}

export interface SimVideo {
  id: string; // 11 characters [A-Za-z0-9_-]
  channelId: string;
  title: string; // realistic, e.g. "Artist - Song (Official Music Video)", "Song (sped up)"
  description: string;
  publishedAt: string; // ISO 8601
  durationSeconds: number; // contentDetails.duration is its ISO 8601 form (PT3M33S)
  viewCount: number;
  likeCount: number;
  kind: UploadKind;
  /** The Spotify track this upload is a version of (unrelated uploads: the track whose search returns it). */
  trackId: string;
  /** Category 10 is Music. */
  categoryId: string;
  embeddable: boolean;
}

export interface SimGeniusSong {
  id: number;
  title: string; // Genius spelling: no "- Remastered", features in "(Ft. X)"
  primaryArtistId: number; // a SimArtist.geniusArtistId
  featuredArtistIds: number[];
  /** ISO 639-1 language as Genius reports it, or null where Genius does not say. */
  language: string | null;
  releaseDate: string | null; // YYYY-MM-DD
  url: string; // https://genius.com/<Artist>-<title>-lyrics
  songArtImageUrl: string;
  pageviews: number;
  /** Media links Genius lists (a YouTube video of the song, sometimes). */
  youtubeVideoId: string | null;
  /** The Spotify tracks that are this song (studio, remaster and live versions share a song). */
  trackIds: string[];
}

/** What a perfect mapper would decide for a track; tests and benchmarks compare against it. */
export interface TrackTruth {
  trackId: string;
  /** The best upload to play for this track, or null when YouTube has no acceptable upload. */
  bestVideoId: string | null;
  /** Every upload that plays the same recording acceptably (topic, official audio/video, faithful re-uploads). */
  acceptableVideoIds: string[];
  /** Every upload YouTube holds that is a version of this track, with its kind. */
  uploads: { videoId: string; kind: UploadKind }[];
  geniusSongId: number | null;
  language: string;
  /** Whether Odesli can resolve the track at all (otherwise it answers 404 could_not_resolve_entity). */
  odesliKnown: boolean;
  /** The YouTube id Odesli pairs with the track; null when it does not know the track or knows no YouTube upload of it. */
  odesliVideoId: string | null;
}

export interface SimCatalogue {
  seed: number;
  artists: Map<string, SimArtist>;
  albums: Map<string, SimAlbum>;
  tracks: Map<string, SimTrack>;
  channels: Map<string, SimChannel>;
  videos: Map<string, SimVideo>;
  geniusSongs: Map<number, SimGeniusSong>;
  /** Genius artists by Genius id (name and image come from the SimArtist). */
  geniusArtists: Map<number, { id: number; artistId: string }>;
  truth: Map<string, TrackTruth>;
}
