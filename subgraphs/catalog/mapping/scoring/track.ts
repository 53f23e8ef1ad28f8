/**
 * The Spotify track, taken apart once per decision: the song name's main part and qualifiers
 * ("Running Up That Hill" / "A Deal With God"), its version markers, its "<X> Version", whether
 * it is a remaster, and its artists in the forms channel and title matching need.
 */
import type { SpotifyTrackFacts } from './types.js';
import { detectMarkers, hasRemaster, isMarkerWord, isRemasterWord, versionQualifiers, type MarkerFamily } from './markers.js';
import { compactName, isNonLatin, isYear, tokens, transliterate } from '../../../../providers/text/normalise.js';
import { wordIndex, type WordIndex } from './similarity.js';

export interface ArtistForms {
  name: string;
  words: string[];
  /** Connectors dropped, letters and digits only ("jorgemateus"). */
  compact: string;
  /** The compact form of the Latin transliteration (Cyrillic names), else equal to `compact`. */
  latinCompact: string;
}

export interface PreparedTrack {
  facts: SpotifyTrackFacts;
  /** The song name proper (before " - " or the first bracket). */
  mainWords: string[];
  /** Qualifier words after it, version markers removed ("a deal with god", "spanish"). */
  subWords: string[];
  markers: Set<MarkerFamily>;
  versions: Set<string>;
  remaster: boolean;
  artists: ArtistForms[];
  /** Every word of every artist name, so titles' artist parts are not read as extra words. */
  artistWords: Set<string>;
  /** Which scripts the name's words use: true for non-Latin, false for Latin (and digits). */
  scripts: Set<boolean>;
  /** All words of the Spotify name (with guests), indexed for reverse look-ups. */
  nameIndex: WordIndex;
  albumCompact: string;
  /** The album's words: a title naming the album ("Live at Wembley") adds nothing unknown. */
  albumWords: Set<string>;
  /** Name, artist and album words together: what a title may repeat without adding anything. */
  knownWords: Set<string>;
  durationSeconds: number;
}

export function artistForms(name: string): ArtistForms {
  const words = tokens(name);
  const compact = compactName(name);
  const latinCompact = transliterate(compact);
  return { name, words: [...words], compact, latinCompact };
}

/** "(feat. X)", "[with X]", "ft. X" clauses: Spotify's way of listing guests, not part of the song name. */
const FEATURE_CLAUSE = /\s*[([](?:feat\.?|ft\.?|featuring|with)\s[^)\]]*[)\]]/gi;
const TRAILING_FEATURE = /\s+(?:feat\.?|ft\.?|featuring)\s.*$/i;

/** Splits "Song - Qualifier" / "Song (Qualifier)" at the first separator after the song name. */
export function splitName(name: string): { main: string; sub: string } {
  const cleaned = name.replace(FEATURE_CLAUSE, '').replace(TRAILING_FEATURE, '');
  // A name may open with a bracket ("(I Can't Get No) Satisfaction"): search after it.
  const lead = /^\s*[([][^)\]]*[)\]]/.exec(cleaned)?.[0].length ?? 0;
  const rest = cleaned.slice(lead);
  const match = /\s[-‐‑‒–—―]\s|[([（【]/.exec(rest);
  if (!match) return { main: cleaned, sub: '' };
  const at = lead + match.index;
  return { main: cleaned.slice(0, at), sub: cleaned.slice(at) };
}

/** Drops remaster words and the years or "digital" next to them ("2011 Remaster", "Remastered 2009"). */
export function withoutRemaster(words: readonly string[]): string[] {
  return words.filter((word, i) => {
    if (isRemasterWord(word)) return false;
    const near = (j: number): boolean => words[j] !== undefined && isRemasterWord(words[j]!);
    if ((isYear(word) || word === 'digital' || word === 'digitally' || word === 'version') && (near(i - 1) || near(i + 1) || near(i + 2))) return false;
    return true;
  });
}

export function prepareTrack(facts: SpotifyTrackFacts): PreparedTrack {
  const { main, sub } = splitName(facts.name);
  const allWords = tokens(facts.name.replace(FEATURE_CLAUSE, '').replace(TRAILING_FEATURE, ''));
  const mainWords = withoutRemaster(tokens(main));
  const subWords = withoutRemaster(tokens(sub)).filter((w) => !isMarkerWord(w));
  const artists = facts.artists.filter((a) => a.trim() !== '').map(artistForms);
  const artistWords = new Set(artists.flatMap((a) => a.words));
  return {
    facts,
    mainWords: mainWords.length > 0 ? mainWords : [...tokens(main)],
    subWords,
    markers: detectMarkers(allWords),
    versions: versionQualifiers(allWords),
    remaster: hasRemaster(allWords),
    artists,
    artistWords,
    scripts: new Set(allWords.filter((w) => !/^\d+$/.test(w)).map(isNonLatin)),
    nameIndex: wordIndex([...tokens(facts.name), ...allWords]),
    albumCompact: compactName(facts.album),
    albumWords: new Set(tokens(facts.album)),
    knownWords: new Set([...tokens(facts.name), ...artistWords, ...tokens(facts.album)]),
    durationSeconds: facts.durationMs / 1000,
  };
}
