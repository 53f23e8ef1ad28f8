/**
 * Normalisation units: folding, tokens, compact names, transliteration, and how a Spotify name is
 * taken apart (song name, qualifiers, guests, remaster words).
 */
import { describe, expect, it } from 'vitest';
import { compactName, fold, isNonLatin, tokens, transliterate } from '../../../../providers/text/normalise.js';
import { levenshtein } from '../../../../providers/text/edit-distance.js';
import { coverage, containsWord, wordIndex } from './similarity.js';
import { prepareTrack, splitName, withoutRemaster } from './track.js';
import { spotifyTrack } from './fixtures.js';
import { titleUnits } from './title.js';

describe('fold', () => {
  it('lower-cases and folds Latin accents and special letters', () => {
    expect(fold('Tití Me Preguntó')).toBe('titi me pregunto');
    expect(fold('Måneskin Şımarık Straße Ørsted')).toBe('maneskin simarik strasse orsted');
  });

  it('unifies quote and dash variants and full-width forms', () => {
    expect(fold('Queen – Bohemian Rhapsody “Live” ’86')).toBe('queen - bohemian rhapsody "live" \'86');
    expect(fold('ＭＶ')).toBe('mv');
  });

  it('keeps other scripts as written (kana keep their marks, Cyrillic its й)', () => {
    expect(fold('夜に駆ける')).toBe('夜に駆ける');
    expect(fold('うっせぇわ が')).toBe('うっせぇわ が');
    expect(fold('Утекай')).toBe('утекай');
  });
});

describe('tokens', () => {
  it('joins inner apostrophes and reads & as "and"', () => {
    expect(tokens("Don't Stop Believin'")).toEqual(['dont', 'stop', 'believin']);
    expect(tokens("A far l'amore")).toEqual(['a', 'far', 'lamore']);
    expect(tokens('Earth, Wind & Fire')).toEqual(['earth', 'wind', 'and', 'fire']);
  });

  it('splits punctuation and script boundaries', () => {
    expect(tokens('YOASOBI「夜に駆ける」Official')).toEqual(['yoasobi', '夜に駆ける', 'official']);
    expect(tokens('PSY - GANGNAM STYLE(강남스타일) M/V')).toEqual(['psy', 'gangnam', 'style', '강남스타일', 'm', 'v']);
    expect(tokens('slowed+reverb')).toEqual(['slowed', 'reverb']);
  });
});

describe('compact names and transliteration', () => {
  it('drops connectors so duos match however they are joined', () => {
    expect(compactName('Jorge & Mateus')).toBe(compactName('Jorge e Mateus'));
    expect(compactName('Earth, Wind & Fire')).toBe('earthwindfire');
  });

  it('transliterates Cyrillic and leaves other scripts alone', () => {
    expect(transliterate('крови')).toBe('krovi');
    expect(transliterate('группа')).toBe('gruppa');
    expect(transliterate('夜')).toBe('夜');
    expect(isNonLatin('кино')).toBe(true);
    expect(isNonLatin('kino')).toBe(false);
  });
});

describe('similarity', () => {
  it('bounded Levenshtein', () => {
    expect(levenshtein('utekai', 'utekay')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('finds words across Cyrillic and Latin spellings, and inside unspaced Japanese', () => {
    expect(containsWord(wordIndex(tokens('Kino - Gruppa Krovi')), 'крови')).toBe(true);
    expect(containsWord(wordIndex(tokens('Мумий Тролль - Утекай')), 'utekai')).toBe(true);
    expect(containsWord(wordIndex(tokens('YOASOBI夜に駆ける')), '夜に駆ける')).toBe(true);
  });

  it('does not let one letter make another song match', () => {
    expect(containsWord(wordIndex(tokens('Dream')), 'dreams')).toBe(false);
    expect(containsWord(wordIndex(tokens('Emma Hart')), 'heart')).toBe(false);
  });

  it('coverage counts distinct words, small words half', () => {
    expect(coverage(tokens('Waka Waka'), wordIndex(tokens('Shakira - Waka Waka (Official Video)')))).toBe(1);
    expect(coverage(tokens('The Beautiful Morning'), wordIndex(tokens('Midnight of the Morning')))).toBeCloseTo(1.5 / 2.5);
  });
});

describe('the Spotify name taken apart', () => {
  it('splits the song name from its qualifier, after a leading bracket', () => {
    expect(splitName('Running Up That Hill (A Deal With God) - 2018 Remaster')).toEqual({ main: 'Running Up That Hill ', sub: '(A Deal With God) - 2018 Remaster' });
    expect(splitName('MALAMENTE - Cap.1: Augurio').main).toBe('MALAMENTE');
    expect(splitName("(I Can't Get No) Satisfaction").main).toBe("(I Can't Get No) Satisfaction");
  });

  it('removes guests: "(feat. X)", "(with X)", "ft. X"', () => {
    expect(splitName('Get Lucky (feat. Pharrell Williams and Nile Rodgers)').main.trim()).toBe('Get Lucky');
    expect(splitName('Heat Waves (with iann dior)').main.trim()).toBe('Heat Waves');
  });

  it('removes remaster words with their years, both spellings', () => {
    expect(withoutRemaster(tokens('Bohemian Rhapsody - Remastered 2011'))).toEqual(['bohemian', 'rhapsody']);
    expect(withoutRemaster(tokens('Dreams (2004 Remaster)'))).toEqual(['dreams']);
    expect(withoutRemaster(tokens('1979'))).toEqual(['1979']);
  });

  it('records markers and "<X> Version" of the Spotify title', () => {
    const live = prepareTrack(spotifyTrack({ name: 'Ai Se Eu Te Pego - Ao Vivo' }));
    expect([...live.markers]).toEqual(['live']);
    expect(live.mainWords).toEqual(['ai', 'se', 'eu', 'te', 'pego']);
    expect([...prepareTrack(spotifyTrack({ name: "Blank Space (Taylor's Version)" })).versions]).toEqual(['taylors']);
    expect([...prepareTrack(spotifyTrack({ name: 'Bailando - Spanish Version' })).versions]).toEqual(['spanish']);
    expect(prepareTrack(spotifyTrack({ name: 'Hotel California - 2013 Remaster' })).remaster).toBe(true);
  });
});

describe('title units', () => {
  it('finds the segment or bracket group that can name the song', () => {
    expect(titleUnits('Wonder Girls "Tell Me" M/V')).toContainEqual(['tell', 'me']);
    expect(titleUnits('YOASOBI - Yoru ni Kakeru (夜に駆ける) Official')).toContainEqual(['夜に駆ける']);
    expect(titleUnits('Queen - Killer Queen (Official Video)')).toContainEqual(['killer', 'queen']);
  });
});
