/**
 * The language a track is sung in, when Genius does not say: detected from its titles and album
 * names. Two steps, because franc (trigram statistics) needs more text than a song title usually
 * has, while many scripts settle the question alone:
 * 1. Script: Hangul means Korean, kana Japanese, and Thai, Hebrew, Greek, Georgian and Armenian are
 *    each written for one language. Han alone (Chinese or Japanese kanji) is left to franc.
 * 2. franc, restricted to the languages of that script that music is commonly sung in (on a short
 *    string, choosing among 20 languages is far more reliable than among 400), and only when its
 *    best guess clearly beats the runner-up; otherwise the answer is `und` (undetermined).
 * franc answers ISO 639-3 (`deu`); canonicalLanguage (platform/languages.ts, ICU) stores `de`.
 *
 * Genius descriptions are not used: Genius editors write them in English whatever the song's
 * language, so they would pull every guess towards English.
 */
import { francAll } from 'franc';
import { coreSongTitle } from '../../../providers/genius/song-match.js';
import { canonicalLanguage } from '../../../platform/languages.js';

/** The code stored and exposed when the language cannot be told (ISO 639-2/3 "undetermined"). */
export const UNDETERMINED = 'und';

export type LanguageSource = 'genius' | 'script' | 'franc' | 'undetermined';

export interface DetectedLanguage {
  /** ISO 639-1 where it exists, else 639-3; `und` when undetermined. */
  language: string;
  source: LanguageSource;
}

/** Languages franc may answer per script (ISO 639-3), the ones songs are commonly written in. */
const CANDIDATES = {
  latin: ['eng', 'spa', 'por', 'fra', 'deu', 'ita', 'nld', 'swe', 'nob', 'dan', 'fin', 'tur', 'pol', 'ron', 'cat', 'ces', 'hun', 'ind', 'tgl', 'vie'],
  cyrillic: ['rus', 'ukr', 'bel', 'bul', 'srp', 'mkd', 'kaz'],
  arabic: ['arb', 'pes', 'urd'],
  devanagari: ['hin', 'mar', 'nep'],
  han: ['cmn', 'jpn'],
} as const;

/** Scripts written for one language only. */
const SINGLE_LANGUAGE_SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
];

const SCRIPT_OF: [RegExp, keyof typeof CANDIDATES][] = [
  [/\p{Script=Latin}/u, 'latin'],
  [/\p{Script=Cyrillic}/u, 'cyrillic'],
  [/\p{Script=Arabic}/u, 'arabic'],
  [/\p{Script=Devanagari}/u, 'devanagari'],
  [/\p{Script=Han}/u, 'han'],
];

/** franc's best guess must beat the runner-up by this much (its scores are relative to the best, 1). */
const RUNNER_UP_AT_MOST = 0.85;
/**
 * The languages most songs of each script are in. A close call between one of these and a
 * language few songs are in (Spanish or Catalan, Russian or Macedonian) goes to the first: on a
 * title's worth of text the trigrams barely differ, and the prior is lopsided.
 */
const MAJOR = new Set(['eng', 'spa', 'por', 'fra', 'deu', 'ita', 'nld', 'swe', 'tur', 'pol', 'rus', 'ukr', 'arb', 'hin', 'cmn']);
/**
 * Letters franc needs at least, for a guess worth keeping. With these two settings, measured on the
 * simulator's Latin-script titles and album names: about 63 % answered, 89 % of them right; looser
 * settings answer more and get more wrong, and a wrong language is worse than `und`.
 */
const MIN_LETTERS = 12;

/** Genius's `language` (`en`, `pt`, sometimes a tag like `zh-Hant`), or null when it says nothing usable (`romanization`). */
export function geniusLanguage(value: string | null | undefined): string | null {
  if (!value) return null;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return canonicalLanguage(primary);
}

/** The script most of the letters are in. */
function dominantScript(text: string): keyof typeof CANDIDATES | null {
  const counts = new Map<keyof typeof CANDIDATES, number>();
  for (const ch of text) {
    for (const [pattern, script] of SCRIPT_OF) {
      if (pattern.test(ch)) {
        counts.set(script, (counts.get(script) ?? 0) + 1);
        break;
      }
    }
  }
  let best: keyof typeof CANDIDATES | null = null;
  for (const [script, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = script;
  return best;
}

/**
 * The language of a song from the texts that name it (titles first, then album names); features
 * and edit suffixes are dropped first, since guests' names and "Remastered" say nothing of it.
 */
export function detectLanguage(texts: readonly (string | null | undefined)[]): DetectedLanguage {
  const cleaned = texts.filter((t): t is string => Boolean(t && t.trim())).map((t) => coreSongTitle(t));
  const text = [...new Set(cleaned)].join(' \n ');
  for (const [pattern, language] of SINGLE_LANGUAGE_SCRIPTS) {
    if (pattern.test(text)) return { language, source: 'script' };
  }
  const script = dominantScript(text);
  if (!script) return { language: UNDETERMINED, source: 'undetermined' };
  const letters = [...text].filter((ch) => /\p{L}/u.test(ch)).length;
  if (letters < (script === 'han' ? 4 : MIN_LETTERS)) return { language: UNDETERMINED, source: 'undetermined' };
  const [best, runnerUp] = francAll(text, { minLength: 1, only: [...CANDIDATES[script]] });
  const close = runnerUp !== undefined && runnerUp[1] > RUNNER_UP_AT_MOST && !(MAJOR.has(best?.[0] ?? '') && !MAJOR.has(runnerUp[0]));
  if (!best || best[0] === 'und' || close) return { language: UNDETERMINED, source: 'undetermined' };
  const language = canonicalLanguage(best[0]);
  return language ? { language, source: 'franc' } : { language: UNDETERMINED, source: 'undetermined' };
}

/** Genius's word when it has one, else detection. */
export function trackLanguage(fromGenius: string | null | undefined, texts: readonly (string | null | undefined)[]): DetectedLanguage {
  const genius = geniusLanguage(fromGenius);
  return genius ? { language: genius, source: 'genius' } : detectLanguage(texts);
}
