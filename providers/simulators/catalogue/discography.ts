/**
 * Songs, recordings, albums and tracks. The model behind the Spotify catalogue:
 *   song (one Genius page) → recordings (studio, remaster, live, acoustic, radio edit, remix)
 *   → tracks (a recording on a release: album, single, EP, deluxe, compilation).
 * The same recording on several releases keeps its ISRC (single + album + greatest hits); a
 * remaster or live recording gets its own. Each artist spends a track budget on studio releases
 * first, then on reissues, so the whole world has exactly the requested number of tracks.
 */
import type { ArtistProfile } from './artists.js';
import type { IdMinter } from './ids.js';
import type { Random } from './random.js';
import type { Phrase } from './text.js';
import type { AlbumType, Edition, SimAlbum, SimTrack, TrackVersion } from './types.js';
import { instrumentalTitle, TITLE_WORDS, type LyricLanguage } from './words.js';
import { releaseDate, type ReleaseDate } from './dates.js';
import { releaseNames, type ReleaseNames, type RemasterStyle } from './release-names.js';

export type RecordingVersion = TrackVersion;

export interface SongDraft {
  title: Phrase;
  language: LyricLanguage | 'instrumental';
  artist: ArtistProfile;
  featured: ArtistProfile[];
  featureWord: 'feat.' | 'with';
  explicit: boolean;
  /** 0-1: how well known the song is; drives popularity, views and how many uploads exist. */
  fame: number;
  firstRelease: ReleaseDate;
  recordings: RecordingDraft[];
  tracks: SimTrack[];
  /** The label never delivered it to YouTube: no topic or official upload, only others' versions. */
  absentFromYouTube: boolean;
}

export interface RecordingDraft {
  song: SongDraft;
  version: RecordingVersion;
  /** What Spotify appends to the name: " - Remastered 2011", " - Live", "" for the studio version. */
  suffix: string;
  /** The same marker as YouTube Art Tracks write it: " (Remastered 2011)". */
  topicMarker: string;
  durationMs: number;
  isrc: string;
  year: number;
  tracks: SimTrack[];
}

export interface Discography {
  albums: SimAlbum[];
  songs: SongDraft[];
  /** Per track: the recording it plays. */
  recordingOf: Map<string, RecordingDraft>;
}

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));
const LAST_YEAR = 2025;

export class DiscographyBuilder {
  readonly albums: SimAlbum[] = [];
  readonly songs: SongDraft[] = [];
  readonly recordingOf = new Map<string, RecordingDraft>();
  readonly tracksById = new Map<string, SimTrack>();
  private readonly byLanguage = new Map<string, ArtistProfile[]>();
  private readonly songsByArtist = new Map<ArtistProfile, SongDraft[]>();
  private readonly everyone: readonly ArtistProfile[];
  private readonly tracksOnDisc = new Map<SimAlbum, number[]>();

  constructor(
    private readonly random: Random,
    private readonly ids: IdMinter,
    profiles: readonly ArtistProfile[],
  ) {
    this.everyone = profiles;
    for (const profile of profiles) {
      const list = this.byLanguage.get(profile.language) ?? [];
      list.push(profile);
      this.byLanguage.set(profile.language, list);
    }
  }

  result(): Discography {
    return { albums: this.albums, songs: this.songs, recordingOf: this.recordingOf };
  }

  // ---------- songs and recordings ----------

