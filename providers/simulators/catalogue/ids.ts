/**
 * Identifiers in the formats the real services use, unique within one generated world:
 * Spotify base-62 ids, YouTube video / channel ids, ISRCs, UPCs and Genius numeric ids.
 * The formats matter: client code validates them (a 22-character base-62 id, an 11-character video id).
 */
import type { Random } from './random.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const YOUTUBE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
export const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
export const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
export const ISRC = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/;

const codes: number[] = [];

function draw(random: Random, alphabet: string, length: number): string {
  codes.length = length;
  for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(random.next() * alphabet.length));
  return String.fromCharCode(...codes);
}

/**
 * Ids are random characters with a scrambled counter woven in at fixed positions: unique by
 * construction (no set of every id to check against) and as random-looking as the real ones.
 */
const COUNTER_POSITIONS_22 = [3, 8, 13, 19];
const COUNTER_POSITIONS_11 = [1, 4, 6, 9];

function weave(random: Random, alphabet: string, length: number, positions: readonly number[], counter: number): string {
  codes.length = length;
  for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(random.next() * alphabet.length));
  let rest = counter;
  for (const position of positions) {
    codes[position] = alphabet.charCodeAt(rest % alphabet.length);
    rest = Math.floor(rest / alphabet.length);
  }
  return String.fromCharCode(...codes);
}

export class IdMinter {
  private readonly used = new Set<string>();
  private readonly isrcSerials = new Map<string, number>();
  private readonly numbers = new Set<number>();
  private spotifyCount = 0;
  private videoCount = 0;
  private channelCount = 0;

  constructor(private readonly random: Random) {}

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  spotifyId(): string {
    // 62^4 counter values, scrambled by a multiplier coprime with 62^4 so neighbours look unrelated.
    const scrambled = ((this.spotifyCount++ % 14_776_336) * 9_765_625) % 14_776_336;
    return weave(this.random, BASE62, 22, COUNTER_POSITIONS_22, scrambled);
  }

  videoId(): string {
    const scrambled = ((this.videoCount++ % 16_777_216) * 387_420_489) % 16_777_216;
    // A video id's last character only takes 16 of the 64 values on YouTube (it carries 2 spare bits).
    return weave(this.random, YOUTUBE, 10, COUNTER_POSITIONS_11, scrambled) + 'AEIMQUYcgkosw048'[this.random.int(0, 15)];
  }

  /** The "UC…" id; its uploads playlist is "UU" + the same 22 characters. */
  channelId(): string {
    const scrambled = ((this.channelCount++ % 16_777_216) * 387_420_489) % 16_777_216;
    return 'UC' + weave(this.random, YOUTUBE, 21, COUNTER_POSITIONS_22, scrambled) + 'AQgw'[this.random.int(0, 3)];
  }

  /** A registrant code (3 alphanumerics) a label or artist keeps for every recording. */
  registrant(): string {
    return draw(this.random, ALNUM_UPPER, 3).replace(/^\d/, 'R');
  }

  /** ISRC: country (2 letters) + registrant (3) + year (2 digits) + designation (5 digits). */
  isrc(country: string, registrant: string, year: number): string {
    const prefix = `${country}${registrant}${String(year % 100).padStart(2, '0')}`;
    const serial = (this.isrcSerials.get(prefix) ?? this.random.int(0, 40_000)) + this.random.int(1, 40);
    this.isrcSerials.set(prefix, serial);
    return `${prefix}${String(serial % 100_000).padStart(5, '0')}`;
  }

  /** UPC-A: 11 digits and its check digit. */
  upc(): string {
    return this.unique(() => {
      let digits = String(this.random.int(1, 9));
      for (let i = 0; i < 10; i++) digits += String(this.random.int(0, 9));
      let sum = 0;
      for (let i = 0; i < 11; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 3 : 1);
      return digits + String((10 - (sum % 10)) % 10);
    });
  }

  /** Genius ids: positive integers of a given size, unique across songs and artists. */
  number(min: number, max: number): number {
    for (;;) {
      const n = this.random.int(min, max);
      if (!this.numbers.has(n)) {
        this.numbers.add(n);
        return n;
      }
    }
  }
}
