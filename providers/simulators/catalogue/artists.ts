/**
 * The artists of the world and what the rest of generation needs to know about each: the language
 * they sing in, their country (ISRC prefix), label, career start, popularity, and their YouTube
 * channels. Every artist has a "<name> - Topic" channel; popular ones mostly an official channel,
 * some of them "<Name>VEVO".
 */
import type { ChannelRegistry } from './channels.js';
import type { IdMinter } from './ids.js';
import { artistName, type ArtistName } from './names.js';
import type { Random } from './random.js';
import { squeeze } from './text.js';
import type { SimArtist, SimChannel } from './types.js';
import type { LyricLanguage } from './words.js';

export type ArtistLanguage = LyricLanguage | 'instrumental';

export interface ArtistProfile {
  artist: SimArtist;
  name: ArtistName;
  language: ArtistLanguage;
  country: string;
  label: string;
  /** "Provided to YouTube by …" on the artist's auto-generated uploads. */
  distributor: string;
  registrant: string;
  careerStart: number;
  /** 0-1, the artist's popularity as a share. */
  fame: number;
  topic: SimChannel;
  official: SimChannel | null;
}

const LANGUAGE_SHARE: readonly (readonly [ArtistLanguage, number])[] = [
  ['en', 50], ['es', 10], ['pt', 5], ['fr', 4], ['de', 4], ['it', 3], ['ja', 8], ['ko', 7], ['ru', 4], ['sv', 1.5], ['tr', 1.5], ['instrumental', 2],
];

const COUNTRIES: Record<ArtistLanguage, readonly string[]> = {
  en: ['US', 'US', 'US', 'GB', 'GB', 'CA', 'AU', 'IE'], es: ['ES', 'MX', 'US', 'CO', 'AR', 'PR'], pt: ['BR', 'BR', 'PT'], fr: ['FR', 'FR', 'BE', 'CA'],
  de: ['DE', 'DE', 'AT', 'CH'], it: ['IT'], ja: ['JP'], ko: ['KR'], ru: ['RU'], sv: ['SE'], tr: ['TR'], instrumental: ['US', 'GB', 'DE', 'JP'],
};

export const GENRES: Record<ArtistLanguage, readonly string[]> = {
  en: ['pop', 'dance pop', 'rock', 'classic rock', 'indie rock', 'alternative rock', 'hip hop', 'rap', 'r&b', 'soul', 'country', 'edm', 'house', 'metal', 'folk', 'singer-songwriter'],
  es: ['latin pop', 'reggaeton', 'urbano latino', 'rock en español', 'bachata', 'flamenco'],
  pt: ['mpb', 'sertanejo', 'funk carioca', 'bossa nova', 'pagode'],
  fr: ['chanson', 'french pop', 'rap français', 'variété française'],
  de: ['deutschrap', 'schlager', 'german rock', 'neue deutsche härte'],
  it: ['italian pop', 'cantautori', 'italian hip hop'],
  ja: ['j-pop', 'j-rock', 'anime', 'city pop', 'vocaloid'],
  ko: ['k-pop', 'k-indie', 'k-rap', 'korean r&b'],
  ru: ['russian rock', 'russian pop', 'russian hip hop'],
  sv: ['swedish pop', 'swedish indie'],
  tr: ['turkish pop', 'arabesk', 'anadolu rock'],
  instrumental: ['ambient', 'classical', 'lo-fi beats', 'jazz', 'post-rock', 'electronic'],
};

