/**
 * YouTube titles and descriptions as uploaders really write them, per kind of upload and per
 * language: "Queen – Bohemian Rhapsody (Official Video Remastered)", "YOASOBI「夜に駆ける」 Official
 * Music Video", "BLACKPINK - '뚜두뚜두' M/V", "Luis Fonsi - Despacito ft. Daddy Yankee (Letra / Lyrics)",
 * "Nightcore - Song", "Provided to YouTube by …" descriptions on auto-generated uploads.
 */
import type { Random } from './random.js';
import { slug } from './text.js';

export interface TitleParts {
  artist: string; // the name the uploader writes (native script on some official channels)
  song: string;
  /** Romanized song title, for lyric channels that write both ("Yoru ni Kakeru (夜に駆ける)"). */
  songLatin: string;
  featured: string[];
  language: string;
}

const ft = (p: TitleParts, word = 'ft.'): string => (p.featured.length === 0 ? '' : ` ${word} ${p.featured.join(', ')}`);

/** Title templates are built once; a call picks one and renders only that one. */
type Template = (p: TitleParts, extra: string) => string;
const render = (r: Random, templates: readonly Template[], p: TitleParts, extra = ''): string => r.pick(templates)(p, extra);

const OFFICIAL_VIDEO: Record<string, readonly Template[]> = {
  ja: [(p) => `${p.artist}「${p.song}」Official Music Video`, (p) => `${p.artist} MV「${p.song}」`, (p) => `${p.artist} - ${p.song} (Official Video)`],
  ko: [(p) => `${p.artist} - '${p.song}' M/V`, (p) => `${p.artist} '${p.song}' MV`, (p) => `[MV] ${p.artist} _ ${p.song}`],
  es: [(p) => `${p.artist} - ${p.song} (Video Oficial)`, (p) => `${p.artist} - ${p.song}${ft(p)} (Official Video)`, (p) => `${p.artist.toUpperCase()} - ${p.song.toUpperCase()} (Video Oficial)`],
  pt: [(p) => `${p.artist} - ${p.song} - Clipe Oficial`, (p) => `${p.artist} - ${p.song} (Clipe Oficial)`, (p) => `${p.artist} - ${p.song} (Official Video)`],
  fr: [(p) => `${p.artist} - ${p.song} (Clip officiel)`, (p) => `${p.artist} - ${p.song} (Official Video)`],
  de: [(p) => `${p.artist} - ${p.song} (Offizielles Musikvideo)`, (p) => `${p.artist} - ${p.song} (Official Video)`, (p) => `${p.artist} - ${p.song} (Official 4K Video)`],
  ru: [(p) => `${p.artist} - ${p.song} (Official Music Video)`, (p) => `${p.artist} — ${p.song} (Премьера клипа)`],
  en: [
    (p) => `${p.artist} - ${p.song} (Official Video)`, (p) => `${p.artist} - ${p.song} (Official Music Video)`, (p) => `${p.artist} - ${p.song} [Official Video]`,
    (p) => `${p.artist} - ${p.song} (Official HD Video)`, (p) => `${p.artist} - ${p.song}${ft(p)}`, (p) => `${p.artist} - ${p.song} (Official Video)${ft(p, 'feat.')}`,
    (p) => `${p.artist.toUpperCase()} - ${p.song.toUpperCase()} (OFFICIAL VIDEO)`, (p) => `${p.song} [Official HD Music Video] - ${p.artist}`, (p) => `${p.artist} – ${p.song} (Official Video)`,
  ],
};

export function officialVideoTitle(r: Random, p: TitleParts, remastered: boolean): string {
  if (remastered) return `${p.artist} – ${p.song} (Official Video Remastered)`;
  return render(r, OFFICIAL_VIDEO[p.language] ?? OFFICIAL_VIDEO.en!, p);
}

const OFFICIAL_AUDIO: readonly Template[] = [(p) => `${p.artist} - ${p.song} (Official Audio)`, (p) => `${p.artist} - ${p.song} (Audio)${ft(p)}`, (p) => `${p.artist} - ${p.song} (Official Audio)${ft(p)}`, (p) => `${p.artist} - ${p.song} [Official Audio]`];

