/**
 * Text helpers the gathering needs (not the scoring, which has its own): a track's core title for
 * queries, channel titles that belong to an artist, and a lenient "is this upload about the same
 * song" filter so an artist's other songs are not handed to the scorer as candidates.
 */

/** Lower case, accents and punctuation folded, single spaces: for comparisons only. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  return fold(text).split(' ').filter(Boolean);
}

/** Letters and digits only ("Daft Punk" → "daftpunk"), as channel handles write names. */
const squeeze = (text: string): string => fold(text).replace(/ /g, '');

/**
 * The song title without Spotify's edition suffix and features: "Song - Remastered 2011" → "Song",
 * "Song (feat. X)" → "Song". Used in queries, where the suffixes only narrow the search.
 */
export function coreTitle(name: string): string {
  const core = name
    .replace(/\s[-–—]\s.*$/u, '')
    .replace(/\s*[([](?:feat\.?|ft\.?|featuring|with)\s[^)\]]*[)\]]/giu, '')
    .trim();
  return core || name.trim();
}

/** Version words a query should keep, since the scorer penalises a live upload for a studio track and vice versa. */
export function versionWords(name: string): string[] {
  const suffix = name.slice(coreTitle(name).length).toLowerCase();
  return ['live', 'acoustic', 'remix', 'radio edit', 'demo', 'instrumental'].filter((word) => suffix.includes(word));
}

/** YouTube's auto-generated "<artist> - Topic" channel of this artist. */
export function isTopicChannelOf(channelTitle: string, artistName: string): boolean {
  const title = channelTitle.normalize('NFKC').trim().toLowerCase();
  const suffix = ' - topic';
  return title.endsWith(suffix) && fold(title.slice(0, -suffix.length)) === fold(artistName) && fold(artistName) !== '';
}

/** "<Artist>", "<Artist> Official", "<Artist>VEVO", "<artist>official": the artist's own channel. */
export function isOfficialChannelOf(channelTitle: string, artistName: string): boolean {
  const name = squeeze(artistName);
  if (name.length < 2 || channelTitle.toLowerCase().endsWith(' - topic')) return false;
  const title = squeeze(channelTitle).replace(/(?:vevo|officialchannel|official)$/u, '');
  return title === name;
}

/**
 * Whether an upload title can be about the track's song: some significant word of the core title
 * appears in it (all of them for one- or two-word titles). Deliberately lenient: the scorer makes
 * the real decision; this only keeps an artist's other songs out of the candidate list.
 */
export function mayBeSameSong(trackName: string, uploadTitle: string): boolean {
  const want = tokens(coreTitle(trackName));
  if (want.length === 0) return true;
  const have = new Set(tokens(uploadTitle));
  const foldedTitle = fold(uploadTitle);
  // Scripts without spaces (Japanese, Chinese) make one long token: look for it inside the title.
  const present = want.filter((token) => have.has(token) || (token.length >= 3 && foldedTitle.includes(token)));
  return want.length <= 2 ? present.length === want.length : present.length / want.length >= 0.5;
}
