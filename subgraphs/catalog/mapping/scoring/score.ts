/**
 * One candidate's score, 0-100, with the reasons behind it. Additive on purpose, so every point is
 * explained in `reasons`: title words (45), who uploaded it and whether that is the artist (30),
 * duration (25); then penalties for version markers the Spotify title does not carry (or carries
 * and the upload lacks), another "<X> Version", guests not on the track, third-party lyric
 * videos, words the title adds; small bonuses for an Art Track of the very release.
 *
 * Some findings are not matters of degree: a marker or version mismatch, a title naming more than
 * the song, or a stranger's copy with nothing to vouch for it. Those cap the score below the
 * plausibility threshold, so however well the rest matches, such an upload is never picked alone.
 */
import type { Candidate, ScoredCandidate } from './types.js';
import { classifyChannel, nameIn, releaseParties, type ChannelFacts } from './channel.js';
import { judgeDuration, type DurationProfile } from './duration.js';
import {
  descriptionMarkers, detectMarkers, hasLyrics, hasRemaster, isMarkerWord, isRemasterWord, isThirdPartyBoilerplate, MARKER_FAMILIES,
  NOISE_WORDS, saysAudio, versionQualifiers, type MarkerFamily,
} from './markers.js';
import { compactName, compactText, isNonLatin, isYear, tokens } from '../../../../providers/text/normalise.js';
import { containsWord, coverage, wordIndex } from './similarity.js';
import { bracketGroups, titleUnits } from './title.js';
import { artistForms, type ArtistForms, type PreparedTrack } from './track.js';

/** Facts shared by every candidate of one decision. */
export interface ScoringContext {
  /** Labels and distributors named by the Topic uploads among the candidates. */
  labels: ReadonlySet<string>;
}

export interface CandidateScore extends ScoredCandidate {
  /** Unrounded score, for ranking. */
  raw: number;
  channel: ChannelFacts;
  /** Marker families found on the upload. */
  markers: Set<MarkerFamily>;
  /** Seconds between the upload's and Spotify's durations (ties go to the closer one). */
  durationGap: number;
}

const TITLE_POINTS = 45;

/** A best score below this: no candidate is plausibly the same recording (the decision declines). */
export const PLAUSIBLE_THRESHOLD = 50;
/** Where a marker or version mismatch caps a score: whatever else matches, it is another recording. */
const DIFFERENT_RECORDING_CEILING = PLAUSIBLE_THRESHOLD - 5;

const CHANNEL_POINTS: Record<string, [number, string]> = {
  'topic': [30, "the artist's auto-generated Topic upload"],
  'artist': [25, "the artist's own channel"],
  'label-with-artist': [18, 'a label channel naming the artist'],
  'label': [5, 'a label channel, artist not named'],
  'self-named': [12, "the uploader's own channel (name in another script)"],
  'third-party-title': [5, 'a third-party upload naming the artist'],
  'third-party-description': [0, 'a third-party upload, artist only in the description'],
  'none': [-25, 'artist not found in channel, title or description'],
  'topic-other': [-35, "another artist's Topic upload: their release"],
};

/** A marker on the upload that the Spotify title does not carry. */
const EXTRA_MARKER_PENALTY: Record<MarkerFamily, number> = {
  'live': 55, 'remix': 55, 'sped-up': 60, 'slowed': 60, 'nightcore': 60, '8d': 60, 'karaoke': 60, 'instrumental': 55,
  'acapella': 60, 'acoustic': 50, 'cover': 55, 'loop': 60, 'reaction': 60, 'tutorial': 60, 'clip': 55, 'edit': 45,
};
/** A marker the Spotify title carries that the upload lacks: most likely the plain version. */
const MISSING_MARKER_PENALTY = 55;
const MISSING_EDIT_PENALTY = 40;
const MARKER_PENALTY_CAP = 75;
const VERSION_PENALTY = 50;
const FOREIGN_GUEST_PENALTY = 35;
const THIRD_PARTY_LYRICS_PENALTY = 30;
const OTHER_PERFORMANCE_PENALTY = 50;

/** Small words that carry nothing when counting a title's extra words. */
const STOP_WORDS = new Set(['at', 'on', 'in', 'to', 'of', 'the', 'a', 'an', 'and', 'from', 'by', 'for', 'with', 'de', 'la', 'le', 'el', 'no', 'na', 'em', 'en']);

const FEATURE_IN_BRACKETS = /[([]\s*(?:feat\.?|ft\.?|featuring|with)\s+([^)\]]+)[)\]]/gi;
const FEATURE_TRAILING = /\b(?:feat\.?|ft\.?|featuring)\s+(.+?)(?=\s*[()[\]|]|\s[-–—]\s|$)/gi;