export function officialAudioTitle(r: Random, p: TitleParts): string {
  if (p.language === 'es') return `${p.artist} - ${p.song} (Audio Oficial)${ft(p)}`;
  if (p.language === 'fr') return `${p.artist} - ${p.song} (Audio officiel)`;
  return render(r, OFFICIAL_AUDIO, p);
}

const OFFICIAL_LYRICS: readonly Template[] = [(p) => `${p.artist} - ${p.song} (Lyric Video)`, (p) => `${p.artist} - ${p.song} [Official Lyric Video]`, (p) => `${p.artist} - ${p.song} (Official Lyric Video)`];

export function officialLyricVideoTitle(r: Random, p: TitleParts): string {
  return render(r, OFFICIAL_LYRICS, p);
}

const FAN_LYRICS: readonly Template[] = [(p) => `${p.artist} - ${p.song} (Lyrics)`, (p) => `${p.artist} - ${p.song} (Lyrics)${ft(p)}`, (p) => `${p.artist} - ${p.song} [Lyrics]`, (p) => `${p.song} - ${p.artist} (Lyrics)`, (p) => `${p.artist} - ${p.song} (Lyrics) 🎵`];

export function fanLyricVideoTitle(r: Random, p: TitleParts): string {
  switch (p.language) {
    case 'es': case 'pt': return `${p.artist} - ${p.song}${ft(p)} (Letra/Lyrics)`;
    case 'fr': return `${p.artist} - ${p.song} (Paroles/Lyrics)`;
    case 'de': return `${p.artist} - ${p.song} (Lyrics English & German)`;
    case 'ja': return `${p.artist} - ${p.songLatin} (${p.song}) Lyrics [Kan/Rom/Eng]`;
    case 'ko': return `${p.artist} - ${p.song} (Color Coded Lyrics Eng/Rom/Han/가사)`;
    case 'ru': return `${p.artist} - ${p.songLatin} (Lyrics + English Translation)`;
    default: return render(r, FAN_LYRICS, p);
  }
}

const LIVE: readonly Template[] = [(p, w) => `${p.artist} - ${p.song} (Live at ${w})`, (p, w) => `${p.artist} - ${p.song} (Live on ${w})`, (p, w) => `${p.artist} performing ${p.song} Live at ${w}`, (p) => `${p.artist} - ${p.song} | Live`];

export function liveTitle(r: Random, p: TitleParts, where: string): string {
  if (p.language === 'ko') return `${p.artist} - ${p.song} @ ${where}`;
  if (p.language === 'ja' && where === 'THE FIRST TAKE') return `${p.artist} - ${p.song} / THE FIRST TAKE`;
  return render(r, LIVE, p, where);
}

const COVER: readonly Template[] = [(p, c) => `${p.song} - ${p.artist} (Cover by ${c})`, (p, c) => `${p.artist} - ${p.song} (${c} Cover)`, (p, c) => `${p.song.toUpperCase()} - ${p.artist.toUpperCase()} ( ${c.toUpperCase()} COVER )`, (p, c) => `${p.song} | Acoustic Cover by ${c}`];

export function coverTitle(r: Random, p: TitleParts, coverArtist: string): string {
  if (p.language === 'ja') return `【歌ってみた】${p.song} / ${p.artist} (Covered by ${coverArtist})`;
  return render(r, COVER, p, coverArtist);
}

export type EditKind = 'remix' | 'sped_up' | 'slowed' | 'nightcore' | '8d' | 'karaoke' | 'instrumental' | 'fan_upload';

