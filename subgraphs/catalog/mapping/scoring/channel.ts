/**
 * Who uploaded a candidate and whether it is the track's artist: the auto-generated
 * "<Artist> - Topic" channel (exact audio of a release, description "Provided to YouTube by"),
 * the artist's own or VEVO channel, a label, a channel named like the uploader in another script
 * (米津玄師 for Kenshi Yonezu), or a third party (lyrics, sped-up, cover channels…).
 */
import type { Candidate } from './types.js';
import { hasOfficialWords } from './markers.js';
import { compactName, fold, isNonLatin, tokens, transliterate } from '../../../../providers/text/normalise.js';
import { artistForms, type ArtistForms, type PreparedTrack } from './track.js';

export type ChannelKind =
  | 'topic' // the artist's auto-generated channel
  | 'topic-other' // another artist's auto-generated channel: their release, not this track
  | 'artist' // the artist's official or VEVO channel
  | 'label'
  | 'self-named' // the uploader's own channel, named as the title names its artist, in a script we cannot compare
  | 'third-party';

export interface ChannelFacts {
  kind: ChannelKind;
  /** Where a Spotify artist shows up: the channel, the title, only the description, or nowhere. */
  artistEvidence: 'channel' | 'title' | 'description' | 'none';
}

const TOPIC_SUFFIX = /\s+-\s+topic$/i;
/** Words channel names add around the artist's name ("Queen Official", "LuisFonsiVEVO", "gotyemusic"). */
const CHANNEL_AFFIXES = /(vevo|official|oficial|officiel|music|musica|tv|channel|band|offiziell)$/;
const LABEL_WORDS = /\b(records|recordings|recording co|entertainment|labels?|music group|productions|t series|sony music|universal music|warner music|emi|music india|music japan)\b/;
const OFFICIAL_DESCRIPTION = /subscribe to the official\b|\bofficial (music video|audio|lyric video|video|visualizer) for\b|\blisten:? https?:|\blnk\.to\//;

/** Whether an artist's name appears in text (names under five letters must match as whole words). */
export function nameIn(artist: ArtistForms, words: readonly string[], compact: string): boolean {
  const forms = [artist.compact, artist.latinCompact].filter((f) => f.length >= 2);
  if (forms.some((f) => f.length >= 5 && compact.includes(f))) return true;
  const n = artist.words.length;
  if (n === 0) return false;
  for (let i = 0; i + n <= words.length; i++) {
    if (artist.words.every((w, k) => words[i + k] === w)) return true;
  }
  return forms.some((f) => f.length < 5 && words.includes(f));
}

function channelIsArtist(channelCompact: string, artist: ArtistForms): boolean {
  const latin = transliterate(channelCompact);
  if (latin !== channelCompact && channelIsArtist(latin, artist)) return true; // "Мумий Тролль" is "Mumiy Troll"
  const stripped = channelCompact.replace(CHANNEL_AFFIXES, '').replace(CHANNEL_AFFIXES, '') || channelCompact;
  return [artist.compact, artist.latinCompact].some((form) => {
    if (form.length < 2) return false;
    if (stripped === form || channelCompact === form) return true;
    // "Ayase / YOASOBI", "Queen Official", "KateBushMusic": the name inside a longer channel name.
    if (form.length >= 4 && channelCompact.includes(form)) return true;
    return stripped.length >= 4 && form.includes(stripped) && stripped.length >= form.length * 0.6;
  });
}

/** The names a Topic description gives: "℗ 2011 Queen Productions Ltd", "Provided to YouTube by Rhino". */
export function releaseParties(description: string): string[] {
  const parties: string[] = [];
  const provided = /provided to youtube by ([^\n]+)/i.exec(description)?.[1];
  if (provided) parties.push(provided);
  const phonogram = /℗\s*(?:\d{4}\s+)?([^\n,]+)/.exec(description)?.[1];
  if (phonogram) parties.push(phonogram.replace(/\s+under exclusive.*$/i, ''));
  return parties.map((p) => compactName(p)).filter((p) => p.length >= 3);
}

/** The artists a Topic description's second paragraph lists ("Bohemian Rhapsody · Queen"). */
function topicDescriptionArtists(description: string): string {
  const line = description.split('\n').find((l) => l.includes(' · ')) ?? '';
  return line.split(' · ').slice(1).join(' ');
}

/** The part of a title before " - " (where uploaders put the artist), if any. */
function leadingSegment(title: string): string | null {
  const match = /^(.+?)\s[-–—|]\s/.exec(title);
  return match ? match[1]! : null;
}

export function classifyChannel(track: PreparedTrack, candidate: Candidate, labels: ReadonlySet<string>): ChannelFacts {
  const titleWords = tokens(candidate.title);
  const titleCompact = compactName(candidate.title);
  const inTitle = track.artists.some((a) => nameIn(a, titleWords, titleCompact));
  const descriptionWords = tokens(candidate.description);
  const inDescription = track.artists.some((a) => nameIn(a, descriptionWords, compactName(candidate.description)));
  const evidence = (channel: boolean): ChannelFacts['artistEvidence'] =>
    channel ? 'channel' : inTitle ? 'title' : inDescription ? 'description' : 'none';

  if (TOPIC_SUFFIX.test(candidate.channelTitle)) {
    const owner = artistForms(candidate.channelTitle.replace(TOPIC_SUFFIX, ''));
    const listed = topicDescriptionArtists(candidate.description);
    const listedWords = tokens(listed);
    const ours = track.artists.some((a) => channelIsArtist(owner.compact, a) || nameIn(a, listedWords, compactName(listed)));
    return ours ? { kind: 'topic', artistEvidence: 'channel' } : { kind: 'topic-other', artistEvidence: inTitle ? 'title' : 'none' };
  }

  const channelCompact = compactName(candidate.channelTitle);
  if (channelCompact && track.artists.some((a) => channelIsArtist(channelCompact, a))) return { kind: 'artist', artistEvidence: 'channel' };
  // The engine found it among the artist's own channel uploads: the channel is the artist's.
  if (candidate.source === 'artist-channel') return { kind: 'artist', artistEvidence: 'channel' };

  const channelFolded = ` ${tokens(candidate.channelTitle).join(' ')} `;
  const isLabel = LABEL_WORDS.test(channelFolded) || (channelCompact.length >= 3 && [...labels].some((l) => l === channelCompact || (l.length >= 6 && channelCompact.includes(l))));
  const officialDescription = OFFICIAL_DESCRIPTION.test(fold(candidate.description));
  if (isLabel) return { kind: 'label', artistEvidence: evidence(false) };

  // A channel named as the title's artist, in a script the Spotify names are not written in.
  const lead = leadingSegment(candidate.title);
  const crossScript = track.artists.every((a) => !a.words.some(isNonLatin));
  const channelNonLatin = tokens(candidate.channelTitle).some(isNonLatin);
  if (crossScript && channelNonLatin) {
    // Either "<channel> - Song", or the channel's name in an official-looking title ("米津玄師 MV「Lemon」").
    const named = (lead !== null && compactName(lead) === channelCompact) || (channelCompact.length >= 2 && titleCompact.includes(channelCompact) && hasOfficialWords(titleWords));
    if (named) return { kind: 'self-named', artistEvidence: evidence(false) };
  }
  if (officialDescription && inTitle) return { kind: 'label', artistEvidence: 'title' };
  return { kind: 'third-party', artistEvidence: evidence(false) };
}
