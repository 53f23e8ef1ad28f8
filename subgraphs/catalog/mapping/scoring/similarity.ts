/**
 * How much of one name another contains, word by word. Token coverage rather than whole-string
 * distance: a YouTube title wraps the song name in artist names and "(Official Video)", so the
 * question is "are the song's words there?", not "are the strings alike?".
 *
 * No fuzzy-matching library is installed, and the need is small: a word may be written in
 * Cyrillic on one side and Latin on the other, where transliterations differ by a letter
 * ("Утекай" → "utekay" / "Utekai"), or differ by one substituted letter in a long word, or sit
 * inside an unspaced Japanese run. A bounded Levenshtein covers the first two; it is kept away
 * from short words and from added or dropped letters, which make other songs ("Dream" / "Dreams",
 * "Heart" / "Hart").
 */
import { levenshtein } from '../../../../providers/text/edit-distance.js';
import { isUnspacedScript, transliterate } from '../../../../providers/text/normalise.js';

/** A candidate text prepared once for many word look-ups. */
export interface WordIndex {
  words: Set<string>;
  /** The Latin forms of Cyrillic words, where spellings vary by a letter. */
  transliterated: Set<string>;
  /** Every word squeezed together, for words of unspaced scripts. */
  compact: string;
}

export function wordIndex(words: readonly string[]): WordIndex {
  const set = new Set<string>();
  const transliterated = new Set<string>();
  for (const word of words) {
    set.add(word);
    const latin = transliterate(word);
    if (latin !== word) {
      set.add(latin);
      transliterated.add(latin);
    }
  }
  return { words: set, transliterated, compact: words.join('') };
}

/** Whether `word` (from the Spotify side) appears in the indexed text. */
export function containsWord(index: WordIndex, word: string): boolean {
  if (index.words.has(word)) return true;
  const latin = transliterate(word);
  if (latin !== word && index.words.has(latin)) return true;
  if (isUnspacedScript(word)) return index.compact.includes(word);
  if (latin.length >= 5) {
    const fromCyrillic = latin !== word;
    for (const other of index.words) {
      // Across scripts, one edit of any kind; within Latin, one substitution in a word of six letters or more.
      const loose = fromCyrillic || index.transliterated.has(other);
      if (loose ? Math.abs(other.length - latin.length) <= 1 : other.length === latin.length && latin.length >= 6) {
        if (levenshtein(other, latin, 1) <= 1) return true;
      }
    }
  }
  return false;
}

/** Small words say little about which song it is; they count half. */
const LIGHT_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'and', 'my', 'de', 'la', 'le', 'el', 'los', 'las', 'les', 'il', 'der', 'die', 'das']);
const weightOf = (word: string): number => ((word.length === 1 && !isUnspacedScript(word)) || LIGHT_WORDS.has(word) ? 0.5 : 1);

/** Share (0-1) of `words` found in `index`, each distinct word once. 1 when there is nothing to find. */
export function coverage(words: readonly string[], index: WordIndex): number {
  const distinct = [...new Set(words)];
  if (distinct.length === 0) return 1;
  let total = 0;
  let found = 0;
  for (const word of distinct) {
    const weight = weightOf(word);
    total += weight;
    if (containsWord(index, word)) found += weight;
  }
  return found / total;
}

/** Whether the whole of `name` (already compact) sits in `text` (compact): names are matched as a unit. */
export function containsName(compactText: string, compactName: string): boolean {
  return compactName.length >= 2 && compactText.includes(compactName);
}
