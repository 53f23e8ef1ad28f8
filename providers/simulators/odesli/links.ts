/**
 * The body of a found /links answer, shaped as Odesli's: the entity asked about, `pageUrl`
 * (song.link), `entitiesByUniqueId` (one entity per platform catalogue entry, "SPOTIFY_SONG::<id>",
 * "YOUTUBE_VIDEO::<id>"...) and `linksByPlatform` (spotify, youtube, youtubeMusic, appleMusic,
 * itunes, deezer, tidal, amazonMusic, amazonStore). Other platforms' ids are derived from the
 * ISRC, so they are stable across runs; not every track is on every platform.
 */
import { createHash } from 'node:crypto';
import type { SimCatalogue, SimTrack } from '../catalogue/types.js';

interface Entity {
  id: string;
  type: 'song';
  title: string;
  artistName: string;
  thumbnailUrl: string;
  thumbnailWidth: number;
  thumbnailHeight: number;
  apiProvider: string;
  platforms: string[];
}

interface Link {
  url: string;
  nativeAppUriMobile?: string;
  nativeAppUriDesktop?: string;
}

/** One catalogue entry on one provider and the platform links it backs. */
interface PlatformEntry {
  key: string;
  entity: Entity;
  links: Record<string, Link>;
}

export interface LinksAnswer {
  entityUniqueId: string;
  userCountry: string;
  pageUrl: string;
  entitiesByUniqueId: Record<string, Entity>;
  linksByPlatform: Record<string, Link & { country: string; entityUniqueId: string }>;
}

const hex = (seed: string, algorithm = 'sha256') => createHash(algorithm).update(seed).digest('hex');

/** A stable number of `digits` digits. */
function numericId(seed: string, digits: number): string {
  return String(BigInt(`0x${hex(seed).slice(0, 15)}`) % 10n ** BigInt(digits)).padStart(digits, '1');
}

function amazonId(seed: string): string {
  return `B0${hex(seed).slice(0, 8).toUpperCase()}`;
}

/** Whether the track is on a platform that carries `share` of the catalogue. */
function carried(seed: string, share: number): boolean {
  return Number.parseInt(hex(seed).slice(0, 2), 16) / 256 < share;
}

function entity(
  id: string,
  apiProvider: string,
  platforms: string[],
  song: { title: string; artistName: string },
  thumbnail: [url: string, size: number, height?: number],
): Entity {
  const [thumbnailUrl, thumbnailWidth, thumbnailHeight = thumbnailWidth] = thumbnail;
  return { id, type: 'song', ...song, thumbnailUrl, thumbnailWidth, thumbnailHeight, apiProvider, platforms };
}

function spotifyEntry(track: SimTrack, song: { title: string; artistName: string }): PlatformEntry {
  // Spotify cover art at 640 px: "ab67616d0000b273" + 24 hex characters.
  const art = `https://i.scdn.co/image/ab67616d0000b273${hex(track.albumId, 'sha1').slice(0, 24)}`;
  return {
    key: `SPOTIFY_SONG::${track.id}`,
    entity: entity(track.id, 'spotify', ['spotify'], song, [art, 640]),
    links: { spotify: { url: `https://open.spotify.com/track/${track.id}`, nativeAppUriDesktop: `spotify:track:${track.id}` } },
  };
}

function youtubeEntry(videoId: string, catalogue: SimCatalogue, song: { title: string; artistName: string }): PlatformEntry {
  // Odesli's YouTube entity carries the upload's own title and channel.
  const video = catalogue.videos.get(videoId);
  const channel = video ? catalogue.channels.get(video.channelId) : undefined;
  const own = { title: video?.title ?? song.title, artistName: channel?.title ?? song.artistName };
  return {
    key: `YOUTUBE_VIDEO::${videoId}`,
    entity: entity(videoId, 'youtube', ['youtube', 'youtubeMusic'], own, [`https://i.ytimg.com/vi/${videoId}/hqdefault.jpg`, 480, 360]),
    links: {
      youtube: { url: `https://www.youtube.com/watch?v=${videoId}` },
      youtubeMusic: { url: `https://music.youtube.com/watch?v=${videoId}` },
    },
  };
}

