/**
 * Genius JSON objects built from the simulated catalogue, with the field names and quirks of the
 * real API: a song "preview" (what search hits and artist song lists carry) and the full song of
 * /songs/:id (album, media links, language, description; never lyrics text), artists and albums.
 * Genius writes `full_title` with non-breaking spaces after "by" ("Alright by\u00a0Kendrick\u00a0Lamar").
 */
import { createHash } from 'node:crypto';
import type { SimAlbum, SimGeniusSong } from '../catalogue/types.js';
import { richText, type TextFormat } from './rich-text.js';
import { bareTitle, type GeniusWorld } from './world.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NBSP = '\u00a0';

function digest(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function imageUrl(key: string, size: number): string {
  return `https://images.genius.com/${digest(key)}.${size}x${size}x1.jpg`;
}

/** "Drake", "Drake & Future", "Drake, Future & Young Thug". */
function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} & ${names.at(-1)}`;
}

function dateParts(date: string | null): { year: number; month: number | null; day: number | null } | null {
  if (!date) return null;
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month ?? null, day: day ?? null };
}

function dateForDisplay(date: string | null, abbreviated = false): string | null {
  const parts = dateParts(date);
  if (!parts) return null;
  if (!parts.month) return String(parts.year);
  const month = MONTHS[parts.month - 1]!;
  const name = abbreviated && month.length > 4 ? `${month.slice(0, 3)}.` : month;
  return parts.day ? `${name} ${parts.day}, ${parts.year}` : `${name} ${parts.year}`;
}

export function artistSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/&/g, 'and')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return slug.charAt(0).toUpperCase() + slug.slice(1);
}

export function artistPreview(geniusArtistId: number, world: GeniusWorld): Record<string, unknown> {
  const artist = world.artist(geniusArtistId);
  const name = world.artistName(geniusArtistId);
  return {
    api_path: `/artists/${geniusArtistId}`,
    header_image_url: imageUrl(`artist-header-${geniusArtistId}`, 1000),
    id: geniusArtistId,
    image_url: imageUrl(`artist-${geniusArtistId}`, 1000),
    is_meme_verified: false,
    is_verified: (artist?.popularity ?? 0) >= 70,
    name,
    url: `https://genius.com/artists/${encodeURIComponent(artistSlug(name))}`,
  };
}

export function artistFull(geniusArtistId: number, world: GeniusWorld, formats: TextFormat[]): Record<string, unknown> {
  const artist = world.artist(geniusArtistId);
  const name = world.artistName(geniusArtistId);
  const genres = artist?.genres.slice(0, 2).join(' and ');
  const handle = name.replace(/[^A-Za-z0-9_]/g, '');
  const popular = (artist?.popularity ?? 0) >= 50 && handle.length > 0;
  return {
    ...artistPreview(geniusArtistId, world),
    alternate_names: [],
    description: richText(genres ? `${name} is an artist known for ${genres}.` : '', formats),
    facebook_name: popular ? handle : null,
    followers_count: Math.round((artist?.followers ?? 0) / 2000),
    instagram_name: popular ? handle.toLowerCase() : null,
    iq: popular ? 100 + (geniusArtistId % 5000) : null,
    slug: artistSlug(name),
    translation_artist: false,
    twitter_name: popular ? handle : null,
  };
}

export function albumObject(id: number, album: SimAlbum, world: GeniusWorld): Record<string, unknown> {
  const artistGeniusId = album.artistIds[0] ? world.geniusIdOfArtist(album.artistIds[0]) : undefined;
  const artistName = artistGeniusId ? world.artistName(artistGeniusId) : 'Various Artists';
  return {
    _type: 'album',
    api_path: `/albums/${id}`,
    cover_art_thumbnail_url: imageUrl(`album-${album.id}`, 300),
    cover_art_url: imageUrl(`album-${album.id}`, 1000),
    full_title: `${album.name} by ${artistName}`,
    id,
    name: album.name,
    release_date_for_display: dateForDisplay(album.releaseDate),
    url: `https://genius.com/albums/${encodeURIComponent(artistSlug(artistName))}/${encodeURIComponent(artistSlug(album.name))}`,
    ...(artistGeniusId ? { artist: artistPreview(artistGeniusId, world) } : {}),
  };
}