  newSong(artist: ArtistProfile, year: number, titlesUsed: Set<string>, lead: boolean): SongDraft {
    const r = this.random;
    const instrumental = artist.language === 'instrumental' || r.chance(0.02);
    const language: SongDraft['language'] = instrumental
      ? 'instrumental'
      : artist.language === 'instrumental' ? 'en'
      : artist.language === 'en' ? (r.chance(0.03) ? 'es' : 'en')
      : r.chance(0.12) ? 'en' : artist.language;
    let title: Phrase = { text: '', latin: '' };
    for (let attempt = 0; attempt < 4 && (title.text === '' || titlesUsed.has(title.text)); attempt++) {
      if (instrumental) title = artist.language === 'instrumental' ? instrumentalTitle(r) : { text: r.pick(['Intro', 'Interlude', 'Outro']), latin: '' };
      else {
        const words = TITLE_WORDS[language as LyricLanguage];
        title = r.chance(0.08) ? { text: r.pick(words.commonTitles), latin: '' } : words.songTitle(r);
      }
      if (title.latin === '') title = { text: title.text, latin: title.text };
    }
    titlesUsed.add(title.text);

    const featured: ArtistProfile[] = [];
    if (!instrumental && r.chance(0.16)) {
      const pool = r.chance(0.8) ? (this.byLanguage.get(artist.language) ?? []) : this.everyone;
      for (let i = r.chance(0.2) ? 2 : 1; i > 0 && pool.length > 1; i--) {
        const guest = r.pick(pool);
        if (guest !== artist && !featured.includes(guest)) featured.push(guest);
      }
    }
    const rap = artist.artist.genres.some((g) => /rap|hip hop|reggaeton|urbano|trap|funk/.test(g));
    const fame = clamp(artist.fame * (0.35 + r.next() ** 0.7 * 0.8) + (lead ? 0.12 : 0), 0, 1);
    const song: SongDraft = {
      title, language, artist, featured,
      featureWord: r.chance(0.75) ? 'feat.' : 'with',
      explicit: !instrumental && r.chance(rap ? 0.45 : 0.07),
      fame,
      firstRelease: releaseDate(r, year),
      recordings: [], tracks: [],
      absentFromYouTube: false,
    };
    this.songs.push(song);
    const own = this.songsByArtist.get(artist) ?? [];
    own.push(song);
    this.songsByArtist.set(artist, own);
    return song;
  }

  recording(song: SongDraft, version: RecordingVersion, year: number, marker: { suffix: string; topicMarker: string } = { suffix: '', topicMarker: '' }): RecordingDraft {
    const r = this.random;
    const studio = song.recordings.find((rec) => rec.version === 'studio');
    const base = studio?.durationMs ?? Math.round(clamp(215_000 + r.gaussian() * 50_000, 95_000, 470_000)) + r.int(0, 999);
    const durationMs = Math.round(clamp(
      version === 'studio' ? base
      : version === 'remaster' ? base + r.int(-1_400, 1_400)
      : version === 'live' ? base + r.int(5_000, 60_000)
      : version === 'acoustic' ? base * (0.85 + r.next() * 0.2)
      : version === 'radio_edit' ? base - r.int(20_000, 70_000)
      : base * (0.9 + r.next() * 0.5),
      90_000, 480_000));
    const isrcYear = version === 'studio' ? song.firstRelease.year : year;
    const recording: RecordingDraft = {
      song, version, ...marker, durationMs, year: isrcYear, tracks: [],
      isrc: this.ids.isrc(song.artist.country, song.artist.registrant, isrcYear),
    };
    song.recordings.push(recording);
    return recording;
  }

  /** The song's studio recording, made on first use. */
  studio(song: SongDraft): RecordingDraft {
    return song.recordings.find((rec) => rec.version === 'studio') ?? this.recording(song, 'studio', song.firstRelease.year);
  }

  // ---------- releases ----------

  album(artists: readonly string[], name: string, albumType: AlbumType, edition: Edition, date: ReleaseDate, label: string, popularity: number): SimAlbum {
    const album: SimAlbum = {
      id: this.ids.spotifyId(), name, albumType, edition, artistIds: [...artists],
      releaseDate: date.text, releaseDatePrecision: date.precision, trackIds: [],
      label, upc: this.ids.upc(), popularity: clamp(Math.round(popularity), 0, 100),
    };
    this.albums.push(album);
    return album;
  }

