/**
 * The decision: each outcome (confident, uncertain, unavailable), the ranking, confidence and its
 * caps, and the contract's promises — pure, deterministic, independent of candidate order.
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENT_THRESHOLD, decideMapping, type Candidate } from './index.js';
import { artTrack, fanLyricVideo, spotifyTrack, upload } from './fixtures.js';

const track = spotifyTrack({ name: 'Yellow', artists: ['Coldplay'], album: 'Parachutes', durationMs: 266_000 });

describe('outcomes', () => {
  it('confident: the artist\'s Art Track of the same length', () => {
    const topic = artTrack('Yellow', 'Coldplay', 266);
    const decision = decideMapping(track, [fanLyricVideo('Coldplay - Yellow (Lyrics)', 265), topic]);
    expect(decision.outcome).toBe('confident');
    expect(decision.choice?.videoId).toBe(topic.videoId);
    expect(decision.confidence).toBeGreaterThanOrEqual(CONFIDENT_THRESHOLD);
    expect(decision.choice?.score).toBe(100);
  });

  it('confident: official audio on the artist\'s channel when there is no Art Track', () => {
    const audio = upload({ title: 'Coldplay - Yellow (Official Audio)', channelTitle: 'ColdplayVEVO', durationSeconds: 267 });
    expect(decideMapping(track, [audio]).outcome).toBe('confident');
  });

  it('uncertain: only an official video with a long intro', () => {
    const video = upload({ title: 'Coldplay - Yellow (Official Video)', channelTitle: 'Coldplay', durationSeconds: 281 });
    const decision = decideMapping(track, [video]);
    expect(decision.outcome).toBe('uncertain');
    expect(decision.choice?.videoId).toBe(video.videoId);
    expect(decision.confidence).toBeLessThan(CONFIDENT_THRESHOLD);
  });

  it('uncertain: the artist cannot be confirmed across scripts', () => {
    const aimyon = spotifyTrack({ name: 'マリーゴールド', artists: ['Aimyon'], album: '瞬間的シックスセンス', durationMs: 303_836 });
    const video = upload({ title: 'あいみょん – マリーゴールド 【OFFICIAL MUSIC VIDEO】', channelTitle: 'あいみょん', durationSeconds: 305 });
    expect(decideMapping(aimyon, [video]).outcome).toBe('uncertain');
  });

  it('unavailable: other artists\' songs of the same title, and nothing else', () => {
    const creep = spotifyTrack({ name: 'Creep', artists: ['Stone Temple Pilots'], album: 'Core', durationMs: 333_411 });
    const decision = decideMapping(creep, [
      upload({ title: 'Radiohead - Creep', channelTitle: 'Radiohead', durationSeconds: 236 }),
      artTrack('Creep', 'Radiohead', 238),
      artTrack('Creep', 'TLC', 333), // even of the same length
      upload({ title: 'Stone Temple Pilots - Plush (Official Music Video)', channelTitle: 'Stone Temple Pilots', durationSeconds: 333 }),
    ]);
    expect(decision).toMatchObject({ outcome: 'unavailable', choice: null, confidence: 0 });
    expect(decision.ranked).toHaveLength(4);
  });

  it('unavailable: no candidates at all', () => {
    expect(decideMapping(track, [])).toEqual({ outcome: 'unavailable', choice: null, confidence: 0, ranked: [] });
  });

  it('unavailable: an Art Track of the same title and artist but another length (another recording)', () => {
    const clair = spotifyTrack({ name: 'Suite bergamasque, L. 75: III. Clair de lune', artists: ['Claude Debussy', 'Seong-Jin Cho'], album: 'Debussy', durationMs: 310_865 });
    expect(decideMapping(clair, [artTrack('Suite bergamasque, L. 75: III. Clair de lune', 'Claude Debussy', 303)]).outcome).toBe('unavailable');
  });

  it('unavailable: the artist\'s other song of the same length ("Hello Again" is not "Hello")', () => {
    const hello = spotifyTrack({ name: 'Hello', artists: ['Adele'], album: '25', durationMs: 295_000 });
    expect(decideMapping(hello, [artTrack('Hello Again', 'Adele', 295, '25')]).outcome).toBe('unavailable');
    expect(decideMapping(hello, [upload({ title: 'Adele - Hello Again (Official Video)', channelTitle: 'Adele', durationSeconds: 295 })]).outcome).toBe('unavailable');
    expect(decideMapping(hello, [artTrack('Goodbye', 'Adele', 295, '25')]).outcome).toBe('unavailable');
  });
});

describe('ranking and confidence', () => {
  it('ranks every candidate best first, each with a 0-100 score and reasons', () => {
    const candidates = [
      fanLyricVideo('Coldplay - Yellow (Lyrics)', 265),
      upload({ title: 'Coldplay - Yellow (Live In Buenos Aires)', channelTitle: 'Coldplay', durationSeconds: 313 }),
      artTrack('Yellow', 'Coldplay', 266),
      upload({ title: 'Coldplay - Yellow (Official Video)', channelTitle: 'Coldplay', durationSeconds: 272 }),
    ];
    const { ranked } = decideMapping(track, candidates);
    expect(ranked.map((c) => c.title)).toEqual(['Yellow', 'Coldplay - Yellow (Official Video)', 'Coldplay - Yellow (Lyrics)', 'Coldplay - Yellow (Live In Buenos Aires)']);
    for (const c of ranked) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(100);
      expect(Number.isInteger(c.score)).toBe(true);
      expect(c.reasons.length).toBeGreaterThan(0);
    }
    expect(ranked[3]!.reasons).toContain('live marker in title, not in Spotify title (-55)');
  });

  it('a close rival that is another recording lowers confidence', () => {
    const ours = upload({ title: 'Coldplay - Yellow (Official Audio)', channelTitle: 'Coldplay', durationSeconds: 266 });
    const alone = decideMapping(track, [ours]).confidence;
    const rival = artTrack('Yellow', 'Coldplay', 262); // an Art Track of another length: another recording
    const withRival = decideMapping(track, [ours, { ...rival, durationSeconds: 270 }]);
    expect(withRival.choice?.videoId).toBe(ours.videoId);
    expect(withRival.confidence).toBeLessThanOrEqual(alone);
  });

  it('a third party\'s upload is never a confident pick, even when an independent source pairs it', () => {
    const fan = { ...upload({ title: 'Coldplay - Yellow', channelTitle: 'Music Archive', durationSeconds: 266 }), source: 'odesli' as const };
    const decision = decideMapping(track, [fan]);
    expect(decision.outcome).toBe('uncertain');
  });

  it('independent sources add to the score', () => {
    const video = upload({ title: 'Coldplay - Yellow (Official Video)', channelTitle: 'Coldplay', durationSeconds: 272 });
    const plain = decideMapping(track, [video]).choice!.score;
    const paired = decideMapping(track, [{ ...video, source: 'genius' }]).choice!.score;
    expect(paired).toBeGreaterThan(plain);
  });
});

describe('purity and determinism', () => {
  const candidates: Candidate[] = [
    artTrack('Yellow', 'Coldplay', 266, 'Parachutes', { viewCount: 5 }),
    artTrack('Yellow', 'Coldplay', 266, 'The Best Of', { viewCount: 5 }),
    upload({ title: 'Coldplay - Yellow (Official Video)', channelTitle: 'Coldplay', durationSeconds: 272 }),
    fanLyricVideo('Coldplay - Yellow (Lyrics)', 265),
  ];

  it('gives the same decision whatever the candidates\' order', () => {
    const forward = decideMapping(track, candidates);
    const backward = decideMapping(track, [...candidates].reverse());
    expect(backward).toEqual(forward);
    expect(forward.choice?.description).toContain('Parachutes'); // same album as Spotify's
  });

  it('does not touch its inputs, and returns copies', () => {
    const frozen = structuredClone(candidates);
    const decision = decideMapping(track, candidates);
    expect(candidates).toEqual(frozen);
    expect(decision.ranked[0]).not.toBe(candidates[0]);
    expect(Object.keys(decision.ranked[0]!).sort()).toEqual([...Object.keys(candidates[0]!), 'reasons', 'score'].sort());
  });

  it('is repeatable', () => {
    expect(decideMapping(track, candidates)).toEqual(decideMapping(track, candidates));
  });
});
