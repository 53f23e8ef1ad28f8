/**
 * Which Genius song is a Spotify track: the query to search Genius with, and the score (0..1) of
 * each search hit by normalised title and artist similarity. Pure and deterministic, so the lyrics
 * subgraph's matcher and its tests (and any later caller, e.g. the catalog's Genius hints) agree.
 *
 * What the normalisation ignores, because Spotify and Genius spell the same song differently:
 * - features: "Song (feat. X)", "Song (with X)" on Spotify, "Song (Ft. X)" on Genius;
 * - Spotify's edit suffixes and groups: "- Remastered 2011", "(2011 Remaster)", "- Live at …",
 *   "(Radio Edit)", "- Acoustic", "- X Remix" (every recording of a song shares one Genius page);
 * - Genius's romanisation of non-Latin titles, "夜に駆ける (Yoru ni Kakeru)": each parenthesised
 *   group is also a form of the title, so a Japanese, Korean or Cyrillic Spotify name matches the
 *   original and a romanised one matches the group.
 * The artist decides between songs of the same title: another artist's song of the very same name
 * scores below any threshold worth using.
 *
 * Similarity is hand-written (no fuzzy-matching library is installed, and the need is small): Dice
 * over words for spaced scripts, Dice over character pairs for scripts written without spaces
 * (Japanese, Chinese, Thai), on the shared normaliser's tokens (providers/text/normalise.ts); artist
 * names by edit distance over the whole name (providers/text/edit-distance.ts).
 */
import { levenshtein } from '../text/edit-distance.js';
import { compactName, isUnspacedScript, tokens, transliterate } from '../text/normalise.js';
import type { GeniusSearchHit } from './schemas.js';

/** A track as the matcher needs it: the catalog's name and artists, main artist first. */
export interface TrackToMatch {
  name: string;
  artists: readonly string[];
}

export interface ScoredHit {
  hit: GeniusSearchHit;
  /** 0..1: how sure we are that the hit is the track's song. */
  confidence: number;
  titleSimilarity: number;
  artistSimilarity: number;
}

const FEATURE_GROUP = /\s*[([（](?:feat\.?|ft\.?|featuring|with)\s[^)\]）]*[)\]）]/giu;
const FEATURE_TAIL = /\s+(?:feat\.?|ft\.?|featuring)\s.*$/iu;
const DASH_SUFFIX = /\s[-–—]\s.*$/u;
const BRACKET_GROUP = /\s*[([（［【]([^)\]）］】]*)[)\]）］】]/gu;
/** Words of a bracket group that says which edit it is, not how the title reads: not a title form. */
const EDIT_WORDS = /\b(remaster(ed)?|live|edit|version|remix|mix|acoustic|mono|stereo|demo|instrumental|deluxe|bonus|single|radio|extended|original|explicit|clean|en vivo|ao vivo|en directo)\b/iu;

/** The title without features: "Song (feat. X) - Live" → "Song - Live". */
export function withoutFeatures(title: string): string {
  return title.replace(FEATURE_GROUP, '').replace(FEATURE_TAIL, '').trim() || title.trim();
}

/**
 * The song's core title: features, edit suffixes and every bracket group dropped.
 * "Song - Remastered 2011", "Song (2011 Remaster)", "Song (feat. X)" → "Song".
 */
export function coreSongTitle(title: string): string {
  const bare = withoutFeatures(title);
  const core = bare.replace(DASH_SUFFIX, '').replace(BRACKET_GROUP, ' ').replace(/\s+/g, ' ').trim();
  return core || bare;
}

/**
 * Every way a title may name its song: the core, the title without features (a bracket that is
 * part of the title stays), and each bracket group that is not an edit marker (a romanisation).
 */
export function titleForms(title: string): string[] {
  const bare = withoutFeatures(title);
  const forms = new Set([coreSongTitle(title), bare.replace(DASH_SUFFIX, '').trim() || bare]);
  for (const [, group] of bare.matchAll(BRACKET_GROUP)) {
    if (group && group.trim() && !EDIT_WORDS.test(group)) forms.add(group.trim());
  }
  return [...forms].filter((form) => tokens(form).length > 0);
}

/** A name and its bracketed alias: "Kenshi Yonezu (米津玄師)" → both. */
function nameForms(name: string): string[] {
  const forms = new Set([name.replace(BRACKET_GROUP, ' ').trim() || name]);
  for (const [, group] of name.matchAll(BRACKET_GROUP)) if (group?.trim()) forms.add(group.trim());
  return [...forms];
}

