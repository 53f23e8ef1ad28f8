/**
 * Title and artist normalisation and the scoring of Genius search hits: remasters, features on
 * both sides, live and other edits, non-Latin titles with and without Genius's romanisation, and
 * same-title songs by other artists, which must never match.
 */
import { describe, expect, it } from 'vitest';
import type { GeniusSearchHit } from './schemas.js';
import { artistSimilarity, bestGeniusHit, coreSongTitle, geniusSearchQuery, scoreGeniusHit, titleForms, titleSimilarity } from './song-match.js';

/** The threshold the lyrics subgraph uses by default (LYRICS_MIN_CONFIDENCE). */
const THRESHOLD = 0.75;

let nextId = 1;
function hit(title: string, artist: string, featured: string[] = []): GeniusSearchHit {
  const id = nextId++;
  return {
    id,
    title,
    url: `https://genius.com/song-${id}-lyrics`,
    primary_artist: { id: id + 1000, name: artist },
    featured_artists: featured.map((name, i) => ({ id: id + 2000 + i, name })),
  };
}

describe('core titles', () => {
  it.each([
    ['Here Comes the Sun - Remastered 2009', 'Here Comes the Sun'],
    ['Here Comes the Sun - 2019 Mix', 'Here Comes the Sun'],
    ['Vida da paixão - 2003 Remaster', 'Vida da paixão'],
    ['Heroes (2017 Remaster)', 'Heroes'],
    ['Ciao (with Francesca Rossi)', 'Ciao'],
    ['Vita dell\'anima (feat. Elisa Romano)', 'Vita dell\'anima'],
    ['La pluie de la route (feat. TOHAAHA) - Acoustic', 'La pluie de la route'],
    ['시간처럼 - Live', '시간처럼'],
    ['Innan natten tar slut - Live at Rock in Rio', 'Innan natten tar slut'],
    ['Blinding Lights (Radio Edit)', 'Blinding Lights'],
    ['Sicko Mode ft. Drake', 'Sicko Mode'],
    ['夜に駆ける (Yoru ni Kakeru)', '夜に駆ける'],
  ])('%s → %s', (name, core) => expect(coreSongTitle(name)).toBe(core));

  it('keeps a romanisation as a form of the title, but not an edit marker', () => {
    expect(titleForms('夜に駆ける (Yoru ni Kakeru)')).toEqual(['夜に駆ける', '夜に駆ける (Yoru ni Kakeru)', 'Yoru ni Kakeru']);
    expect(titleForms('Heroes (2017 Remaster)')).not.toContain('2017 Remaster');
    expect(titleForms('Song (Live at Budokan)')).toEqual(['Song', 'Song (Live at Budokan)']);
  });

  it('searches with the core title and the main artist', () => {
    expect(geniusSearchQuery({ name: 'Heroes - 2017 Remaster', artists: ['David Bowie'] })).toBe('Heroes David Bowie');
    expect(geniusSearchQuery({ name: '밤처럼 (with Ramón García)', artists: ['WAVE TO EARTH', 'Ramón García'] })).toBe('밤처럼 WAVE TO EARTH');
  });
});

describe('similarity', () => {
  it('titles: folded, punctuation and accents ignored, other words count', () => {
    expect(titleSimilarity("Don't Stop Believin'", 'Dont Stop Believin')).toBe(1);
    expect(titleSimilarity('Canción para la calle', 'Cancion Para La Calle')).toBe(1);
    expect(titleSimilarity('Light', 'Light Years')).toBeLessThan(0.7);
    expect(titleSimilarity('僕らと月', '僕らの月')).toBeLessThan(0.5);
  });

  it('artists: "&" and "and", Cyrillic and its transliteration, a bracketed alias', () => {
    expect(artistSimilarity('Earth, Wind & Fire', 'Earth Wind and Fire')).toBe(1);
    expect(artistSimilarity('Мумий Тролль', 'Mumiy Troll')).toBe(1);
    expect(artistSimilarity('米津玄師', 'Kenshi Yonezu (米津玄師)')).toBe(1);
    expect(artistSimilarity('Radiohead', 'TLC')).toBe(0);
  });
});

