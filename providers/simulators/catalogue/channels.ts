/**
 * YouTube channels of the world: each artist's "<name> - Topic" and official / VEVO channels, and
 * the third-party channels real search results are full of (lyrics, sped-up, nightcore, karaoke,
 * covers, TV shows, tutorials). Third-party channels are shared pools, as on YouTube, where one
 * lyrics channel uploads thousands of songs.
 */
import type { SimChannel } from './types.js';
import type { IdMinter } from './ids.js';
import type { Random } from './random.js';
import type { LyricLanguage } from './words.js';

export type FanChannelPool =
  | 'lyrics' | 'sped_up' | 'slowed' | 'nightcore' | '8d' | 'karaoke' | 'instrumental'
  | 'remix' | 'reupload' | 'tutorial' | 'reaction' | 'clips' | 'loop';

const POOLS: Record<FanChannelPool, readonly string[]> = {
  lyrics: ['7clouds', 'SyrebralVibes', 'Lyrics Hub', 'Vibe Music', 'Magic Lyrics', 'Taz Network', 'Pop Lyrics Daily', 'Rock Lyrics Zone', 'Classic Rock Lyrics', 'Lyrical Lemonade Fans', 'Dan Music Lyrics', 'Lyric Vibes'],
  sped_up: ['tiktok sped up', 'sped up songs', 'speed songs', 'nightly sped up'],
  slowed: ['late night slowed', 'reverb dreams', 'slowed + reverb', 'sad slowed songs'],
  nightcore: ['Nightcore Nation', 'NightcoreReality', 'Syrex', 'Nightcore Hits'],
  '8d': ['8D Sounds', '8D Tunes', '8D Audio Universe'],
  karaoke: ['Sing King', 'KaraFun Karaoke', "Singer's Edge Karaoke", 'Karaoke Hits Channel'],
  instrumental: ['Instrumental Hits', 'InstrumentalHipHop', 'Backing Tracks Pro'],
  remix: ['Remix Nation', 'Trap Nation', 'Bass Boosted Remixes', 'House Remix Club'],
  reupload: ['Music Archive', 'Best Songs Ever', 'HQ Audio Vault', 'Old Songs Forever', 'Full Albums Online'],
  tutorial: ['Guitar Lessons 365', 'PianoTutorialsEasy', 'Dance Lessons 101', '1MILLION Dance Studio', 'Drum Covers Daily'],
  reaction: ['Reaction Station', 'First Time Reacting', 'Vocal Coach Reacts'],
  clips: ['Movieclips', 'Viral Clips Daily', 'TV Moments', 'Sports Highlights Music'],
  loop: ['1HOUR Vibes', '10 Hours Music', 'Loop Station'],
};

/** Lyrics channels that serve one language's audience. */
const LYRICS_BY_LANGUAGE: Partial<Record<LyricLanguage, readonly string[]>> = {
  es: ['Letras Latinas', 'Latin Hype Lyrics', 'Rock en Español Letras'],
  pt: ['Letras Brasil', 'Música Com Letra'],
  fr: ['Paroles Musique', 'Les Paroles'],
  de: ['Translated Lyrics', 'Deutsche Songtexte'],
  it: ['Testi Italiani'],
  ja: ['Anime Lyrics Hub', 'J-Lyrics Romaji'],
  ko: ['Kpop Lyrics Color Coded', 'Color Coded Lyrics'],
  ru: ['Russian Lyrics Translated', 'Тексты песен'],
  sv: ['Svenska Låttexter'],
  tr: ['Şarkı Sözleri'],
};

export class ChannelRegistry {
  readonly channels = new Map<string, SimChannel>();
  private readonly pools = new Map<string, SimChannel[]>();

  constructor(
    private readonly ids: IdMinter,
    private readonly random: Random,
  ) {}

  create(title: string, kind: SimChannel['kind'], subscriberCount: number): SimChannel {
    const id = this.ids.channelId();
    const channel: SimChannel = { id, title, kind, uploadsPlaylistId: `UU${id.slice(2)}`, subscriberCount: Math.round(subscriberCount) };
    this.channels.set(id, channel);
    return channel;
  }

  /** A third-party channel from a pool (created on first use). */
  fan(pool: FanChannelPool, language?: LyricLanguage): SimChannel {
    const titles = pool === 'lyrics' && language && LYRICS_BY_LANGUAGE[language] && this.random.chance(0.7) ? LYRICS_BY_LANGUAGE[language]! : POOLS[pool];
    const key = `${pool}:${titles[0]}`;
    let channels = this.pools.get(key);
    if (!channels) {
      channels = titles.map((title) => this.create(title, 'fan', 10 ** this.random.int(4, 7) * (1 + this.random.next() * 9)));
      this.pools.set(key, channels);
    }
    return this.random.pick(channels);
  }

  /** A channel known by its title (a cover singer, a TV show), created on first use and reused. */
  named(title: string, kind: SimChannel['kind']): SimChannel {
    const key = `named:${title}`;
    const existing = this.pools.get(key)?.[0];
    if (existing) return existing;
    const channel = this.create(title, kind, 10 ** this.random.int(3, 6) * (1 + this.random.next() * 9));
    this.pools.set(key, [channel]);
    return channel;
  }
}
