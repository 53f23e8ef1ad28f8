/** What the lyrics mutations refuse before anything is written, and how language codes are stored. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../platform/graphql/inputs.js';
import { canonicalLanguage } from '../../platform/languages.js';
import { setLyricsMatchArgs, setTrackLanguageArgs } from './inputs.js';

describe('canonicalLanguage', () => {
  it.each([
    ['en', 'en'],
    ['eng', 'en'],
    ['iw', 'he'],
    ['yue', 'yue'],
    ['zxx', 'zxx'],
  ])('stores %s as %s', (code, canonical) => expect(canonicalLanguage(code)).toBe(canonical));

  it.each(['xx', 'und', 'english', 'e1', ''])('refuses %s', (code) => expect(canonicalLanguage(code)).toBeNull());
});

describe('setTrackLanguage input', () => {
  it('lower-cases and canonicalises, and treats null as clearing', () => {
    expect(parseInput(setTrackLanguageArgs, { trackId: '4uLU6hMCjMI75M1A2tKUQC', language: 'ENG' }).language).toBe('en');
    expect(parseInput(setTrackLanguageArgs, { trackId: '4uLU6hMCjMI75M1A2tKUQC', language: null }).language).toBeNull();
  });

  it('refuses an unknown code with BAD_USER_INPUT', () => {
    expect(() => parseInput(setTrackLanguageArgs, { trackId: '4uLU6hMCjMI75M1A2tKUQC', language: 'xx' })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'language' } }),
    );
  });
});

describe('setLyricsMatch input', () => {
  const valid = {
    trackId: '4uLU6hMCjMI75M1A2tKUQC',
    geniusSongId: '378195',
    title: 'Chandelier',
    primaryArtist: 'Sia',
    url: 'https://genius.com/Sia-chandelier-lyrics',
  };

  it('defaults confidence to 1 and stores the Genius id as a number', () => {
    expect(parseInput(setLyricsMatchArgs, { input: valid }).input).toMatchObject({ geniusSongId: 378195, confidence: 1 });
  });

  it.each([
    ['url', { url: 'https://genius.com.evil.example/x' }],
    ['url', { url: 'http://genius.com/x' }],
    ['geniusSongId', { geniusSongId: '0' }],
    ['title', { title: 't'.repeat(301) }],
    ['confidence', { confidence: 1.5 }],
  ])('refuses a bad %s with BAD_USER_INPUT', (field, override) => {
    expect(() => parseInput(setLyricsMatchArgs, { input: { ...valid, ...override } })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` } }),
    );
  });
});
