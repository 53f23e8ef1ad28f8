/**
 * What YouTube holds for each song: an auto-generated Art Track per release on "<artist> - Topic"
 * (duration within a second of Spotify's), official video / audio / lyric video on the artist's
 * channel (official videos often run long with intros), and everybody else's versions: fan lyric
 * videos, live performances, covers, remixes, sped up / slowed / nightcore / 8D edits, karaoke,
 * instrumentals, faithful fan re-uploads and unrelated videos sharing the title's words.
 *
 * Each upload records which recording it plays and whether its audio is that recording
 * ("faithful"), which is all the ground truth needs to decide what is acceptable.
 */
import type { ArtistProfile } from './artists.js';
import type { ChannelRegistry } from './channels.js';
import { instantAfter } from './dates.js';
import type { RecordingDraft, SongDraft } from './discography.js';
import type { IdMinter } from './ids.js';
import type { Random } from './random.js';
import type { SimAlbum, SimChannel, SimTrack, SimVideo, UploadKind } from './types.js';
import * as titles from './upload-titles.js';
import { artistName } from './names.js';

export interface UploadDraft {
  video: SimVideo;
  song: SongDraft;
  /** The recording whose audio this is, when it is one of the song's Spotify recordings. */
  recording: RecordingDraft | null;
  /** Its audio is exactly `recording` (an official video with a long intro is not). */
  faithful: boolean;
}

/** How many views a kind of upload gets, relative to the song's official video. */
const VIEW_SHARE: Record<UploadKind, number> = {
  official_video: 1, topic: 0.25, lyric_video: 0.2, official_audio: 0.08, live: 0.03, cover: 0.02, remix: 0.01,
  sped_up: 0.012, slowed: 0.01, nightcore: 0.005, '8d': 0.003, karaoke: 0.01, instrumental: 0.004, fan_upload: 0.004, unrelated: 0.01,
};
const REMIXERS = ['Mellen Gi', 'Afro House Nation', 'Bass Boosted', 'Lofi Fruits', 'Slap House', 'Phonk Nation'];
const SHOWS = ['Saturday Night Live', 'BBC Radio 1 Live Lounge', 'KEXP', 'Tiny Desk', 'Jimmy Kimmel Live', 'Glastonbury 2019', 'Coachella 2022', 'Rock am Ring 2004', 'THE FIRST TAKE', 'Inkigayo', 'Taratata', 'the GRAMMYs'];

export class UploadGenerator {
  readonly uploads: UploadDraft[] = [];
  readonly videos = new Map<string, SimVideo>();
  private readonly labelChannels = new Map<string, SimChannel>();
  private readonly coverSingers: string[];
  private links = '';
  /** The current song's title parts, as third parties and as the artist's own channel write them. */
  private songParts: titles.TitleParts | null = null;
  private officialParts: titles.TitleParts | null = null;

  constructor(
    private readonly random: Random,
    private readonly ids: IdMinter,
    private readonly channels: ChannelRegistry,
    private readonly albums: Map<string, SimAlbum>,
    private readonly artistsById: Map<string, ArtistProfile>,
  ) {
    const singers = random.fork('cover-singers');
    this.coverSingers = Array.from({ length: 150 }, () => artistName(singers, singers.pick(['en', 'en', 'es', 'pt', 'fr', 'ja', 'ko'] as const)).name);
  }