  /** Puts a recording on a release as a new Spotify track. */
  track(album: SimAlbum, recording: RecordingDraft, popularityShift = 0, discNumber = 1): SimTrack {
    const r = this.random;
    const { song } = recording;
    const features = song.featured.length === 0 ? ''
      : ` (${song.featureWord} ${song.featured.length === 1 ? song.featured[0]!.artist.name : `${song.featured[0]!.artist.name} ${r.chance(0.5) ? '&' : 'and'} ${song.featured[1]!.artist.name}`})`;
    let discs = this.tracksOnDisc.get(album);
    if (!discs) this.tracksOnDisc.set(album, (discs = []));
    const onDisc = discs[discNumber] ?? 0;
    discs[discNumber] = onDisc + 1;
    const track: SimTrack = {
      id: this.ids.spotifyId(),
      name: `${song.title.text}${features}${recording.suffix}`,
      baseName: song.title.text,
      artistIds: [song.artist.artist.id, ...song.featured.map((f) => f.artist.id)],
      albumId: album.id,
      discNumber,
      trackNumber: onDisc + 1,
      durationMs: recording.durationMs,
      explicit: song.explicit,
      isrc: recording.isrc,
      popularity: clamp(Math.round(song.fame * 75 + song.artist.artist.popularity * 0.2 + r.gaussian() * 5 + popularityShift), 0, 100),
      language: song.language,
    };
    album.trackIds.push(track.id);
    this.tracksById.set(track.id, track);
    recording.tracks.push(track);
    song.tracks.push(track);
    this.recordingOf.set(track.id, recording);
    return track;
  }

  /** An artist's whole catalogue, spending exactly `budget` tracks. */
  artistDiscography(artist: ArtistProfile, budget: number): void {
    const r = this.random;
    const names = releaseNames(r, artist);
    const titlesUsed = new Set<string>();
    const studioAlbums: { album: SimAlbum; recordings: RecordingDraft[]; year: number }[] = [];
    let remaining = budget;
    let year = artist.careerStart;
    let pendingSingle: RecordingDraft | null = null;
    const reissueShare = artist.careerStart < 2000 || artist.fame > 0.35 ? 0.3 : 0.1;
    let studioBudget = Math.max(1, Math.round(budget * (1 - reissueShare)));

    while (studioBudget > 0 && remaining > 0) {
      const kind = studioBudget < 4 ? 'single' : r.weighted([['album', 5], ['single', 3.5], ['ep', 1.5]] as const);
      const y = Math.min(year, LAST_YEAR);
      if (kind === 'single') {
        const song = this.newSong(artist, y, titlesUsed, true);
        const single = this.album([artist.artist.id, ...song.featured.map((f) => f.artist.id)], song.title.text, 'single', 'studio', song.firstRelease, artist.label, song.fame * 80);
        const studio = this.studio(song);
        this.track(single, studio);
        let spent = 1;
        if (studioBudget >= 2 && r.chance(0.25)) {
          const extra = r.weighted([['radio_edit', 2], ['remix', 2], ['acoustic', 1]] as const);
          const marker = names.versionMarker(extra);
          this.track(single, this.recording(song, extra, y, marker), -15);
          spent++;
        }
        pendingSingle = studio;
        studioBudget -= spent;
        remaining -= spent;
      } else {
        const size = Math.min(studioBudget, kind === 'ep' ? r.int(4, 6) : r.int(8, 14));
        const title = names.albumTitle();
        const date = releaseDate(r, y);
        const album = this.album([artist.artist.id], title, kind === 'ep' ? 'single' : 'album', 'studio', date, artist.label, artist.artist.popularity * 0.8);
        const recordings: RecordingDraft[] = [];
        for (let i = 0; i < size; i++) {
          const recording: RecordingDraft = i === 0 && pendingSingle ? pendingSingle : this.studio(this.newSong(artist, y, titlesUsed, i < 2));
          if (recording.song.firstRelease.year > y) recording.song.firstRelease = date;
          this.track(album, recording);
          recordings.push(recording);
        }
        pendingSingle = null;
        if (kind === 'album') studioAlbums.push({ album, recordings, year: y });
        studioBudget -= size;
        remaining -= size;
        year += r.int(1, 3);
      }
    }

    // Reissues: remasters of old albums, deluxe editions, live albums, greatest hits.
    let guard = 0;
    while (remaining > 0 && guard++ < 50) {
      const old = studioAlbums.filter((a) => a.year <= 2010 && !names.remastered.has(a.album.id));
      const options: [string, number][] = [['deluxe', studioAlbums.length > 0 ? 2 : 0], ['live', studioAlbums.length > 0 ? 1.5 : 0], ['hits', studioAlbums.length > 1 ? 1.5 : 0], ['remaster', old.length > 0 ? 3 : 0], ['single', 0.5]];
      const kind = r.weighted(options);
      if (kind === 'remaster') remaining -= this.remaster(r.pick(old), names, remaining);
      else if (kind === 'deluxe') remaining -= this.deluxe(r.pick(studioAlbums), names, remaining, titlesUsed);
      else if (kind === 'live') remaining -= this.liveAlbum(artist, names, remaining);
      else if (kind === 'hits') remaining -= this.greatestHits(artist, names, remaining);
      else {
        const song = this.newSong(artist, Math.min(year, LAST_YEAR), titlesUsed, true);
        this.track(this.album([artist.artist.id], song.title.text, 'single', 'studio', song.firstRelease, artist.label, song.fame * 80), this.studio(song));
        remaining -= 1;
      }
    }
  }