const EDITS: Record<EditKind, readonly Template[]> = {
  remix: [(p, x) => `${p.artist} - ${p.song} (${x} Remix)`, (p, x) => `${p.song} (${x} Remix) [Bass Boosted]`],
  sped_up: [(p) => `${p.artist} - ${p.song} (sped up)`, (p) => `${p.artist} - ${p.song} (sped up + lyrics)`, (p) => `${p.song} - sped up`, (p) => `${p.artist} - ${p.song} (Sped Up Version)`],
  slowed: [(p) => `${p.artist} - ${p.song} (slowed + reverb)`, (p) => `${p.artist} - ${p.song} | slowed to perfection`, (p) => `${p.song} (slowed)`],
  nightcore: [(p) => `Nightcore - ${p.song}`, (p) => `Nightcore - ${p.song} (Lyrics)`, (p) => `「Nightcore」 ${p.song}`],
  '8d': [(p) => `${p.artist} - ${p.song} (8D AUDIO)`, (p) => `${p.artist} - ${p.song} (8D AUDIO) 🎧`, (p) => `${p.song} 8D Audio - ${p.artist} (Use Headphones)`],
  karaoke: [(p) => `${p.artist} - ${p.song} (Karaoke Version)`, (p) => `${p.song} | Karaoke Version | KaraFun`, (p) => `${p.song} - ${p.artist} (Karaoke)`],
  instrumental: [(p) => `${p.artist} - ${p.song} (Instrumental)`, (p) => `${p.song} (Instrumental) - ${p.artist}`, (p) => `${p.artist} - ${p.song} | Instrumental`],
  fan_upload: [(p) => `${p.artist} - ${p.song}`, (p) => `${p.artist} - ${p.song} (Audio)`, (p) => `${p.artist} - ${p.song} [HQ]`, (p) => `${p.artist} - ${p.song} (HQ Audio)`, (p) => `${p.song} - ${p.artist}`],
};

export function editTitle(r: Random, kind: EditKind, p: TitleParts, remixer: string): string {
  return render(r, EDITS[kind], p, remixer);
}

export type UnrelatedKind = 'tutorial' | 'reaction' | 'clips' | 'loop' | 'words';

const UNRELATED: Record<UnrelatedKind, readonly Template[]> = {
  tutorial: [(p) => `${p.song} Dance Tutorial`, (p) => `${p.song} Guitar Lesson - Intro & Solo (${p.artist})`, (p) => `${p.song} - ${p.artist} | Piano Tutorial`, (p) => `How to play ${p.song} on drums`],
  reaction: [(p) => `Reacting to ${p.artist} - ${p.song}`, (p) => `Rapper Reacts to ${p.artist} - ${p.song}`, (p) => `FIRST TIME HEARING ${p.artist} - ${p.song} | REACTION`],
  clips: [(p) => `${p.artist} - ${p.song} Scene (HD)`, (p) => `${p.song} goes viral on TikTok`, (p) => `${p.song} (Movie Scene) | Best Moments`],
  loop: [(p) => `${p.artist} - ${p.song} (1 HOUR)`],
  words: [(p) => `${p.song} - Meditation Music`, (p) => `${p.song} | Official Trailer`, (p) => `${p.song} Sleep Sounds`, (p) => `${p.song} (Full Documentary)`],
};

export function unrelatedTitle(r: Random, kind: UnrelatedKind, p: TitleParts): string {
  return render(r, UNRELATED[kind], p);
}

export function topicDescription(title: string, artists: string[], album: string, year: number, label: string, distributor: string, releasedOn: string): string {
  return `Provided to YouTube by ${distributor}\n\n${title} · ${artists.join(' · ')}\n\n${album}\n\n℗ ${year} ${label}\n\nReleased on: ${releasedOn}\n\nAuto-generated by YouTube.`;
}

/** `links` is the song's smart-link path ("queen/bohemian-rhapsody"), made once per song. */
export function officialDescription(p: TitleParts, links: string): string {
  return `${p.artist} - ${p.song}\nListen to "${p.song}": https://lnk.to/${links}\n\nSubscribe to the official channel for more.`;
}

export function fanDescription(title: string, links: string): string {
  return `${title}\n\n⏬ Stream / Download: https://ffm.to/${links}\n\n🔔 Turn on notifications!\n\n⚠️ All rights belong to their respective owners. No copyright infringement intended.`;
}

/** The smart-link path official and fan descriptions point to. */
export function songLinks(artistLatin: string, songLatin: string): string {
  return `${slug(artistLatin) || 'artist'}/${slug(songLatin) || 'listen'}`;
}
