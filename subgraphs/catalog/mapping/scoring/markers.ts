/**
 * Version markers: the words that say an upload is not the plain studio recording (live, remix,
 * sped up, slowed, nightcore, 8D, karaoke, instrumental, a cappella, acoustic, cover, loops,
 * reactions, tutorials, clips, other edits, "<X> Version"), and the informational ones (remaster,
 * lyrics, official, audio). A marker only counts against an upload when the Spotify title does not
 * carry the same family: a live Spotify track should pick the live upload.
 *
 * Phrases are matched on token boundaries of folded text (see normalise.ts), so "Alive" is not
 * "live" and "slowed+reverb" is "slowed reverb". Non-Latin phrases are matched as substrings.
 */
import { fold, phraseText } from '../../../../providers/text/normalise.js';

/** Families that make an upload a different recording or not a recording at all. */
export type MarkerFamily =
  | 'live' | 'remix' | 'sped-up' | 'slowed' | 'nightcore' | '8d' | 'karaoke' | 'instrumental'
  | 'acapella' | 'acoustic' | 'cover' | 'loop' | 'reaction' | 'tutorial' | 'clip' | 'edit';

export const MARKER_FAMILIES: readonly MarkerFamily[] = [
  'live', 'remix', 'sped-up', 'slowed', 'nightcore', '8d', 'karaoke', 'instrumental',
  'acapella', 'acoustic', 'cover', 'loop', 'reaction', 'tutorial', 'clip', 'edit',
];

interface FamilyPhrases {
  /** Latin phrases, as folded tokens joined by spaces. */
  words: readonly string[];
  /** Substrings for scripts without a Latin spelling of the marker. */
  native?: readonly string[];
}

const FAMILIES: Record<MarkerFamily, FamilyPhrases> = {
  live: {
    // "DVD": Brazilian and Latin official concert videos ("Vídeo Oficial do DVD") are live takes.
    words: ['live', 'en vivo', 'ao vivo', 'en directo', 'dal vivo', 'dvd', 'canli', 'in concert', 'concert', 'concierto', 'konzert',
      'unplugged', 'the first take', 'live lounge', 'tiny desk', 'kexp', 'inkigayo', 'music bank', 'm countdown',
      'performs', 'live performance', 'full performance', 'performance at', 'performance on', 'performance in', 'session', 'sessions'],
    native: ['인기가요', '엠카운트다운', '라이브', 'ライブ', 'концерт', 'حفلة', 'مباشر'],
  },
  remix: {
    words: ['remix', 'remixed', 'remixes', 'rmx', 're mix', 'mix', 'bootleg', 'mashup', 'flip', 'rework', 'reinterpreted',
      'reimagined', 'bass boosted', 'vip', 'lofi', 'lo fi', 'phonk', 'dub'],
    native: ['리믹스', 'リミックス', 'ремикс', 'ريمكس'],
  },
  'sped-up': { words: ['sped up', 'speed up', 'spedup', 'sped', 'faster'] },
  slowed: { words: ['slowed', 'reverb', 'daycore', 'chopped and screwed'] },
  nightcore: { words: ['nightcore'] },
  '8d': { words: ['8d', '16d', '3d audio', '8d audio', 'use headphones'] },
  karaoke: {
    words: ['karaoke', 'karafun', 'sing along', 'singalong', 'minus one', 'backing track', 'off vocal', 'instrumental with lyrics'],
    native: ['カラオケ', '노래방', 'كاريوكي', 'караоке', 'минус'],
  },
  instrumental: {
    words: ['instrumental', 'instrumentals', 'inst', 'type beat', 'piano', 'guitar', 'violin', 'flute', 'cello', 'oud', 'saxophone',
      'music box', '8 bit', 'lullaby', 'orchestral'],
    native: ['عزف', '피아노', 'ピアノ', 'ギター', 'バイオリン', 'пианино', 'гитар', 'инструментал'],
  },
  acapella: { words: ['acapella', 'a cappella', 'acappella', 'a capella', 'vocals only', 'vocal only', 'isolated vocals', 'voice only'] },
  acoustic: { words: ['acoustic', 'acustico', 'acoustique', 'unplugged', 'stripped'] },
  cover: {
    words: ['cover', 'covers', 'covered', 'tribute', 'parody', 'kidz bop', 'female version', 'male version', 'in the style of'],
    native: ['歌ってみた', 'カバー', '커버', 'кавер'],
  },
  loop: { words: ['1 hour', '2 hours', '3 hours', '10 hours', '1hour', '10hours', 'hour loop', 'hours loop', 'loop', 'hour version'] },
  reaction: { words: ['reaction', 'reacts', 'reacting', 'react', 'first time hearing', 'first time listening'], native: ['リアクション', '리액션'] },
  tutorial: {
    words: ['tutorial', 'lesson', 'lessons', 'how to play', 'chords', 'tabs', 'dance practice', 'choreography', 'dance cover',
      'mirrored', 'dance challenge', 'drum cover', 'sheet music', 'synthesia', 'how to sing'],
    native: ['弾き語り', '코드', '안무', '連弾'],
  },
  clip: {
    words: ['scene', 'trailer', 'teaser', 'documentary', 'interview', 'compilation', 'movie clip', 'behind the scenes', 'making of',
      'goes viral', 'meditation', 'sleep sounds', 'sleep music', 'full album', 'tiktok', 'shorts', 'literal video', 'halftime show',
      'full show', 'best moments', 'highlights'],
  },
  edit: {
    words: ['radio edit', 'single edit', '7 edit', 'radio version', 'single version', 'extended', 'club mix', 'clean', 'edited',
      'short version', 'video edit', 'album edit', 'sped edit'],
  },
};