  /** Every upload of one song. */
  song(song: SongDraft): void {
    const r = this.random;
    const studio = song.recordings.find((rec) => rec.version === 'studio') ?? null;
    this.links = titles.songLinks(song.artist.name.latin, song.title.latin);
    this.songParts = this.makeParts(song, false);
    this.officialParts = song.artist.name.channelName ? this.makeParts(song, true) : this.songParts;
    for (const recording of song.recordings) {
      const delivered = !song.absentFromYouTube && !r.chance(0.05);
      recording.tracks.forEach((track, i) => {
        if (delivered && (i === 0 || r.chance(0.55))) this.topic(track, recording);
      });
      if (recording.version === 'live' && !song.absentFromYouTube && r.chance(0.35)) this.officialLive(recording);
      if (recording.version === 'acoustic' && !song.absentFromYouTube && r.chance(0.2)) this.official(recording, 'official_video', 0, 2);
    }
    if (!studio) return;
    const fame = song.fame;
    if (!song.absentFromYouTube) {
      const edit = song.recordings.find((rec) => rec.version === 'radio_edit');
      if (r.chance(0.12 + fame * 0.75)) {
        const videoOf = edit && r.chance(0.5) ? edit : studio;
        const faithful = r.chance(0.5);
        this.official(videoOf, 'official_video', faithful ? r.int(-2, 3) : r.int(12, 90), 0, faithful);
      }
      if (r.chance(0.08 + fame * 0.35)) this.official(studio, 'official_audio', 0, 1);
      if (r.chance(0.04 + fame * 0.15)) this.official(studio, 'lyric_video', r.int(0, 3), 1);
      if (r.chance(0.1)) this.fanEdit(studio, 'fan_upload', 1, 0, 2, true);
    }
    if (song.language === 'instrumental') return;
    // Everybody else's versions, more of them the better known the song is.
    for (let n = this.count(0.25 + fame * 0.7, 2); n > 0; n--) this.fanLyrics(studio);
    for (let n = this.count(0.15 + fame * 0.45, 2); n > 0; n--) this.liveElsewhere(studio);
    for (let n = this.count(0.15 + fame * 0.55, 2); n > 0; n--) this.cover(studio);
    if (r.chance(0.08 + fame * 0.15)) this.fanEdit(studio, 'remix', 1.1 + r.next() * 0.4, 0, 0, false);
    if (r.chance(0.06 + fame * 0.35)) this.fanEdit(studio, 'sped_up', 0.78 + r.next() * 0.07, 0, 0, false);
    if (r.chance(0.05 + fame * 0.3)) this.fanEdit(studio, 'slowed', 1.12 + r.next() * 0.13, 0, 0, false);
    if (r.chance(0.04 + fame * 0.15)) this.fanEdit(studio, 'nightcore', 0.75 + r.next() * 0.07, 0, 0, false);
    if (r.chance(0.04 + fame * 0.15)) this.fanEdit(studio, '8d', 1, -1, 1, false);
    if (r.chance(0.05 + fame * 0.35)) this.fanEdit(studio, 'karaoke', 1, -6, 6, false);
    if (r.chance(0.04 + fame * 0.15)) this.fanEdit(studio, 'instrumental', 1, -2, 2, false);
    // The label's own instrumental on the Topic channel: same length, same channel, wrong audio.
    if (!song.absentFromYouTube && r.chance(0.03)) this.topicInstrumental(studio);
    for (let n = this.count(0.2 + fame * 0.4, 1); n > 0; n--) this.unrelated(studio);
  }

  /** 0, 1 or up to `max`: the first with probability p, each further with p / 2. */
  private count(p: number, max: number): number {
    let n = 0;
    let chance = p;
    while (n < max && this.random.chance(chance)) {
      n++;
      chance /= 2;
    }
    return n;
  }

  /** The current song's title parts (set at the start of song()). */
  private parts(forOfficialChannel = false): titles.TitleParts {
    return (forOfficialChannel ? this.officialParts : this.songParts)!;
  }

  private makeParts(song: SongDraft, forOfficialChannel: boolean): titles.TitleParts {
    return {
      artist: forOfficialChannel && song.artist.name.channelName ? song.artist.name.channelName : song.artist.artist.name,
      song: song.title.text,
      songLatin: song.title.latin,
      featured: song.featured.map((f) => f.artist.name),
      language: song.language,
    };
  }

  private add(kind: UploadKind, channel: SimChannel, title: string, description: string, durationSeconds: number, publishedAt: string, song: SongDraft, recording: RecordingDraft | null, faithful: boolean, trackId: string, categoryId = '10', viewWeight = 1): void {
    const r = this.random;
    const views = Math.round(10 ** (2 + song.fame * 7) * VIEW_SHARE[kind] * viewWeight * (0.3 + r.next() * 1.4)) + r.int(0, 500);
    const video: SimVideo = {
      id: this.ids.videoId(), channelId: channel.id, title, description, publishedAt,
      durationSeconds: Math.max(20, Math.round(durationSeconds)),
      viewCount: views, likeCount: Math.round(views * (0.004 + r.next() * 0.02)),
      kind, trackId, categoryId, embeddable: !(channel.kind === 'vevo' && r.chance(0.05)),
    };
    this.videos.set(video.id, video);
    this.uploads.push({ video, song, recording, faithful });
  }

