/**
 * Version markers: each family counts against an upload when the Spotify title lacks it, and not
 * when the Spotify title carries the same family (a live track should pick the live upload). Also
 * "<X> Version" qualifiers, description give-aways, guests not on the track and artist names that
 * contain marker words.
 */
import { describe, expect, it } from 'vitest';
import { decideMapping } from './index.js';
import { descriptionMarkers, detectMarkers, MARKER_FAMILIES, versionQualifiers, type MarkerFamily } from './markers.js';
import { tokens } from '../../../../providers/text/normalise.js';
import { artTrack, spotifyTrack, upload } from './fixtures.js';

/** A marker as Spotify appends it ("Yellow - Live at Glastonbury") and as an Art Track brackets it. */
const MARKERS: Record<MarkerFamily, string> = {
  'live': 'Live at Glastonbury',
  'remix': 'Kaytranada Remix',
  'sped-up': 'Sped Up',
  'slowed': 'Slowed + Reverb',
  'nightcore': 'Nightcore',
  '8d': '8D Audio',
  'karaoke': 'Karaoke',
  'instrumental': 'Instrumental',
  'acapella': 'Acapella',
  'acoustic': 'Acoustic',
  'cover': 'Cover',
  'loop': '1 Hour Loop',
  'reaction': 'Reaction',
  'tutorial': 'Dance Tutorial',
  'clip': 'Movie Scene',
  'edit': 'Radio Edit',
};

describe('marker detection', () => {
  it.each(MARKER_FAMILIES)('finds %s in a title', (family) => {
    expect(detectMarkers(tokens(`Yellow (${MARKERS[family]})`))).toContain(family);
  });

  it('matches whole words only, and other scripts as written', () => {
    expect(detectMarkers(tokens('Alive'))).not.toContain('live');
    expect(detectMarkers(tokens('Du hast (Live aus Berlin)'))).toContain('live');
    expect(detectMarkers(tokens('Infiel (Ao Vivo)'))).toContain('live');
    expect(detectMarkers(tokens('うっせぇわ 歌ってみた【まふまふ】'))).toContain('cover');
    expect(detectMarkers(tokens('آه ونص - نانسي عجرم (كاريوكي)'))).toContain('karaoke');
    expect(detectMarkers(tokens('Coldplay - Yellow (Official Video)')).size).toBe(0);
  });

  it('reads give-aways in descriptions', () => {
    expect(descriptionMarkers('Queen performing “Bohemian Rhapsody” live Aid 1985.')).toContain('live');
    expect(descriptionMarkers('My cover of “Hello” by Adele. Hope you enjoy!')).toContain('cover');
    expect(descriptionMarkers('Official music video for “Dreams” by Fleetwood Mac.').size).toBe(0);
  });

  it('reads "<X> Version" qualifiers, languages unified', () => {
    expect([...versionQualifiers(tokens("Blank Space (Taylor's Version)"))]).toEqual(['taylors']);
    expect([...versionQualifiers(tokens('Ai Se Eu Te Pego (Versión en Español)'))]).toEqual(['spanish']);
    expect([...versionQualifiers(tokens('DDU-DU DDU-DU (JP Ver.)'))]).toEqual(['japanese']);
    expect(versionQualifiers(tokens('Yellow (Acoustic Version)')).size).toBe(0); // the acoustic family says it
    expect(versionQualifiers(tokens('Yellow (Album Version)')).size).toBe(0);
  });
});