/** Per family: its one-word phrases as a set, its longer phrases padded for boundary matching. */
const COMPILED: Record<MarkerFamily, { single: Set<string>; multi: { first: string; padded: string }[] }> = Object.fromEntries(
  MARKER_FAMILIES.map((family) => {
    const phrases = FAMILIES[family].words;
    return [family, {
      single: new Set(phrases.filter((p) => !p.includes(' '))),
      multi: phrases.filter((p) => p.includes(' ')).map((p) => ({ first: p.split(' ')[0]!, padded: ` ${p} ` })),
    }];
  }),
) as Record<MarkerFamily, { single: Set<string>; multi: { first: string; padded: string }[] }>;

/** One-word marker phrases and the key words of longer ones: they name a version, not the song. */
const MARKER_VOCABULARY = new Set([
  ...MARKER_FAMILIES.flatMap((family) => FAMILIES[family].words.filter((phrase) => !phrase.includes(' '))),
  'vivo', 'directo', 'edit', 'radio', 'single', 'sped', 'version', 'ver', 'versione', 'versao',
]);

export function isMarkerWord(word: string): boolean {
  return MARKER_VOCABULARY.has(word);
}

/** Marker families present in a title, given its tokens (artist names already taken out). */
export function detectMarkers(words: readonly string[]): Set<MarkerFamily> {
  const present = new Set(words);
  let text: string | null = null;
  const raw = words.join('');
  const nonAscii = /[^ -~]/.test(raw); // anything outside printable ASCII
  const found = new Set<MarkerFamily>();
  for (const family of MARKER_FAMILIES) {
    const { single, multi } = COMPILED[family];
    let hit = false;
    for (const word of single) if (present.has(word)) { hit = true; break; }
    if (!hit) {
      for (const phrase of multi) {
        if (!present.has(phrase.first)) continue;
        text ??= phraseText(words);
        if (text.includes(phrase.padded)) { hit = true; break; }
      }
    }
    if (!hit && nonAscii) hit = FAMILIES[family].native?.some((n) => raw.includes(n)) ?? false;
    if (hit) found.add(family);
  }
  return found;
}