/** The song as search hits and artist song lists carry it. */
export function songPreview(song: SimGeniusSong, world: GeniusWorld): Record<string, unknown> {
  const title = bareTitle(song.title);
  const primary = world.artistName(song.primaryArtistId);
  const featured = song.featuredArtistIds.map((id) => world.artistName(id));
  const ft = featured.length ? ` (Ft. ${joinNames(featured)})` : '';
  const url = new URL(song.url);
  return {
    annotation_count: Math.min(60, Math.floor(song.pageviews / 25_000)),
    api_path: `/songs/${song.id}`,
    artist_names: featured.length ? `${primary} (Ft. ${joinNames(featured)})` : primary,
    full_title: `${title} by${NBSP}${primary.replace(/ /g, NBSP)}${ft}`,
    header_image_thumbnail_url: thumbnailOf(song.songArtImageUrl),
    header_image_url: song.songArtImageUrl,
    id: song.id,
    lyrics_owner_id: 1_000_000 + (song.id % 9_000_000),
    lyrics_state: 'complete',
    path: url.pathname,
    primary_artist_names: primary,
    pyongs_count: song.pageviews >= 100_000 ? Math.floor(song.pageviews / 100_000) : null,
    relationships_index_url: `${song.url.replace(/-lyrics$/, '')}-sample`,
    release_date_components: dateParts(song.releaseDate),
    release_date_for_display: dateForDisplay(song.releaseDate),
    release_date_with_abbreviated_month_for_display: dateForDisplay(song.releaseDate, true),
    song_art_image_thumbnail_url: thumbnailOf(song.songArtImageUrl),
    song_art_image_url: song.songArtImageUrl,
    // Genius hides page views below 5,000.
    stats: { unreviewed_annotations: 0, hot: song.pageviews >= 1_000_000, ...(song.pageviews >= 5_000 ? { pageviews: song.pageviews } : {}) },
    title,
    title_with_featured: `${title}${ft}`,
    url: song.url,
    featured_artists: song.featuredArtistIds.map((id) => artistPreview(id, world)),
    primary_artist: artistPreview(song.primaryArtistId, world),
    primary_artists: [artistPreview(song.primaryArtistId, world)],
  };
}

/** The song of /songs/:id: the preview plus album, language, media and a description. */
export function songFull(song: SimGeniusSong, world: GeniusWorld, formats: TextFormat[]): Record<string, unknown> {
  const preview = songPreview(song, world);
  const album = world.albumOf(song);
  const firstTrack = song.trackIds[0];
  // Genius lists a Spotify link for most songs it has matched, and a YouTube video for some.
  const media: Record<string, unknown>[] = [];
  if (firstTrack && Number.parseInt(digest(`spotify-${song.id}`).slice(0, 2), 16) < 180) {
    media.push({ native_uri: `spotify:track:${firstTrack}`, provider: 'spotify', type: 'audio', url: `https://open.spotify.com/track/${firstTrack}` });
  }
  if (song.youtubeVideoId) {
    media.push({ provider: 'youtube', start: 0, type: 'video', url: `https://www.youtube.com/watch?v=${song.youtubeVideoId}` });
  }
  const primary = world.artistName(song.primaryArtistId);
  const about = album
    ? `"${preview.title as string}" is a song by ${primary}${song.releaseDate ? `, released ${dateForDisplay(song.releaseDate)}` : ''} on ${album.album.name}.`
    : '';
  return {
    ...preview,
    apple_music_id: null,
    apple_music_player_url: null,
    description: richText(about, formats),
    embed_content: `<div id='rg_embed_link_${song.id}' class='rg_embed_link' data-song-id='${song.id}'>Read <a href='${song.url}'>${preview.full_title as string}</a> on Genius</div>`,
    featured_video: false,
    language: song.language,
    lyrics_placeholder_reason: null,
    recording_location: null,
    release_date: song.releaseDate,
    ...(album ? { album: albumObject(album.id, album.album, world) } : {}),
    custom_performances: [],
    media,
    producer_artists: [],
    song_relationships: [],
    translation_songs: [],
    verified_annotations_by: [],
    writer_artists: [],
  };
}

function thumbnailOf(imageUrl: string): string {
  return /\d+x\d+x\d+\.(jpe?g|png)$/.test(imageUrl) ? imageUrl.replace(/\d+x\d+x(\d+)\.(jpe?g|png)$/, '300x300x$1.$2') : imageUrl;
}
