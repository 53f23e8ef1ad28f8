/**
 * How releases and versions are named, per artist: album titles in the artist's language,
 * remaster editions ("(2011 Remaster)" on the album, " - 2011 Remaster" on its tracks), deluxe
 * editions, live albums and greatest-hits compilations. Track suffixes and the markers YouTube
 * Art Tracks use come in pairs so both sides of the world spell a version consistently.
 */
import type { ArtistProfile } from './artists.js';
import type { Random } from './random.js';
import { TITLE_WORDS, type LyricLanguage } from './words.js';

export type RemasterStyle = 'year-first' | 'year-last' | 'plain';

export interface VersionMarker {
  suffix: string;
  topicMarker: string;
}

const VENUES = ['Wembley Stadium', 'Madison Square Garden', 'the Royal Albert Hall', 'Budokan', 'Red Rocks', 'the Hollywood Bowl', 'Estadio Azteca', 'the Olympia', 'Tokyo Dome', 'the Fillmore', 'Glastonbury', 'Rock in Rio'];
const CITIES = ['London', 'Paris', 'Tokyo', 'Berlin', 'Buenos Aires', 'São Paulo', 'Seoul', 'New York', 'Madrid', 'Moscow', 'Stockholm', 'Istanbul'];
const REMIXERS = ['Diplo', 'Kaytranada', 'Purple Disco Machine', 'Tiësto', 'MK', 'Dave Audé', 'Jax Jones', 'R3HAB', 'Kygo', 'Alok'];

export function releaseNames(random: Random, artist: ArtistProfile) {
  const language: LyricLanguage = artist.language === 'instrumental' ? 'en' : artist.language;
  const liveWord = TITLE_WORDS[language].live;
  return {
    /** Albums already remastered, so each gets one remaster edition. */
    remastered: new Set<string>(),

    albumTitle(): string {
      return TITLE_WORDS[language].albumTitle(random).text;
    },

    remasterAlbum(name: string, year: number, style: RemasterStyle): string {
      return style === 'year-first' ? `${name} (${year} Remaster)` : style === 'year-last' ? `${name} (Remastered ${year})` : `${name} (Remastered)`;
    },

    remasterMarker(year: number, style: RemasterStyle): VersionMarker {
      return style === 'year-first'
        ? { suffix: ` - ${year} Remaster`, topicMarker: ` (${year} Remaster)` }
        : style === 'year-last'
          ? { suffix: ` - Remastered ${year}`, topicMarker: ` (Remastered ${year})` }
          : { suffix: ' - Remastered', topicMarker: ' (Remastered)' };
    },

    deluxeAlbum(name: string): string {
      return `${name} (${random.pick(['Deluxe Edition', 'Deluxe', 'Super Deluxe', 'Expanded Edition', 'Bonus Track Version'])})`;
    },

    /** A live album and the marker its tracks carry ("Song - Live", "Canción - En Vivo", "Song - Live at Budokan"). */
    liveRelease(year: number): { albumName: string; marker: () => VersionMarker } {
      const venue = random.pick(VENUES);
      const city = random.pick(CITIES);
      const albumName = random.weighted([
        [`Live at ${venue}`, 3],
        [`Live in ${city} ${year}`, 2],
        [liveWord === 'Live' ? `${artist.artist.name} Live` : `${liveWord} desde ${city}`, 2],
      ] as const);
      const withVenue = albumName.includes(venue) && random.chance(0.4);
      return {
        albumName,
        marker: () => withVenue
          ? { suffix: ` - Live at ${venue}`, topicMarker: ` (Live at ${venue})` }
          : { suffix: ` - ${liveWord}`, topicMarker: ` (${liveWord})` },
      };
    },

    versionMarker(version: 'acoustic' | 'radio_edit' | 'remix' | 'live'): VersionMarker {
      switch (version) {
        case 'acoustic':
          return random.chance(0.5) ? { suffix: ' - Acoustic', topicMarker: ' (Acoustic)' } : { suffix: ' - Acoustic Version', topicMarker: ' (Acoustic Version)' };
        case 'radio_edit':
          return { suffix: ' - Radio Edit', topicMarker: ' (Radio Edit)' };
        case 'remix': {
          const remixer = random.pick(REMIXERS);
          return { suffix: ` - ${remixer} Remix`, topicMarker: ` (${remixer} Remix)` };
        }
        case 'live':
          return { suffix: ` - ${liveWord}`, topicMarker: ` (${liveWord})` };
      }
    },

    hitsAlbum(): string {
      const name = artist.artist.name;
      const local: Partial<Record<LyricLanguage, string[]>> = { es: ['Grandes Éxitos', 'Lo Esencial'], pt: ['Grandes Sucessos', 'O Melhor de'], fr: ['Best Of', "L'essentiel"], de: ['Das Beste', 'Best Of'], ja: ['ベスト・アルバム', 'BEST'], ru: ['Лучшее'] };
      return random.pick(local[language] && random.chance(0.5) ? local[language]! : ['Greatest Hits', `The Best of ${name}`, `${name} Essentials`, 'Gold', 'The Collection', 'Singles']);
    },
  };
}

export type ReleaseNames = ReturnType<typeof releaseNames>;