function appleEntry(track: SimTrack, song: { title: string; artistName: string }, country: string): PlatformEntry {
  const songId = numericId(`itunes-${track.isrc}`, 10);
  const albumId = numericId(`itunes-album-${track.albumId}`, 10);
  const path = (app: string) => `music.apple.com/${country.toLowerCase()}/album/_/${albumId}?i=${songId}&mt=1&app=${app}&ls=1&at=1000lHKX`;
  return {
    key: `ITUNES_SONG::${songId}`,
    entity: entity(songId, 'itunes', ['appleMusic', 'itunes'], song, [`https://is1-ssl.mzstatic.com/image/thumb/Music/${albumId}/source/512x512bb.jpg`, 512]),
    links: {
      appleMusic: {
        url: `https://geo.${path('music')}&ct=api_http&itscg=30200&itsct=odsl_m`,
        nativeAppUriMobile: `music://${path('music')}`,
        nativeAppUriDesktop: `itms://${path('music')}`,
      },
      itunes: {
        url: `https://geo.${path('itunes')}&ct=api_http&itscg=30200&itsct=odsl_m`,
        nativeAppUriMobile: `itmss://${path('itunes')}`,
        nativeAppUriDesktop: `itmss://${path('itunes')}`,
      },
    },
  };
}

function deezerEntry(track: SimTrack, song: { title: string; artistName: string }): PlatformEntry {
  const id = numericId(`deezer-${track.isrc}`, 9);
  const art = `https://cdns-images.dzcdn.net/images/cover/${hex(track.albumId, 'md5')}/500x500-000000-80-0-0.jpg`;
  return { key: `DEEZER_SONG::${id}`, entity: entity(id, 'deezer', ['deezer'], song, [art, 500]), links: { deezer: { url: `https://www.deezer.com/track/${id}` } } };
}

function tidalEntry(track: SimTrack, song: { title: string; artistName: string }): PlatformEntry {
  const id = numericId(`tidal-${track.isrc}`, 9);
  const image = hex(`tidal-${track.albumId}`, 'md5').replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1/$2/$3/$4/$5');
  return {
    key: `TIDAL_SONG::${id}`,
    entity: entity(id, 'tidal', ['tidal'], song, [`https://resources.tidal.com/images/${image}/640x640.jpg`, 640]),
    links: { tidal: { url: `https://listen.tidal.com/track/${id}` } },
  };
}

function amazonEntry(track: SimTrack, song: { title: string; artistName: string }): PlatformEntry {
  const id = amazonId(`amazon-${track.isrc}`);
  const albumId = amazonId(`amazon-album-${track.albumId}`);
  return {
    key: `AMAZON_SONG::${id}`,
    entity: entity(id, 'amazon', ['amazonMusic', 'amazonStore'], song, [`https://m.media-amazon.com/images/I/${albumId}._AA500.jpg`, 500]),
    links: {
      amazonMusic: { url: `https://music.amazon.com/albums/${albumId}?trackAsin=${id}` },
      amazonStore: { url: `https://amazon.com/dp/${id}?tag=songlink0d-20` },
    },
  };
}

export function linksFor(
  track: SimTrack,
  youtubeVideoId: string | null,
  catalogue: SimCatalogue,
  country: string,
  askedAbout: 'spotify' | 'youtube',
): LinksAnswer {
  const song = {
    title: track.name,
    artistName: track.artistIds.map((id) => catalogue.artists.get(id)?.name ?? '').filter(Boolean).join(', '),
  };
  const spotify = spotifyEntry(track, song);
  const youtube = youtubeVideoId ? youtubeEntry(youtubeVideoId, catalogue, song) : undefined;
  const entries = [
    spotify,
    youtube,
    carried(`itunes-${track.isrc}`, 0.9) ? appleEntry(track, song, country) : undefined,
    carried(`deezer-${track.isrc}`, 0.85) ? deezerEntry(track, song) : undefined,
    carried(`tidal-${track.isrc}`, 0.8) ? tidalEntry(track, song) : undefined,
    carried(`amazon-${track.isrc}`, 0.75) ? amazonEntry(track, song) : undefined,
  ].filter((entry): entry is PlatformEntry => entry !== undefined);

  const answer: LinksAnswer = {
    entityUniqueId: askedAbout === 'youtube' && youtube ? youtube.key : spotify.key,
    userCountry: country,
    pageUrl: askedAbout === 'youtube' && youtubeVideoId ? `https://song.link/y/${youtubeVideoId}` : `https://song.link/s/${track.id}`,
    entitiesByUniqueId: {},
    linksByPlatform: {},
  };
  for (const { key, entity: e, links } of entries) {
    answer.entitiesByUniqueId[key] = e;
    for (const [platform, link] of Object.entries(links)) answer.linksByPlatform[platform] = { country, ...link, entityUniqueId: key };
  }
  return answer;
}
