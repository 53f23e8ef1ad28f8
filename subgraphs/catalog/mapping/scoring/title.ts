/**
 * The parts of a YouTube title that can name the song. Uploaders write "Artist - Song (Official
 * Video)", "Song | Artist | Label", "Artist「Song」MV", "Romanized (原題)": the song's name is one
 * segment, or one bracket group in it. Checking that segment word by word in both directions is
 * what tells "Hello" from "Hello Again" on the same artist's channel, where durations of
 * different songs can coincide.
 */
import { tokens } from '../../../../providers/text/normalise.js';

const SEGMENT_SEPARATORS = /\s[-–—|/]\s|[|｜]|[「」『』【】《》〈〉"“”]|\s'|'\s|^'|'$/;
const BRACKET_GROUP = /[([（［][^)\]）］]*[)\]）］]/g;

/** Every candidate unit of a title, as token lists: each segment's text outside brackets, and each bracket group. */
export function titleUnits(title: string): (readonly string[])[] {
  const units: (readonly string[])[] = [];
  for (const segment of title.split(SEGMENT_SEPARATORS)) {
    if (!segment || !segment.trim()) continue;
    for (const group of segment.match(BRACKET_GROUP) ?? []) units.push(tokens(group));
    units.push(tokens(segment.replace(BRACKET_GROUP, ' ')));
  }
  return units.filter((unit) => unit.length > 0);
}

/** The bracketed groups of a title ("(Official Video)", "[Lyrics]"), where uploaders qualify a song. */
export function bracketGroups(title: string): string[] {
  return title.match(BRACKET_GROUP) ?? [];
}