  private remaster(original: { album: SimAlbum; recordings: RecordingDraft[]; year: number }, names: ReleaseNames, budget: number): number {
    const r = this.random;
    const year = clamp(Math.max(original.year + r.int(12, 40), r.int(1994, 2023)), 1994, 2024);
    const style: RemasterStyle = r.pick(['year-first', 'year-last', 'plain'] as const);
    names.remastered.add(original.album.id);
    const album = this.album(original.album.artistIds, names.remasterAlbum(original.album.name, year, style), 'album', 'remaster', releaseDate(r, year, 'day'), original.album.label, original.album.popularity + 10);
    const marker = names.remasterMarker(year, style);
    const count = Math.min(budget, original.recordings.length);
    for (const studio of original.recordings.slice(0, count)) this.track(album, this.recording(studio.song, 'remaster', year, marker), 5);
    return count;
  }

  private deluxe(original: { album: SimAlbum; recordings: RecordingDraft[]; year: number }, names: ReleaseNames, budget: number, titlesUsed: Set<string>): number {
    const r = this.random;
    const year = Math.min(original.year + r.pick([0, 0, 1, 5, 10]), LAST_YEAR);
    const album = this.album(original.album.artistIds, names.deluxeAlbum(original.album.name), 'album', 'deluxe', releaseDate(r, year), original.album.label, original.album.popularity);
    const keep = original.recordings.slice(0, budget);
    for (const recording of keep) this.track(album, recording);
    let spent = keep.length;
    const disc = keep.length > 12 ? 2 : 1;
    for (let bonus = r.int(2, 4); bonus > 0 && spent < budget; bonus--, spent++) {
      const version = r.weighted([['acoustic', 2], ['live', 2], ['new', 2], ['remix', 1]] as const);
      if (version === 'new') this.track(album, this.studio(this.newSong(original.recordings[0]!.song.artist, year, titlesUsed, false)), -10, disc);
      else {
        const song = r.pick(original.recordings).song;
        this.track(album, this.recording(song, version, year, names.versionMarker(version)), -15, disc);
      }
    }
    return spent;
  }

