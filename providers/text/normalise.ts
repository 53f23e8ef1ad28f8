/**
 * Text normalisation for matching Spotify names against YouTube titles and Genius songs (shared by
 * the catalog's mapping scorer and the lyrics matcher, so it lives here, once): case, accents, quote and
 * dash variants, full-width forms, apostrophes ("Don't" = "Dont"), "&" = "and", and tokens split at
 * script boundaries ("YOASOBI「夜に駆ける」" → yoasobi, 夜に駆ける). Non-Latin text keeps its script:
 * Japanese, Korean, Arabic… are compared as written; Cyrillic also gets a Latin transliteration,
 * because uploaders write Russian names both ways ("Группа крови" / "Gruppa Krovi").
 */

const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd' };

const FOLD_CACHE = new Map<string, string>();

/** Lower case, Latin accents folded, punctuation variants unified; keeps every script's letters. */
export function fold(text: string): string {
  // Plain ASCII needs only lower case: the common case, kept off the Unicode normalisations.
  if (/^[\x20-\x7e\n\r\t]*$/.test(text)) return text.toLowerCase();
  const cached = FOLD_CACHE.get(text);
  if (cached !== undefined) return cached;
  const folded = foldUnicode(text);
  if (FOLD_CACHE.size >= 20_000) FOLD_CACHE.clear();
  FOLD_CACHE.set(text, folded);
  return folded;
}

function foldUnicode(text: string): string {
  return text
    .normalize('NFKC') // full-width "ＭＶ" → "MV", ligatures
    .replace(/[‘’‚‛`´′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .toLowerCase()
    .normalize('NFD')
    // Only marks on Latin letters: stripping them elsewhere would change Japanese kana (が → か) or Cyrillic й.
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/[ßøæœłđıþð]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch);
}

type ScriptClass = 'latin' | 'other';

function scriptClass(ch: string): ScriptClass {
  return /[\p{Script=Latin}\p{N}]/u.test(ch) ? 'latin' : 'other';
}

/** Splits a run of letters where the script changes ("yoasobi夜に駆ける" → "yoasobi", "夜に駆ける"). */
function splitScripts(run: string): string[] {
  if (/^[\p{Script=Latin}\p{N}]*$/u.test(run)) return [run];
  const parts: string[] = [];
  let current = '';
  let currentClass: ScriptClass | null = null;
  for (const ch of run) {
    const cls = scriptClass(ch);
    if (currentClass !== null && cls !== currentClass) {
      parts.push(current);
      current = '';
    }
    current += ch;
    currentClass = cls;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Titles, channel names and descriptions recur across candidates and tracks (an artist's
 * channel, boilerplate descriptions), so tokens are memoised. The cache only saves work: the
 * result for a text is always the same, so decisions stay pure. Bounded by clearing when full.
 */
const TOKEN_CACHE = new Map<string, readonly string[]>();
const TOKEN_CACHE_LIMIT = 50_000;

/** The words of a title or name, folded: "Don't Stop Believin'" → dont, stop, believin. Do not mutate the result. */
export function tokens(text: string): readonly string[] {
  const cached = TOKEN_CACHE.get(text);
  if (cached) return cached;
  const words = computeTokens(text);
  if (TOKEN_CACHE.size >= TOKEN_CACHE_LIMIT) TOKEN_CACHE.clear();
  TOKEN_CACHE.set(text, words);
  return words;
}

function computeTokens(text: string): readonly string[] {
  const folded = fold(text)
    .replace(/(?<=[\p{L}\p{N}])'(?=[\p{L}\p{N}])/gu, '') // inner apostrophes join: "don't", "l'amore"
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' + ');
  const out: string[] = [];
  for (const run of folded.split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (!run) continue;
    for (const part of splitScripts(run)) if (part) out.push(part);
  }
  return Object.freeze(out);
}

/** The tokens joined with single spaces and padded, so phrase searches can use " word " boundaries. */
export function phraseText(words: readonly string[]): string {
  return ` ${words.join(' ')} `;
}

/** Words that join names of a duo ("Jorge & Mateus", "Jorge e Mateus"), dropped from compact names. */
const CONNECTORS = new Set(['and', 'e', 'y', 'et', 'und', 'con']);

const COMPACT_CACHE = new Map<string, string>();

/** A name squeezed to letters and digits, connectors dropped: "Earth, Wind & Fire" → "earthwindfire". */
export function compactName(text: string): string {
  const cached = COMPACT_CACHE.get(text);
  if (cached !== undefined) return cached;
  const compact = tokens(text)
    .filter((t) => !CONNECTORS.has(t))
    .join('');
  if (COMPACT_CACHE.size >= TOKEN_CACHE_LIMIT) COMPACT_CACHE.clear();
  COMPACT_CACHE.set(text, compact);
  return compact;
}

/** All tokens squeezed together, for substring tests on scripts written without spaces. */
export function compactText(text: string): string {
  return tokens(text).join('');
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

function hasCyrillic(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code >= 0x400 && code <= 0x52f) return true;
  }
  return false;
}

/** Latin transliteration of a Cyrillic token ("крови" → "krovi"); other tokens come back unchanged. */
export function transliterate(token: string): string {
  if (!hasCyrillic(token)) return token;
  let out = '';
  for (const ch of token) out += CYRILLIC[ch] ?? ch;
  return out;
}

/** True for tokens in a script other than Latin (and not digits). */
export function isNonLatin(token: string): boolean {
  return /[^\p{Script=Latin}\p{N}\p{M}]/u.test(token);
}

/** Scripts written without spaces between words: a token there may sit inside a longer run. */
export function isUnspacedScript(token: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(token);
}

/** A four-digit year 1900-2099. */
export function isYear(token: string): boolean {
  return /^(19|20)\d\d$/.test(token);
}