  private seconds(recording: RecordingDraft): number {
    return Math.round(recording.durationMs / 1000);
  }

  private primaryTrack(recording: RecordingDraft): SimTrack {
    return recording.tracks[0] ?? recording.song.tracks[0]!;
  }

  private releaseDay(recording: RecordingDraft): string {
    const album = this.albums.get(this.primaryTrack(recording).albumId);
    return fullDay(album?.releaseDate ?? String(recording.year));
  }

  private topic(track: SimTrack, recording: RecordingDraft): void {
    const r = this.random;
    const song = recording.song;
    const album = this.albums.get(track.albumId)!;
    const features = song.featured.length > 0 && r.chance(0.6) ? ` (${song.featureWord} ${song.featured.map((f) => f.artist.name).join(', ')})` : '';
    const title = `${song.title.text}${features}${recording.topicMarker}`;
    const day = fullDay(album.releaseDate);
    const artists = track.artistIds.map((id) => this.artistsById.get(id)?.artist.name ?? '');
    const description = titles.topicDescription(title, artists, album.name, Number(day.slice(0, 4)), album.label, song.artist.distributor, day);
    const published = instantAfter(r, day < '2014-06-01' ? '2014-06-01' : day, day < '2014-06-01' ? 1500 : 20);
    // Art Tracks of live or other versions, and of reissues, are watched far less than the original's.
    const weight = (recording.version === 'studio' || recording.version === 'remaster' ? 1 : 0.15) * (recording.tracks[0] === track ? 1 : 0.2);
    this.add('topic', song.artist.topic, title, description, this.seconds(recording) + r.int(-1, 1), published, song, recording, true, track.id, '10', weight);
  }

  /** The artist's own channel, else (for some) the label's. */
  private officialChannel(artist: ArtistProfile): SimChannel | null {
    if (artist.official) return artist.official;
    if (!this.random.chance(0.3)) return null;
    let channel = this.labelChannels.get(artist.label);
    if (!channel) {
      channel = this.channels.create(artist.label, 'label', 10 ** this.random.int(5, 7));
      this.labelChannels.set(artist.label, channel);
    }
    return channel;
  }

  private official(recording: RecordingDraft, kind: 'official_video' | 'official_audio' | 'lyric_video', extraSeconds: number, jitter: number, faithful = true): void {
    const r = this.random;
    const song = recording.song;
    const channel = this.officialChannel(song.artist);
    if (!channel) return;
    const p = this.parts(true);
    const remastered = kind === 'official_video' && song.firstRelease.year < 1995 && song.recordings.some((rec) => rec.version === 'remaster') && r.chance(0.5);
    const title = kind === 'official_video'
      ? recording.version === 'acoustic' ? `${p.artist} - ${p.song} (Acoustic)` : titles.officialVideoTitle(r, p, remastered)
      : kind === 'official_audio' ? titles.officialAudioTitle(r, p) : titles.officialLyricVideoTitle(r, p);
    const day = this.releaseDay(recording);
    const published = instantAfter(r, day < '2008-01-01' ? '2009-01-01' : day, day < '2008-01-01' ? 2500 : 30);
    this.add(kind, channel, title, titles.officialDescription(p, this.links), this.seconds(recording) + extraSeconds + r.int(-jitter, jitter), published, song, recording, faithful, this.primaryTrack(recording).id);
  }