/** The search query: the core title and the main artist (edits and features only narrow Genius's search). */
export function geniusSearchQuery(track: TrackToMatch): string {
  return `${coreSongTitle(track.name)} ${track.artists[0] ?? ''}`.trim();
}

function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient of two multisets. */
function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let shared = 0;
  for (const y of b) {
    const n = counts.get(y) ?? 0;
    if (n > 0) {
      shared += 1;
      counts.set(y, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/** 0..1 similarity of two texts: equal tokens 1, else Dice over words (or character pairs for unspaced scripts). */
export function textSimilarity(a: string, b: string): number {
  const left = tokens(a).map(transliterate);
  const right = tokens(b).map(transliterate);
  if (left.length === 0 || right.length === 0) return 0;
  const compactLeft = left.join('');
  const compactRight = right.join('');
  if (compactLeft === compactRight) return 1;
  if ([...left, ...right].some(isUnspacedScript)) return dice(bigrams(compactLeft), bigrams(compactRight));
  return dice(left, right);
}

/** The best similarity between any form of one title and any form of the other. */
export function titleSimilarity(spotifyName: string, geniusTitle: string): number {
  let best = 0;
  for (const a of titleForms(spotifyName)) for (const b of titleForms(geniusTitle)) best = Math.max(best, textSimilarity(a, b));
  return best;
}

/** A name squeezed for comparison: letters only, a leading "The" dropped, Cyrillic transliterated. */
const artistKey = (name: string): string => transliterate(compactName(name.replace(/^\s*the\s+/i, '')));

/** Names this close (1 − edits / length) are one artist spelt two ways ("Beyoncé" / "Beyonce", "Mumiy Troll" / "Mumij Troll"). */
const SAME_NAME = 0.85;

/**
 * 0..1 similarity of two artist names ("Earth, Wind & Fire" = "Earth Wind and Fire", "Мумий
 * Тролль" = "Mumiy Troll", "米津玄師" = "Kenshi Yonezu (米津玄師)"). Whole names, letter by letter:
 * sharing a word is not being the same artist ("Tessa Sutton" is not "Wyatt Sutton", "Grace" is
 * not "Grace Sinclair"), so anything below SAME_NAME counts as 0.
 */
export function artistSimilarity(a: string, b: string): number {
  let best = 0;
  for (const x of nameForms(a)) {
    for (const y of nameForms(b)) {
      const kx = artistKey(x);
      const ky = artistKey(y);
      if (!kx || !ky) continue;
      if (kx === ky) return 1;
      const length = Math.max([...kx].length, [...ky].length);
      const similarity = 1 - levenshtein(kx, ky, Math.floor(length * (1 - SAME_NAME))) / length;
      if (similarity >= SAME_NAME) best = Math.max(best, similarity);
    }
  }
  return best;
}

/** A guest credited as the other side's main artist (or the other way round) is good evidence, not the best. */
const CROSS_CREDIT = 0.85;
/** Below this the artists are not the same: the title alone never makes a match. */
const SAME_ARTIST = 0.8;

export function scoreGeniusHit(track: TrackToMatch, hit: GeniusSearchHit): ScoredHit {
  const title = titleSimilarity(track.name, hit.title);
  const geniusArtists = [hit.primary_artist.name, ...(hit.featured_artists ?? []).map((artist) => artist.name)];
  const main = track.artists[0] ?? '';
  let artist = artistSimilarity(main, hit.primary_artist.name);
  for (const spotifyArtist of track.artists) {
    for (const geniusArtist of geniusArtists) artist = Math.max(artist, artistSimilarity(spotifyArtist, geniusArtist) * CROSS_CREDIT);
  }
  const confidence = artist < SAME_ARTIST ? title * 0.3 : title * (0.55 + 0.45 * artist);
  return { hit, confidence: Math.round(confidence * 1000) / 1000, titleSimilarity: title, artistSimilarity: artist };
}

/** The best-scoring hit (Genius's own order breaks ties), or null when there are none. */
export function bestGeniusHit(track: TrackToMatch, hits: readonly GeniusSearchHit[]): ScoredHit | null {
  let best: ScoredHit | null = null;
  for (const hit of hits) {
    const scored = scoreGeniusHit(track, hit);
    if (!best || scored.confidence > best.confidence) best = scored;
  }
  return best;
}