/** Guest names a title credits ("ft. Daddy Yankee", "(with Justin Bieber)"). */
export function creditedGuests(title: string): string[] {
  const names: string[] = [];
  for (const pattern of [FEATURE_IN_BRACKETS, FEATURE_TRAILING]) {
    for (const match of title.matchAll(pattern)) names.push(...match[1]!.split(/,|&|\s+(?:and|x|y|e|et|und)\s+/i));
  }
  return [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
}

function isTrackArtist(track: PreparedTrack, guest: ArtistForms): boolean {
  if (!guest.compact) return true;
  return track.artists.some((a) =>
    [a.compact, a.latinCompact].some((form) => form === guest.compact || (form.length >= 4 && guest.compact.includes(form)) || (guest.compact.length >= 4 && form.includes(guest.compact)))
    // A piece of a name that itself holds "&" ("Leo" of "Leo & The Shadows").
    || (guest.words.length > 0 && a.words.some((_, i) => guest.words.every((w, k) => a.words[i + k] === w))),
  );
}

/** The title's words with the track's artist names taken out (so "Clean Bandit" is not a clean edit). */
function withoutArtistNames(words: readonly string[], artists: readonly ArtistForms[]): string[] {
  const out = [...words];
  for (const artist of artists) {
    const n = artist.words.length;
    if (n === 0) continue;
    for (let i = 0; i + n <= out.length; i++) {
      if (artist.words.every((w, k) => out[i + k] === w)) {
        out.splice(i, n);
        i--;
      }
    }
  }
  return out;
}

function channelPoints(channel: ChannelFacts): [number, string] {
  if (channel.kind === 'topic' || channel.kind === 'topic-other' || channel.kind === 'artist' || channel.kind === 'self-named') return CHANNEL_POINTS[channel.kind]!;
  if (channel.kind === 'label') return CHANNEL_POINTS[channel.artistEvidence === 'none' ? 'label' : 'label-with-artist']!;
  if (channel.artistEvidence === 'title') return CHANNEL_POINTS['third-party-title']!;
  if (channel.artistEvidence === 'description') return CHANNEL_POINTS['third-party-description']!;
  return CHANNEL_POINTS.none!;
}

function durationProfile(channel: ChannelFacts, titleWords: readonly string[]): DurationProfile {
  if (channel.kind === 'topic') return 'exact';
  if (channel.kind === 'artist' || channel.kind === 'label' || channel.kind === 'self-named') return saysAudio(titleWords) ? 'audio' : 'video';
  return 'audio'; // a third party's upload is a copy of some audio: it should match exactly
}

/** The album paragraph of a Topic description ("Provided to YouTube by …\n\nTitle · Artist\n\nAlbum"). */
function topicAlbum(description: string): string {
  return description.split(/\n\s*\n/)[2]?.trim() ?? '';
}

const signed = (points: number): string => (points >= 0 ? `+${Math.round(points)}` : `${Math.round(points)}`);

export function scoreCandidate(track: PreparedTrack, candidate: Candidate, context: ScoringContext): CandidateScore {
  const reasons: string[] = [];
  let total = 0;
  const add = (points: number, why: string): void => {
    total += points;
    reasons.push(`${why} (${signed(points)})`);
  };

  const titleWords = tokens(candidate.title);
  const channel = classifyChannel(track, candidate, context.labels);
  const isTopic = channel.kind === 'topic' || channel.kind === 'topic-other';
  const channelWords = new Set(tokens(candidate.channelTitle.replace(/\s+-\s+topic$/i, '')));
  /** Set by a marker, version or title that makes it another recording: the score is then capped. */
  let differentRecording = false;

  // Title: are the song's words there, in the segment that names the song?
  const index = wordIndex(titleWords);
  const units = titleUnits(candidate.title);
  let bestUnit: readonly string[] = titleWords;
  let bestUnitCoverage = -1;
  for (const unit of units) {
    const unitCoverage = coverage(track.mainWords, wordIndex(unit));
    if (unitCoverage > bestUnitCoverage) [bestUnit, bestUnitCoverage] = [unit, unitCoverage];
  }
  // All the words there but spread over segments counts as three quarters.
  const mainCoverage = Math.max(bestUnitCoverage, coverage(track.mainWords, index) * 0.75);
  const subCoverage = track.subWords.length > 0 ? coverage(track.subWords, index) : null;
  const titleCoverage = subCoverage === null ? mainCoverage : 0.8 * mainCoverage + 0.2 * subCoverage;
  add(TITLE_POINTS * titleCoverage, `title words ${Math.round(titleCoverage * 100)}% present`);
  // An Art Track carries the release's own title, as Spotify does: any difference is another track.
  if (isTopic && mainCoverage < 1) add(-30, 'Art Track titled otherwise');
  if (mainCoverage < 0.75) add(-35, 'title names another song');
  else {
    if (mainCoverage < 1 && !isTopic) add(-10, 'title names the song only in part');
    // The segment naming the song must not name more than the song ("Hello Again" is not "Hello").
    // Only words in a script the Spotify name uses can be judged (a channel may add its name in kanji).
    const unnamed = bestUnitCoverage >= 0.75
      ? [...new Set(bestUnit)].filter((w) => !track.artistWords.has(w) && !track.albumWords.has(w) && !channelWords.has(w) && !NOISE_WORDS.has(w) && !STOP_WORDS.has(w)
        && !isMarkerWord(w) && !isRemasterWord(w) && !isYear(w) && track.scripts.has(isNonLatin(w)) && !containsWord(track.nameIndex, w))
      : [];
    if (unnamed.length > 0) {
      add(-Math.min(45, 30 * unnamed.length), `title names "${unnamed.slice(0, 3).join(' ')}", not in the song name: another song`);
      differentRecording = true;
    }
  }

  // Channel and artist.
  const [points, why] = channelPoints(channel);
  add(points, why);

  // Duration, by kind of upload.
  const duration = judgeDuration(track.durationSeconds, candidate.durationSeconds, durationProfile(channel, titleWords));
  total += duration.points;
  reasons.push(duration.reason);

  // Version markers, both ways, unless both sides carry the family.
  const markerWords = withoutArtistNames(titleWords, track.artists);
  const markers = detectMarkers(markerWords);
  const fromDescription = isTopic ? new Set<MarkerFamily>() : descriptionMarkers(candidate.description);
  let markerPenalty = 0;
  const markerReasons: string[] = [];
  for (const family of MARKER_FAMILIES) {
    const onUpload = markers.has(family) || fromDescription.has(family);
    const onSpotify = track.markers.has(family);
    if (onUpload && !onSpotify) {
      markerPenalty += EXTRA_MARKER_PENALTY[family];
      differentRecording = true;
      markerReasons.push(`${family} marker ${markers.has(family) ? 'in title' : 'in description'}, not in Spotify title (-${EXTRA_MARKER_PENALTY[family]})`);
    } else if (onSpotify && !onUpload) {
      const penalty = family === 'edit' ? MISSING_EDIT_PENALTY : MISSING_MARKER_PENALTY;
      markerPenalty += penalty;
      // Videos of a radio edit seldom say so: a missing edit marker is doubt, not proof.
      if (family !== 'edit') differentRecording = true;
      markerReasons.push(`Spotify title is ${family}, upload is not marked so (-${penalty})`);
    }
    if (fromDescription.has(family)) markers.add(family);
  }
  if (markerPenalty > 0) {
    total -= Math.min(markerPenalty, MARKER_PENALTY_CAP);
    reasons.push(...markerReasons);
    if (markerPenalty > MARKER_PENALTY_CAP) reasons.push(`marker penalties capped at -${MARKER_PENALTY_CAP}`);
  }
  const versions = versionQualifiers(titleWords);
  for (const version of versions) {
    if (track.versions.has(version)) continue;
    add(-VERSION_PENALTY, `"${version}" version, not the Spotify one`);
    differentRecording = true;
  }
  for (const version of track.versions) {
    if (versions.has(version)) continue;
    add(-VERSION_PENALTY, `Spotify track is the "${version}" version, upload is not`);
    differentRecording = true;
  }
  if (track.remaster && hasRemaster(titleWords)) add(3, 'remaster, as on Spotify');

  // Guests the upload credits that the Spotify track does not have: another recording.
  for (const guest of creditedGuests(candidate.title)) {
    const forms = artistForms(guest);
    if (isTrackArtist(track, forms) || forms.words.every((w) => isMarkerWord(w) || NOISE_WORDS.has(w))) continue;
    add(-FOREIGN_GUEST_PENALTY, `credits ${guest}, not on the Spotify track`);
    // An Art Track credits exactly its release's artists: another guest is another release.
    if (isTopic) differentRecording = true;
  }

  // Words the title adds beyond the song, its artists and the usual upload noise.
  // Words in a script the Spotify name does not use are translations or transliterations, not extras.
  const unexplained = (w: string): boolean => !track.knownWords.has(w) && !channelWords.has(w) && !NOISE_WORDS.has(w) && !STOP_WORDS.has(w)
    && !isMarkerWord(w) && !isRemasterWord(w) && !isYear(w) && w.length > 1 && track.scripts.has(isNonLatin(w));
  const extras = new Set(markerWords.filter(unexplained));
  const guestWords = new Set(creditedGuests(candidate.title).flatMap((guest) => tokens(guest)));
  for (const w of guestWords) extras.delete(w);
  if (extras.size > 0) {
    const sample = [...extras].slice(0, 4).join(' ');
    // An Art Track's title is the release's own: extra words mean another track or version.
    if (isTopic) add(-Math.min(50, 25 * extras.size), `Art Track title adds "${sample}"`);
    else {
      // Uploaders put versions in brackets ("(Esto Es África)", "(Acoustic)"): an unexplained
      // bracketed qualifier weighs more than stray words around the title.
      const qualifier = new Set(bracketGroups(candidate.title).flatMap((group) => tokens(group)).filter((w) => extras.has(w) && !guestWords.has(w)));
      const loose = extras.size - qualifier.size;
      if (qualifier.size > 0) add(-Math.min(30, 15 * qualifier.size), `title qualifies the song with "${[...qualifier].slice(0, 4).join(' ')}"`);
      if (loose > 0) add(-Math.min(10, 2 * loose), `title adds "${sample}"`);
    }
  }
  if (track.markers.has('live') && markers.has('live')) {
    // Both live: a show or venue the Spotify release does not name, or a broadcaster's or fan's
    // upload, is another performance than the released live recording.
    if (channel.kind === 'third-party' || extras.size > 0) add(-OTHER_PERFORMANCE_PENALTY, 'live upload of another performance');
  } else if (track.markers.has('remix') && markers.has('remix') && extras.size > 0) {
    // Both remixes, but the upload names someone the Spotify title does not: another remix.
    add(-OTHER_PERFORMANCE_PENALTY, 'remix by another remixer');
  }

  const independent = candidate.source === 'odesli' || candidate.source === 'genius' || candidate.source === 'stored';
  let ceiling = differentRecording ? DIFFERENT_RECORDING_CEILING : Infinity;
  if (channel.kind === 'third-party') {
    if (hasLyrics(titleWords)) add(-THIRD_PARTY_LYRICS_PENALTY, 'third-party lyric video: a copy of the audio, often altered');
    else if (isThirdPartyBoilerplate(candidate.description)) add(-5, 'third-party re-upload');
    // A stranger's copy is no source to map to on its own word; an independent pairing can vouch for it.
    if (!independent && total > DIFFERENT_RECORDING_CEILING) {
      reasons.push(`third-party upload without independent evidence: capped at ${DIFFERENT_RECORDING_CEILING}`);
      ceiling = Math.min(ceiling, DIFFERENT_RECORDING_CEILING);
    }
  }

  if (channel.kind === 'topic') {
    if (compactText(candidate.title.replace(FEATURE_IN_BRACKETS, '')) === compactText(track.facts.name.replace(FEATURE_IN_BRACKETS, ''))) add(4, 'Art Track title is the Spotify name');
    const album = compactName(topicAlbum(candidate.description));
    if (album && album === track.albumCompact) add(4, 'Art Track of the same album');
  }

  if (independent) add(6, `${candidate.source} pairs it with the track`);

  if (differentRecording && total > DIFFERENT_RECORDING_CEILING) reasons.push(`another recording: capped at ${DIFFERENT_RECORDING_CEILING}`);
  total = Math.min(total, ceiling);
  const score = Math.max(0, Math.min(100, Math.round(total)));
  const durationGap = Math.abs(candidate.durationSeconds - track.durationSeconds);
  return { ...candidate, score, reasons, raw: total, channel, markers, durationGap };
}

/** Labels and distributors the Topic uploads among the candidates name: their channels are labels. */
export function scoringContext(track: PreparedTrack, candidates: readonly Candidate[]): ScoringContext {
  const labels = new Set<string>();
  for (const candidate of candidates) {
    if (!/\s-\s+topic$/i.test(candidate.channelTitle) || !/^provided to youtube by/i.test(candidate.description.trim())) continue;
    const owner = tokens(candidate.channelTitle.replace(/\s+-\s+topic$/i, ''));
    if (!track.artists.some((a) => nameIn(a, owner, owner.join('')))) continue;
    for (const party of releaseParties(candidate.description)) labels.add(party);
  }
  return { labels };
}