  private officialLive(recording: RecordingDraft): void {
    const r = this.random;
    const channel = this.officialChannel(recording.song.artist);
    if (!channel) return;
    const p = this.parts(true);
    const venue = /Live at (.+)\)$/.exec(recording.topicMarker)?.[1];
    const title = venue ? `${p.artist} - ${p.song} (Live at ${venue})` : `${p.artist} - ${p.song}${recording.topicMarker}`;
    this.add('live', channel, title, titles.officialDescription(p, this.links), this.seconds(recording) + r.int(-1, 2), instantAfter(r, this.releaseDay(recording), 60), recording.song, recording, true, this.primaryTrack(recording).id);
  }

  private fanLyrics(studio: RecordingDraft): void {
    const r = this.random;
    const song = studio.song;
    const title = titles.fanLyricVideoTitle(r, this.parts());
    const channel = this.channels.fan('lyrics', song.language === 'instrumental' ? undefined : song.language);
    this.add('lyric_video', channel, title, titles.fanDescription(title, this.links), this.seconds(studio) + r.int(-1, 4), instantAfter(r, laterOf(this.releaseDay(studio), '2010-01-01'), 2500), song, studio, false, this.primaryTrack(studio).id);
  }

  private liveElsewhere(studio: RecordingDraft): void {
    const r = this.random;
    const official = studio.song.artist.official !== null && r.chance(0.4);
    const where = r.pick(SHOWS);
    const channel = official ? studio.song.artist.official! : this.channels.named(where.replace(/ \d{4}$/, ''), 'fan');
    const title = titles.liveTitle(r, this.parts(official), where);
    this.add('live', channel, title, `${studio.song.artist.artist.name} performing "${studio.song.title.text}" live.`, this.seconds(studio) + r.int(-15, 70), instantAfter(r, laterOf(this.releaseDay(studio), '2008-01-01'), 3000), studio.song, null, false, this.primaryTrack(studio).id);
  }

  private cover(studio: RecordingDraft): void {
    const r = this.random;
    const singer = r.pick(this.coverSingers);
    const title = titles.coverTitle(r, this.parts(), singer);
    this.add('cover', this.channels.named(singer, 'fan'), title, `My cover of "${studio.song.title.text}" by ${studio.song.artist.artist.name}. Hope you enjoy!`, this.seconds(studio) * (0.8 + r.next() * 0.35), instantAfter(r, laterOf(this.releaseDay(studio), '2009-01-01'), 2500), studio.song, null, false, this.primaryTrack(studio).id);
  }

  private fanEdit(studio: RecordingDraft, kind: titles.EditKind, factor: number, min: number, max: number, faithful: boolean): void {
    const r = this.random;
    const pool = kind === 'fan_upload' ? 'reupload' : kind;
    const title = titles.editTitle(r, kind, this.parts(), r.pick(REMIXERS));
    const since = kind === 'sped_up' || kind === 'slowed' ? '2020-06-01' : '2011-01-01';
    this.add(kind, this.channels.fan(pool), title, titles.fanDescription(title, this.links), this.seconds(studio) * factor + r.int(min, max), instantAfter(r, laterOf(this.releaseDay(studio), since), 1500), studio.song, faithful ? studio : null, faithful, this.primaryTrack(studio).id);
  }

  private topicInstrumental(studio: RecordingDraft): void {
    const r = this.random;
    const song = studio.song;
    const day = this.releaseDay(studio);
    const title = `${song.title.text} (Instrumental)`;
    const album = this.albums.get(this.primaryTrack(studio).albumId);
    const description = titles.topicDescription(title, [song.artist.artist.name], `${album?.name ?? song.title.text} (Instrumentals)`, Number(day.slice(0, 4)), song.artist.label, song.artist.distributor, day);
    this.add('instrumental', song.artist.topic, title, description, this.seconds(studio) + r.int(-1, 1), instantAfter(r, laterOf(day, '2014-06-01'), 400), song, null, false, this.primaryTrack(studio).id);
  }

  private unrelated(studio: RecordingDraft): void {
    const r = this.random;
    const kind = r.weighted([['tutorial', 3], ['reaction', 2], ['clips', 2], ['loop', 1], ['words', 2]] as const);
    const pool = kind === 'words' ? 'clips' : kind;
    const title = titles.unrelatedTitle(r, kind, this.parts());
    const duration = kind === 'loop' ? 3600 + r.int(0, 30) : kind === 'reaction' ? r.int(400, 1200) : kind === 'tutorial' ? r.int(120, 900) : r.int(25, 600);
    const category = kind === 'tutorial' ? '27' : kind === 'clips' || kind === 'words' ? '1' : kind === 'loop' ? '10' : '24';
    this.add('unrelated', this.channels.fan(pool), title, '', duration, instantAfter(r, laterOf(this.releaseDay(studio), '2010-01-01'), 2500), studio.song, null, false, this.primaryTrack(studio).id, category);
  }
}

/** "1975" → "1975-01-01", "1975-11" → "1975-11-01". */
export function fullDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

const laterOf = (a: string, b: string): string => (a > b ? a : b);
