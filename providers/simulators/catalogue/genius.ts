/**
 * Genius songs: one page per song (studio, remaster and live tracks share it), in Genius spelling
 * ("Song (Ft. X)", romanization in parentheses for some non-Latin titles), with the language
 * Genius reports (null for some), the lyrics URL and, for part of them, a YouTube media link.
 * Instrumentals and obscure songs are often missing from Genius.
 */
import type { SongDraft } from './discography.js';
import type { IdMinter } from './ids.js';
import type { Random } from './random.js';
import { capitalize, hasNonLatinLetters, slug } from './text.js';
import type { SimGeniusSong } from './types.js';
import type { UploadDraft } from './uploads.js';

export function generateGeniusSongs(random: Random, ids: IdMinter, songs: readonly SongDraft[], uploadsBySong: Map<SongDraft, UploadDraft[]>): Map<SongDraft, SimGeniusSong> {
  const result = new Map<SongDraft, SimGeniusSong>();
  const usedUrls = new Set<string>();
  for (const song of songs) {
    if (song.tracks.length === 0) continue;
    const missing = song.language === 'instrumental' ? random.chance(0.7) : random.chance(song.fame < 0.1 ? 0.12 : 0.02);
    if (missing) continue;
    const features = song.featured.length === 0 ? '' : ` (Ft. ${song.featured.map((f) => f.artist.name).join(' & ')})`;
    const romanized = hasNonLatinLetters(song.title.text) && song.title.latin !== song.title.text && random.chance(0.5) ? ` (${song.title.latin})` : '';
    const title = `${song.title.text}${romanized}${features}`;

    const artistSlug = capitalize(slug(song.artist.name.latin) || 'genius');
    let url = `https://genius.com/${artistSlug}-${slug(song.title.latin) || 'untitled'}-lyrics`;
    for (let n = 2; usedUrls.has(url); n++) url = url.replace(/(-\d+)?-lyrics$/, `-${n}-lyrics`);
    usedUrls.add(url);

    const uploads = uploadsBySong.get(song) ?? [];
    let youtubeVideoId: string | null = null;
    if (random.chance(0.45)) {
      const video = uploads.find((u) => u.video.kind === 'official_video') ?? uploads.find((u) => u.video.kind === 'topic') ?? (random.chance(0.3) ? uploads.find((u) => u.video.kind === 'lyric_video') : undefined);
      youtubeVideoId = video?.video.id ?? null;
    }
    const genius: SimGeniusSong = {
      id: ids.number(100_000, 9_999_999),
      title,
      primaryArtistId: song.artist.artist.geniusArtistId,
      featuredArtistIds: song.featured.map((f) => f.artist.geniusArtistId),
      language: song.language === 'instrumental' || random.chance(0.1) ? null : song.language,
      releaseDate: song.firstRelease.precision === 'day' ? song.firstRelease.day : null,
      url,
      songArtImageUrl: `https://images.genius.com/${hex(random, 32)}.1000x1000x1.jpg`,
      pageviews: Math.round(10 ** (2 + song.fame * 5.5) * (0.5 + random.next())),
      youtubeVideoId,
      trackIds: song.tracks.map((t) => t.id),
    };
    result.set(song, genius);
  }
  return result;
}

function hex(random: Random, length: number): string {
  const digits: number[] = [];
  for (let i = 0; i < length; i++) digits.push('0123456789abcdef'.charCodeAt(random.int(0, 15)));
  return String.fromCharCode(...digits);
}