describe('marker penalties and the same-marker exemption', () => {
  it.each(MARKER_FAMILIES)('%s: an upload so marked is not the plain Spotify track', (family) => {
    const marked = artTrack(`Yellow (${MARKERS[family]})`, 'Coldplay', 266);
    const decision = decideMapping(spotifyTrack(), [marked]);
    expect(decision.outcome).toBe('unavailable');
    expect(decision.ranked[0]!.reasons.join('; ')).toMatch(new RegExp(`${family} marker in title, not in Spotify title \\(-\\d+\\)`));
  });

  it.each(MARKER_FAMILIES)('%s: a Spotify title with the same marker picks the marked upload', (family) => {
    const marked = artTrack(`Yellow (${MARKERS[family]})`, 'Coldplay', 266);
    const plain = artTrack('Yellow', 'Coldplay', 266);
    const decision = decideMapping(spotifyTrack({ name: `Yellow - ${MARKERS[family]}` }), [plain, marked]);
    expect(decision.choice?.videoId).toBe(marked.videoId);
    expect(decision.outcome).toBe('confident');
    expect(decision.choice!.reasons.join('; ')).not.toContain('marker in title');
    // …and the plain upload is marked down for lacking it.
    expect(decision.ranked.find((c) => c.videoId === plain.videoId)!.reasons.join('; ')).toContain(`Spotify title is ${family}, upload is not marked so`);
  });

  it('a live Spotify track rejects a live upload of another performance', () => {
    const track = spotifyTrack({ name: 'Yellow - Live at Glastonbury', album: 'Live 2003', durationMs: 300_000 });
    const tvShow = upload({ title: 'Coldplay - Yellow (Live on SNL)', channelTitle: 'Saturday Night Live', durationSeconds: 300 });
    const otherVenue = upload({ title: 'Coldplay - Yellow (Live at Wembley)', channelTitle: 'Coldplay', durationSeconds: 300 });
    expect(decideMapping(track, [tvShow, otherVenue]).outcome).toBe('unavailable');
  });

  it('a remix Spotify track rejects a remix by someone else', () => {
    const track = spotifyTrack({ name: 'Yellow - Kaytranada Remix', durationMs: 240_000 });
    expect(decideMapping(track, [artTrack('Yellow (Diplo Remix)', 'Coldplay', 240)]).outcome).toBe('unavailable');
    expect(decideMapping(track, [artTrack('Yellow (Kaytranada Remix)', 'Coldplay', 240)]).outcome).toBe('confident');
  });

  it('reads the live marker from a description when the title does not say it', () => {
    const concert = upload({ title: 'Coldplay - Yellow', channelTitle: 'Coldplay', description: 'Coldplay performing “Yellow” live at Glastonbury.' });
    expect(decideMapping(spotifyTrack(), [concert]).outcome).toBe('unavailable');
  });

  it('"<X> Version" must agree both ways', () => {
    const track = spotifyTrack({ name: "Blank Space (Taylor's Version)", artists: ['Taylor Swift'], album: '1989 (Taylor’s Version)', durationMs: 231_337 });
    const original = artTrack('Blank Space', 'Taylor Swift', 231, '1989');
    const retake = artTrack("Blank Space (Taylor's Version)", 'Taylor Swift', 231, '1989 (Taylor’s Version)');
    expect(decideMapping(track, [original]).outcome).toBe('unavailable');
    expect(decideMapping(track, [original, retake]).choice?.videoId).toBe(retake.videoId);
    const plain = spotifyTrack({ name: 'Bailando', artists: ['Enrique Iglesias'], album: 'SEX AND LOVE', durationMs: 243_000 });
    expect(decideMapping(plain, [artTrack('Bailando (English Version)', 'Enrique Iglesias', 243)]).outcome).toBe('unavailable');
  });

  it('a remaster is the same performance: no penalty either way, a small bonus when both say it', () => {
    const remastered = spotifyTrack({ name: 'Yellow - Remastered 2020' });
    const plainUpload = artTrack('Yellow', 'Coldplay', 266);
    const remasterUpload = artTrack('Yellow (Remastered 2020)', 'Coldplay', 266);
    const decision = decideMapping(remastered, [plainUpload, remasterUpload]);
    expect(decision.choice?.videoId).toBe(remasterUpload.videoId);
    expect(decision.ranked.every((c) => c.score >= 90)).toBe(true);
    expect(decideMapping(spotifyTrack(), [remasterUpload]).outcome).toBe('confident');
  });

  it('a guest the Spotify track does not have makes another release', () => {
    const track = spotifyTrack({ name: 'bad guy', artists: ['Billie Eilish'], album: 'WHEN WE ALL FALL ASLEEP, WHERE DO WE GO?', durationMs: 194_000 });
    const withGuest = artTrack('bad guy (with Justin Bieber)', 'Billie Eilish', 195);
    expect(decideMapping(track, [withGuest]).outcome).toBe('unavailable');
    const featured = spotifyTrack({ name: 'Despacito', artists: ['Luis Fonsi', 'Daddy Yankee'], album: 'VIDA', durationMs: 228_000 });
    const audio = upload({ title: 'Luis Fonsi - Despacito (Audio) ft. Daddy Yankee', channelTitle: 'LuisFonsiVEVO', durationSeconds: 228 });
    expect(decideMapping(featured, [audio]).outcome).toBe('confident');
  });

  it('marker words inside the artist name do not count ("Clean Bandit" is no clean edit)', () => {
    const track = spotifyTrack({ name: 'Rockabye', artists: ['Clean Bandit'], album: 'What Is Love?', durationMs: 251_000 });
    const video = upload({ title: 'Clean Bandit - Rockabye (Official Video)', channelTitle: 'Clean Bandit', durationSeconds: 251 });
    expect(decideMapping(track, [video]).outcome).toBe('confident');
  });
});
