/**
 * Channel kinds (Topic, the artist's own or VEVO channel, labels, channels named in another
 * script, third parties) and duration judged by the kind of upload.
 */
import { describe, expect, it } from 'vitest';
import { classifyChannel } from './channel.js';
import { judgeDuration } from './duration.js';
import { artTrack, spotifyTrack, upload } from './fixtures.js';
import { decideMapping } from './index.js';
import { prepareTrack } from './track.js';

const kindOf = (track: ReturnType<typeof spotifyTrack>, candidate: ReturnType<typeof upload>, labels: string[] = []) =>
  classifyChannel(prepareTrack(track), candidate, new Set(labels));

describe('channel kinds', () => {
  const track = spotifyTrack({ name: 'Blinding Lights', artists: ['The Weeknd'], album: 'After Hours', durationMs: 200_000 });

  it('the artist\'s Topic channel, and another artist\'s', () => {
    expect(kindOf(track, artTrack('Blinding Lights', 'The Weeknd', 200))).toEqual({ kind: 'topic', artistEvidence: 'channel' });
    expect(kindOf(track, artTrack('Blinding Lights', 'Some Cover Band', 200)).kind).toBe('topic-other');
  });

  it('the artist\'s own channel however it is spelt: VEVO, "Official", squeezed', () => {
    for (const channelTitle of ['TheWeekndVEVO', 'The Weeknd', 'The Weeknd Official', 'theweekndmusic']) {
      expect(kindOf(track, upload({ title: 'The Weeknd - Blinding Lights (Official Video)', channelTitle })).kind).toBe('artist');
    }
    const duo = spotifyTrack({ name: 'Propaganda - Ao Vivo', artists: ['Jorge & Mateus'] });
    expect(kindOf(duo, upload({ title: 'Jorge & Mateus - Propaganda', channelTitle: 'Jorge e Mateus' })).kind).toBe('artist');
    const cyrillic = spotifyTrack({ name: 'Утекай', artists: ['Mumiy Troll'] });
    expect(kindOf(cyrillic, upload({ title: 'Мумий Тролль - Утекай', channelTitle: 'Мумий Тролль' })).kind).toBe('artist');
  });

  it('labels: by name, or named in a Topic upload\'s ℗ line', () => {
    expect(kindOf(track, upload({ title: 'The Weeknd - Blinding Lights', channelTitle: 'XO Records' })).kind).toBe('label');
    expect(kindOf(track, upload({ title: 'The Weeknd - Blinding Lights', channelTitle: 'Republic' }), ['republic'])).toEqual({ kind: 'label', artistEvidence: 'title' });
  });

  it('a channel named as the title\'s artist in a script Spotify does not use', () => {
    const lemon = spotifyTrack({ name: 'Lemon', artists: ['Kenshi Yonezu'] });
    expect(kindOf(lemon, upload({ title: '米津玄師 MV「Lemon」', channelTitle: '米津玄師' })).kind).toBe('self-named');
    expect(kindOf(lemon, upload({ title: '米津玄師 - Lemon (Cover)', channelTitle: 'カバー歌手' })).kind).toBe('third-party');
  });

  it('third parties, with where the artist shows up', () => {
    expect(kindOf(track, upload({ title: 'The Weeknd - Blinding Lights (Lyrics)', channelTitle: '7clouds' }))).toEqual({ kind: 'third-party', artistEvidence: 'title' });
    expect(kindOf(track, upload({ title: 'Blinding Lights (sped up)', channelTitle: 'tiktok sped up', description: 'Original: The Weeknd - Blinding Lights' }))).toEqual({ kind: 'third-party', artistEvidence: 'description' });
    expect(kindOf(track, upload({ title: 'Blinding Lights', channelTitle: 'Random Covers' }))).toEqual({ kind: 'third-party', artistEvidence: 'none' });
  });

  it('an upload found among the artist\'s channel uploads is the artist\'s', () => {
    expect(kindOf(track, upload({ title: 'Blinding Lights', channelTitle: 'XO', source: 'artist-channel' })).kind).toBe('artist');
  });

  it('channel kind decides between otherwise equal uploads: Topic, then the artist, then others', () => {
    const topic = artTrack('Blinding Lights', 'The Weeknd', 200, 'After Hours');
    const own = upload({ title: 'The Weeknd - Blinding Lights (Official Audio)', channelTitle: 'The Weeknd', durationSeconds: 200 });
    const fan = upload({ title: 'The Weeknd - Blinding Lights', channelTitle: 'Music Archive', durationSeconds: 200 });
    const ranked = decideMapping(track, [fan, own, topic]).ranked.map((c) => c.videoId);
    expect(ranked).toEqual([topic.videoId, own.videoId, fan.videoId]);
  });

  it('a third party\'s copy is not plausible on its own, but an independent pairing can vouch for it', () => {
    const fan = upload({ title: 'The Weeknd - Blinding Lights', channelTitle: 'Music Archive', durationSeconds: 200 });
    expect(decideMapping(track, [fan]).outcome).toBe('unavailable');
    expect(decideMapping(track, [{ ...fan, source: 'odesli' }]).outcome).toBe('uncertain');
  });
});

describe('duration by kind of upload', () => {
  it('Art Tracks must match within a second or two', () => {
    expect(judgeDuration(354.6, 355, 'exact').points).toBe(25);
    expect(judgeDuration(354.6, 358, 'exact').points).toBe(10);
    expect(judgeDuration(310.9, 303, 'exact').points).toBeLessThanOrEqual(-45);
  });

  it('official audio and copies of the audio: tight', () => {
    expect(judgeDuration(200, 201, 'audio').points).toBe(25);
    expect(judgeDuration(200, 207, 'audio').points).toBeLessThan(0);
  });

  it('music videos may run longer (intros), never shorter', () => {
    expect(judgeDuration(200, 202, 'video').points).toBe(25);
    expect(judgeDuration(200, 205, 'video').points).toBe(15);
    expect(judgeDuration(200, 209, 'video').points).toBe(5);
    expect(judgeDuration(200, 215, 'video').points).toBe(-5);
    expect(judgeDuration(200, 262, 'video').points).toBeLessThan(-30);
    expect(judgeDuration(369, 288, 'video').points).toBeLessThan(0); // the shorter video edit of "Get Lucky"
    expect(judgeDuration(301, 278, 'video').points).toBe(-25);
  });

  it('loops and clips are far from any length', () => {
    expect(judgeDuration(270, 3583, 'audio').points).toBe(-45);
    expect(judgeDuration(200, 25, 'video').points).toBe(-45);
  });

  it('missing durations', () => {
    expect(judgeDuration(0, 200, 'exact').points).toBe(0);
    expect(judgeDuration(200, 0, 'exact').points).toBe(-20);
  });

  it('the duration trap: a popular official video of another length loses to the exact Art Track', () => {
    const track = spotifyTrack({ name: 'Get Lucky (feat. Pharrell Williams and Nile Rodgers)', artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'], album: 'Random Access Memories', durationMs: 369_459 });
    const video = upload({ title: 'Daft Punk - Get Lucky (Official Video) feat. Pharrell Williams and Nile Rodgers', channelTitle: 'Daft Punk', durationSeconds: 288, viewCount: 900_000_000 });
    const topic = artTrack('Get Lucky (feat. Pharrell Williams and Nile Rodgers)', 'Daft Punk', 369, 'Random Access Memories', { viewCount: 1_000 });
    const decision = decideMapping(track, [video, topic]);
    expect(decision.choice?.videoId).toBe(topic.videoId);
    expect(decideMapping(track, [video]).outcome).toBe('unavailable');
  });
});