  private liveAlbum(artist: ArtistProfile, names: ReleaseNames, budget: number): number {
    const r = this.random;
    const songs = (this.songsByArtist.get(artist) ?? []).filter((s) => s.language !== 'instrumental' && s.recordings.some((rec) => rec.version === 'studio'));
    if (songs.length === 0) return 0;
    const year = Math.min(Math.max(...songs.map((s) => s.firstRelease.year)) + r.int(0, 3), LAST_YEAR);
    const live = names.liveRelease(year);
    const album = this.album([artist.artist.id], live.albumName, 'album', 'live', releaseDate(r, year), artist.label, artist.artist.popularity * 0.6);
    const setlist = [...songs].sort((a, b) => b.fame - a.fame).slice(0, Math.min(budget, r.int(8, 14)));
    for (const song of setlist) this.track(album, this.recording(song, 'live', year, live.marker()), -20);
    return setlist.length;
  }

  private greatestHits(artist: ArtistProfile, names: ReleaseNames, budget: number): number {
    const r = this.random;
    const hits = (this.songsByArtist.get(artist) ?? []).filter((s) => s.language !== 'instrumental' && s.recordings.length > 0).sort((a, b) => b.fame - a.fame).slice(0, Math.min(budget, r.int(10, 16)));
    if (hits.length === 0) return 0;
    const year = Math.min(Math.max(...hits.map((s) => s.firstRelease.year)) + r.int(1, 6), LAST_YEAR);
    const album = this.album([artist.artist.id], names.hitsAlbum(), 'compilation', 'studio', releaseDate(r, year), artist.label, artist.artist.popularity * 0.7);
    for (const song of hits) {
      const remastered = song.recordings.find((rec) => rec.version === 'remaster');
      this.track(album, remastered && r.chance(0.5) ? remastered : this.studio(song), -12);
    }
    return hits.length;
  }

  /** Multi-artist compilations ("Summer Hits 2019"): existing recordings under "Various Artists". */
  variousArtistsCompilations(variousArtistsId: string, budget: number): void {
    const r = this.random;
    const candidates = this.songs.filter((s) => s.fame > 0.25 && s.language !== 'instrumental' && s.recordings.some((rec) => rec.version === 'studio'));
    if (candidates.length === 0) candidates.push(...this.songs.filter((s) => s.recordings.length > 0));
    let remaining = budget;
    while (remaining > 0 && candidates.length > 0) {
      const size = Math.min(remaining, r.int(12, 20));
      const theme = r.pick(candidates).language;
      const themed = candidates.filter((s) => s.language === theme);
      const pool = themed.length >= size ? themed : candidates;
      const year = Math.min(r.int(1995, LAST_YEAR), LAST_YEAR);
      const album = this.album([variousArtistsId], variousArtistsTitle(r, theme, year), 'compilation', 'studio', releaseDate(r, year, 'day'), r.pick(['Universal Music Group', 'Sony Music Entertainment', 'Warner Music Group', 'Ministry of Sound']), 40 + r.int(0, 30));
      const chosen = new Set<SongDraft>();
      while (chosen.size < Math.min(size, pool.length)) chosen.add(r.pick(pool));
      for (const song of chosen) this.track(album, this.studio(song), -18);
      remaining -= chosen.size;
    }
  }
}

function variousArtistsTitle(random: Random, language: string, year: number): string {
  const themed: Record<string, string[]> = {
    es: [`Éxitos Latinos ${year}`, 'Reggaeton Hits', 'Baladas Románticas'],
    pt: [`Hits Brasil ${year}`, 'Sertanejo Total'],
    ja: [`J-Pop Best ${year}`, 'アニソン・ベスト'],
    ko: [`K-Pop Hits ${year}`, 'K-Drama OST Collection'],
    fr: [`Les Plus Belles Chansons ${year}`, 'Chanson Française'],
    de: [`Deutsche Hits ${year}`, 'Schlager Party'],
    ru: [`Русские Хиты ${year}`],
  };
  const general = [`Now That's What I Call Music! ${random.int(20, 115)}`, `Summer Hits ${year}`, `Top Hits ${year}`, 'Chill Vibes', 'Rock Anthems', 'Road Trip Classics', `Ultimate ${year}`];
  return random.pick(themed[language] && random.chance(0.7) ? themed[language]! : general);
}