const LABELS: readonly (readonly [label: string, distributor: string])[] = [
  ['Columbia', 'Sony Music Entertainment'], ['RCA Records', 'Sony Music Entertainment'], ['Epic', 'Sony Music Entertainment'],
  ['Interscope Records', 'Universal Music Group'], ['Island Records', 'Universal Music Group'], ['Republic Records', 'Universal Music Group'],
  ['Capitol Records', 'Universal Music Group'], ['Atlantic Records', 'Warner Music Group'], ['Warner Records', 'Warner Music Group'],
  ['Parlophone', 'Warner Music Group'], ['XL Recordings', 'Beggars Group'], ['Sub Pop Records', 'Sub Pop Records'],
  ['Domino Recording Co', 'Domino'], ['Independent', 'DistroKid'], ['Self-released', 'CDBaby'], ['Nettwerk', 'The Orchard'], ['Believe', 'Believe'],
];
const LOCAL_LABELS: Partial<Record<ArtistLanguage, readonly (readonly [string, string])[]>> = {
  ja: [['Sony Music Labels Inc.', 'Sony Music Entertainment'], ['Avex Trax', 'Avex Entertainment'], ['Victor Entertainment', 'Victor Entertainment'], ['Universal Sigma', 'Universal Music Group']],
  ko: [['YG Entertainment', 'YG Entertainment'], ['SM Entertainment', 'Dreamus'], ['HYBE', 'Kakao Entertainment'], ['JYP Entertainment', 'JYP Entertainment']],
  es: [['Sony Music Latin', 'Sony Music Entertainment'], ['Rimas Entertainment', 'The Orchard'], ['Universal Music Latino', 'Universal Music Group']],
  pt: [['Som Livre', 'Som Livre'], ['Universal Music Ltda.', 'Universal Music Group']],
  ru: [['Первое музыкальное', 'Believe'], ['Warner Music Russia', 'Warner Music Group']],
};

/** Gives each artist its place in the world. Names stay unique as far as re-drawing allows. */
export function generateArtists(random: Random, ids: IdMinter, channels: ChannelRegistry, count: number): ArtistProfile[] {
  const usedNames = new Set<string>();
  const profiles: ArtistProfile[] = [];
  for (let i = 0; i < count; i++) {
    const language = random.weighted(LANGUAGE_SHARE);
    let name = artistName(random, language);
    for (let attempt = 0; attempt < 6 && usedNames.has(name.name); attempt++) name = artistName(random, language);
    usedNames.add(name.name);

    // Popularity is long-tailed: a few stars, many artists nobody has heard of.
    const fame = Math.min(1, random.next() ** 2.2 + (random.chance(0.03) ? 0.4 : 0));
    const popularity = Math.max(1, Math.min(100, Math.round(15 + fame * 85 + random.gaussian() * 4)));
    const followers = Math.round(10 ** (2.5 + fame * 5.3) * (0.5 + random.next()));
    const genrePool = GENRES[language];
    const genres = [...new Set([random.pick(genrePool), random.pick(genrePool), random.pick(genrePool)])].slice(0, random.int(1, 3));
    const [label, distributor] = random.pick(LOCAL_LABELS[language] && random.chance(0.7) ? LOCAL_LABELS[language]! : LABELS);
    const id = ids.spotifyId();

    const topic = channels.create(`${name.name} - Topic`, 'topic', followers * 0.05);
    let official: SimChannel | null = null;
    if (random.chance(0.35 + fame * 0.6)) {
      const display = name.channelName ?? name.name;
      const vevo = (language === 'en' || language === 'es') && random.chance(0.25 + fame * 0.3);
      const title = vevo ? `${squeeze(name.name)}VEVO` : random.weighted([[display, 5], [`${display} Official`, 2], [squeeze(display) || display, 1]] as const);
      official = channels.create(title, vevo ? 'vevo' : 'official', followers * (0.2 + random.next()));
    }

    const artist: SimArtist = {
      id,
      name: name.name,
      genres,
      popularity,
      followers,
      topicChannelId: topic.id,
      officialChannelId: official?.id ?? null,
      geniusArtistId: ids.number(10_000, 3_999_999),
    };
    profiles.push({
      artist, name, language, label, distributor, topic, official, fame,
      country: random.pick(COUNTRIES[language]),
      registrant: ids.registrant(),
      careerStart: random.weighted([[random.int(1962, 1989), 2], [random.int(1990, 2009), 3], [random.int(2010, 2023), 5]] as const),
    });
  }
  return profiles;
}

/** Spotify's own "Various Artists", the album artist of multi-artist compilations. It has no channels. */
export function variousArtists(ids: IdMinter): SimArtist {
  return {
    id: ids.spotifyId(), name: 'Various Artists', genres: [], popularity: 0, followers: 0,
    topicChannelId: null, officialChannelId: null, geniusArtistId: ids.number(10_000, 3_999_999),
  };
}