describe('scoring Genius hits', () => {
  it('a remaster matches the song', () => {
    const track = { name: 'Vida da paixão - 2003 Remaster', artists: ['Caetano Brandão'] };
    expect(scoreGeniusHit(track, hit('Vida da paixão', 'Caetano Brandão')).confidence).toBe(1);
    expect(scoreGeniusHit({ name: 'Heroes (2017 Remaster)', artists: ['David Bowie'] }, hit('"Heroes"', 'David Bowie')).confidence).toBe(1);
  });

  it('featured artists: "(feat. X)" / "(with X)" on Spotify, "(Ft. X)" on Genius', () => {
    const track = { name: 'Besos de la madrugada (feat. Ramón García)', artists: ['Electric Lanterns', 'Ramón García'] };
    expect(scoreGeniusHit(track, hit('Besos de la madrugada (Ft. Ramón García)', 'Electric Lanterns', ['Ramón García'])).confidence).toBe(1);
    expect(scoreGeniusHit(track, hit('Besos de la madrugada', 'Electric Lanterns', ['Ramón García'])).confidence).toBe(1);
    const withGuest = { name: 'Ciao (with Francesca Rossi)', artists: ['Matteo Marino', 'Francesca Rossi'] };
    expect(scoreGeniusHit(withGuest, hit('Ciao (Ft. Francesca Rossi)', 'Matteo Marino')).confidence).toBe(1);
  });

  it('the guest credited as Genius\'s main artist still matches, a little less surely', () => {
    const track = { name: 'Mask Off (feat. Kendrick Lamar)', artists: ['Future', 'Kendrick Lamar'] };
    const scored = scoreGeniusHit(track, hit('Mask Off', 'Kendrick Lamar'));
    expect(scored.confidence).toBeGreaterThanOrEqual(THRESHOLD);
    expect(scored.confidence).toBeLessThan(1);
  });

  it('live versions and edits match the song', () => {
    expect(scoreGeniusHit({ name: '시간처럼 - Live', artists: ['WAVE TO EARTH'] }, hit('시간처럼', 'WAVE TO EARTH')).confidence).toBe(1);
    expect(scoreGeniusHit({ name: 'Blinding Lights (Radio Edit)', artists: ['The Weeknd'] }, hit('Blinding Lights', 'The Weeknd')).confidence).toBe(1);
    expect(scoreGeniusHit({ name: 'Song - DJ Koze Remix', artists: ['Róisín Murphy'] }, hit('Song', 'Róisín Murphy')).confidence).toBe(1);
  });

  it('non-Latin titles, with and without the romanisation Genius adds', () => {
    const yoasobi = hit('夜に駆ける (Yoru ni Kakeru)', 'YOASOBI');
    expect(scoreGeniusHit({ name: '夜に駆ける', artists: ['YOASOBI'] }, yoasobi).confidence).toBe(1);
    expect(scoreGeniusHit({ name: 'Yoru ni Kakeru', artists: ['YOASOBI'] }, yoasobi).confidence).toBe(1);
    expect(scoreGeniusHit({ name: '恋に眠る', artists: ['藤井優里'] }, hit('恋に眠る', '藤井優里')).confidence).toBe(1);
    const korean = hit('밤처럼 (Bamcheoreom) (Ft. Ramón García & Ethan Hayes)', 'WAVE TO EARTH', ['Ramón García', 'Ethan Hayes']);
    expect(scoreGeniusHit({ name: '밤처럼 (with Ramón García and Ethan Hayes)', artists: ['WAVE TO EARTH', 'Ramón García', 'Ethan Hayes'] }, korean).confidence).toBe(1);
    expect(scoreGeniusHit({ name: 'Холодный город', artists: ['Земфира Смирнова'] }, hit('Холодный город (Kholodnyy gorod)', 'Земфира Смирнова')).confidence).toBe(1);
  });

  it('another non-Latin song of the same artist does not match', () => {
    expect(scoreGeniusHit({ name: '僕らと月', artists: ['藤井優里'] }, hit('僕らの空', '藤井優里')).confidence).toBeLessThan(THRESHOLD);
  });

  it('same-title songs by other artists never match', () => {
    const creep = { name: 'Creep', artists: ['Stone Temple Pilots'] };
    expect(scoreGeniusHit(creep, hit('Creep', 'Radiohead')).confidence).toBeLessThan(THRESHOLD);
    expect(scoreGeniusHit(creep, hit('Creep', 'TLC')).confidence).toBeLessThan(THRESHOLD);
    const best = bestGeniusHit(creep, [hit('Creep', 'Radiohead'), hit('Creep', 'TLC'), hit('Plush', 'Stone Temple Pilots')]);
    expect(best!.confidence).toBeLessThan(THRESHOLD);
  });

  it('another song of the same artist with a longer title does not match', () => {
    expect(scoreGeniusHit({ name: 'Light', artists: ['Rhys Blake'] }, hit('Light Years', 'Rhys Blake')).confidence).toBeLessThan(THRESHOLD);
  });

  it('picks the right song among same-title hits, whatever their order', () => {
    const track = { name: 'Hello - Remastered', artists: ['Lionel Richie'] };
    const right = hit('Hello', 'Lionel Richie');
    for (const hits of [[hit('Hello', 'Adele'), right, hit('Hello Again', 'Lionel Richie')], [right, hit('Hello', 'Adele')]]) {
      expect(bestGeniusHit(track, hits)!.hit.id).toBe(right.id);
    }
    expect(bestGeniusHit(track, [])).toBeNull();
  });
});

describe('artists that share a word are other artists', () => {
  it.each([
    ['Wyatt Sutton', 'Tessa Sutton'],
    ['Grace', 'Grace Sinclair'],
    ['Lunar Giants', 'Lunar Satellites'],
    ['Ethan & The Hearts', 'Grace & The Saints'],
    ['Jérôme Chevalier', 'Hélène Chevalier'],
  ])('%s is not %s', (a, b) => {
    expect(artistSimilarity(a, b)).toBe(0);
    expect(scoreGeniusHit({ name: 'Intro', artists: [a] }, hit('Intro', b)).confidence).toBeLessThan(THRESHOLD);
  });

  it('one artist spelt two ways is the same', () => {
    expect(artistSimilarity('Beyoncé', 'Beyonce')).toBe(1);
    expect(artistSimilarity('The Beatles', 'Beatles')).toBe(1);
    expect(artistSimilarity('Mumiy Troll', 'Mumij Troll')).toBeGreaterThanOrEqual(0.85);
  });
});
