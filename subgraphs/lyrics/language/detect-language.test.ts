/**
 * Language detection from titles and album names: franc for Latin and Cyrillic text, the script
 * alone for Japanese and Korean (too short for franc), Genius's own word first, and `und` when
 * the text cannot tell.
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage, geniusLanguage, trackLanguage, UNDETERMINED } from './detect-language.js';

describe('detectLanguage', () => {
  it.each([
    ['Spanish', ['Canción para la calle', 'Canción para la calle'], 'es'],
    ['Portuguese', ['Deixa acontecer - 2003 Remaster', 'Saudade do coração (2003 Remaster)'], 'pt'],
    ['French', ['La ville de la lune', 'Chansons pour demain'], 'fr'],
    ['German', ['Bleib bei mir', 'Sonne und Sommer'], 'de'],
    ['Italian', ['Come un sogno', 'Amore della strada'], 'it'],
    ['Swedish', ['Innan natten tar slut'], 'sv'],
    ['English', ['I Shine for You', 'The Star Sessions'], 'en'],
    ['Russian', ['Холодный город', 'Новая дорога'], 'ru'],
  ])('%s titles (franc)', (_name, texts, language) => expect(detectLanguage(texts)).toEqual({ language, source: 'franc' }));

  it.each([
    ['Japanese', ['恋に眠る (Koi ni Nemuru)', '春の声'], 'ja'],
    ['Japanese in katakana', ['ラブソング'], 'ja'],
    ['Korean', ['시간처럼 - Live', 'Live at the Hollywood Bowl'], 'ko'],
    ['Korean with a romanisation', ['밤처럼 (Bamcheoreom) (Ft. Ramón García & Ethan Hayes)'], 'ko'],
  ])('%s titles (by script, however short)', (_name, texts, language) => expect(detectLanguage(texts)).toEqual({ language, source: 'script' }));

  it('ignores guests and edit suffixes: a Spanish title featuring an English name', () => {
    expect(detectLanguage(['Besos de la madrugada (feat. John Smith) - Remastered 2011', 'Canciones de la madrugada']).language).toBe('es');
  });

  it.each([
    ['too short', ['Intro']],
    ['numbers and symbols', ['2000 !!', '#1']],
    ['nothing at all', []],
    ['languages franc cannot tell apart on this little text', ['Der Sommer']],
    ['Han characters alone, Chinese or Japanese', ['海']],
  ])('undetermined when hopeless: %s', (_name, texts) => expect(detectLanguage(texts)).toEqual({ language: UNDETERMINED, source: 'undetermined' }));
});

describe('Genius language first', () => {
  it('canonicalises what Genius says, and ignores what is no language', () => {
    expect(geniusLanguage('pt')).toBe('pt');
    expect(geniusLanguage('zh-Hant')).toBe('zh');
    expect(geniusLanguage('romanization')).toBeNull();
    expect(geniusLanguage(null)).toBeNull();
  });

  it('takes Genius over detection, and detects when Genius is silent', () => {
    expect(trackLanguage('ko', ['Love Scenario', 'Get Up'])).toEqual({ language: 'ko', source: 'genius' });
    expect(trackLanguage(null, ['Canción para la calle'])).toEqual({ language: 'es', source: 'franc' });
  });
});