/** Phrases in a description that give away what an upload is (titles sometimes do not). */
const DESCRIPTION_MARKERS: readonly [MarkerFamily, RegExp][] = [
  ['live', /\bperforming\b[^\n]*\blive\b|\blive (at|from|in|on)\b|\brecorded live\b|\blive performance\b/],
  ['cover', /\bmy cover\b|\bcover of\b|\boriginal song by\b|\bcovered by\b/],
  ['karaoke', /\bsing along\b/],
  ['sped-up', /#spedup|\bsped up\b/],
  ['slowed', /\bslowed\b/],
  ['8d', /\buse headphones\b|\b8d audio\b/],
  ['nightcore', /\bnightcore\b/],
];

/** Marker families an upload's description reveals. Not for Topic uploads, whose description repeats the title. */
export function descriptionMarkers(description: string): Set<MarkerFamily> {
  const text = fold(description);
  const found = new Set<MarkerFamily>();
  for (const [family, pattern] of DESCRIPTION_MARKERS) if (pattern.test(text)) found.add(family);
  return found;
}

/** Third-party upload boilerplate: "All rights belong to…", "Original: …". */
export function isThirdPartyBoilerplate(description: string): boolean {
  return /\ball rights (belong )?to\b|\bno copyright infringement\b|\boriginal( song)?:|\bstream \/ download\b|\bfan edit\b|\bnot official\b/.test(fold(description));
}

const VERSION_WORDS = new Set(['version', 'ver', 'versione', 'versao', 'versiyon', 'versie']);
/** Qualifiers that name no other recording ("Album Version"; a music video's "Performance ver."). */
const VERSION_NEUTRAL = new Set(['album', 'original', 'explicit', 'full', 'official', 'video', 'audio', 'lyric', 'lyrics', 'hd', 'music', 'the', 'a', 'studio', 'performance', 'mv']);
/** Qualifiers already handled as a marker family ("Acoustic Version" is acoustic). */
const VERSION_FAMILY_WORDS = new Set(['karaoke', 'acoustic', 'instrumental', 'remix', 'live', 'extended', 'radio', 'single', 'short', 'long',
  'clean', 'edit', 'up', 'sped', 'slowed', 'female', 'male', 'piano', 'hour']);
const LANGUAGE_ALIASES: Record<string, string> = {
  espanol: 'spanish', spanish: 'spanish', english: 'english', ingles: 'english', anglais: 'english', englische: 'english',
  portugues: 'portuguese', portuguese: 'portuguese', francais: 'french', french: 'french', jp: 'japanese', japanese: 'japanese',
  japan: 'japanese', kr: 'korean', korean: 'korean', russian: 'russian', italiano: 'italian', italian: 'italian',
  deutsch: 'german', german: 'german', chinese: 'chinese', cn: 'chinese',
};

/**
 * "<X> Version" qualifiers naming a distinct recording: "Taylor's Version" → taylors,
 * "Spanish Version" / "Versión en Español" → spanish, "JP Ver." → japanese, "1984 Version" → 1984.
 */
export function versionQualifiers(words: readonly string[]): Set<string> {
  const found = new Set<string>();
  words.forEach((word, i) => {
    if (!VERSION_WORDS.has(word)) return;
    const after = words[i + 1];
    const qualifier = after && ['en', 'em', 'in'].includes(after) ? words[i + 2] : words[i - 1];
    if (!qualifier || VERSION_NEUTRAL.has(qualifier) || VERSION_FAMILY_WORDS.has(qualifier)) return;
    found.add(LANGUAGE_ALIASES[qualifier] ?? qualifier);
  });
  return found;
}

const REMASTER_WORDS = new Set(['remaster', 'remastered', 'remasterizado', 'remasterise', 'remasterisee', 'remasterizada', 'remasterizzato', 'remasterisiert']);

/** True when the words say remaster: the same performance, re-mastered (not a penalty). */
export function hasRemaster(words: readonly string[]): boolean {
  return words.some((w) => REMASTER_WORDS.has(w));
}

export function isRemasterWord(word: string): boolean {
  return REMASTER_WORDS.has(word);
}

const LYRIC_WORDS = [' lyrics ', ' lyric ', ' lyrical ', ' letra ', ' letras ', ' paroles ', ' testo ', ' songtext ', ' sozleri ', ' subtitles ',
  ' translation ', ' color coded ', ' rom eng ', ' kan rom eng ', ' han rom eng '];
const LYRIC_NATIVE = ['가사', '歌詞', 'كلمات', 'текст', 'перевод'];

/** Lyric-video words ("(Lyrics)", "Letra", "Color Coded", "English Translation"). */
export function hasLyrics(words: readonly string[]): boolean {
  const text = phraseText(words);
  const raw = words.join('');
  return LYRIC_WORDS.some((w) => text.includes(w)) || LYRIC_NATIVE.some((w) => raw.includes(w));
}

/** Official-upload words ("Official Video", "MV", "Clip officiel", "Video Oficial", "Visualizer"). */
export function hasOfficialWords(words: readonly string[]): boolean {
  const text = phraseText(words);
  return [' official ', ' oficial ', ' officiel ', ' offizielles ', ' ufficiale ', ' mv ', ' m v ', ' music video ', ' visualizer ', ' clipe ', ' clip ']
    .some((w) => text.includes(w)) || words.join('').includes('премьера');
}

/** Words saying the upload is the audio only ("Official Audio", "Audio Officiel", "Full Song Audio"). */
export function saysAudio(words: readonly string[]): boolean {
  const text = phraseText(words);
  return text.includes(' audio ') && !text.includes(' 8d audio ') && !text.includes(' 3d audio ');
}

/** Words that describe an upload rather than name the song; ignored when comparing titles. */
export const NOISE_WORDS = new Set([
  'official', 'oficial', 'officiel', 'offizielles', 'ufficiale', 'video', 'videoclip', 'music', 'musica', 'audio', 'lyric',
  'lyrics', 'lyrical', 'letra', 'letras', 'paroles', 'testo', 'songtext', 'sozleri', 'hd', 'hq', '4k', '1080p', '720p', 'mv',
  'm', 'v', 'clip', 'clipe', 'visualizer', 'full', 'song', 'premiere', 'color', 'coded', 'eng', 'rom', 'han',
  'kan', 'sub', 'subs', 'subtitles', 'english', 'translation', 'with', 'feat', 'ft', 'featuring', 'prod', 'by', 'topic', 'vevo',
  'explicit', 'new', 'version', 'ver', 'do', 'novo', 'nuevo', 'nouveau', 'neues', 'musikvideo', 'from', 'ost', 'theme',
  'soundtrack', 'original', 'the', 'a', 'and', 'of', 'album', 'bonus', 'track', 'edition', 'deluxe', 'motion', 'picture',
  'remastered', 'lyricvideo', 'mood', 'visualiser', 'vertical', '가사', '歌詞', 'текст', 'песни', 'كلمات', 'مع', 'الكلمات',
  'musicvideo', 'pv', 'stream', 'download',
]);
