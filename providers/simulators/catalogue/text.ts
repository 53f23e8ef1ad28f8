/**
 * Small text helpers the generator shares: title case, accent folding, transliteration of
 * Cyrillic, Genius URL slugs. A Phrase carries a title in its own script and a Latin form,
 * which Genius slugs and romanized lyric-video titles ("Yoru ni Kakeru (夜に駆ける)") need.
 */

export interface Phrase {
  text: string;
  /** The Latin-script form: romanization for Japanese, Korean and Cyrillic; the text itself otherwise. */
  latin: string;
}

export const phrase = (text: string, latin = text): Phrase => ({ text, latin });

export function capitalize(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}

/** "golden heart of the night" → "Golden Heart of the Night" (short function words stay lower case). */
export function titleCase(text: string): string {
  const small = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
  return text
    .split(' ')
    .map((word, i) => (i > 0 && small.has(word) ? word : capitalize(word)))
    .join(' ');
}

/** Strips accents: "Tití Me Preguntó" → "Titi Me Pregunto". */
export function foldAccents(text: string): string {
  if (/^[\p{ASCII}]*$/u.test(text)) return text;
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/æ/g, 'ae').replace(/ı/g, 'i');
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** "Белые ночи" → "Belye nochi". */
export function transliterateCyrillic(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin === undefined) out += ch;
    else out += ch === lower ? latin : capitalize(latin);
  }
  return out;
}

/** Genius-style slug part: "Bohemian Rhapsody" → "bohemian-rhapsody". */
export function slug(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** True when the text holds letters of no Latin script (kana, hangul, Cyrillic...). */
export function hasNonLatinLetters(text: string): boolean {
  return /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(text);
}

/** Squeezes a name into a channel handle-like title: "Luis Fonsi" → "LuisFonsi". */
export function squeeze(text: string): string {
  return foldAccents(text).replace(/[^A-Za-z0-9]/g, '');
}
