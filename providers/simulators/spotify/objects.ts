/**
 * The Web API's JSON objects, field by field as the OpenAPI spec describes them: TrackObject,
 * SimplifiedTrackObject, AlbumObject, SimplifiedAlbumObject, ArtistObject, SimplifiedArtistObject,
 * paging objects. `href`s point at this simulator (so clients can follow `next`), `external_urls`
 * and image URLs look like Spotify's.
 */
import type { SimAlbum, SimArtist, SimCatalogue, SimTrack } from '../catalogue/types.js';

/** Where the simulator's Web API lives for this request, e.g. http://127.0.0.1:4101/v1. */
export type ApiBase = string;

/** Markets every simulated release is available in (the spec still requires the field). */
const MARKETS = ['AR', 'AU', 'AT', 'BE', 'BR', 'CA', 'CH', 'CL', 'CO', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IN', 'IT', 'JP', 'KR', 'MX', 'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'TR', 'US'];

export interface RenderOptions {
  base: ApiBase;
  /** With a `market` parameter Spotify adds `is_playable` to tracks. */
  market?: string;
}

/** 40 hex digits derived from an id, for image URLs that stay the same across runs. */
function imageHash(id: string): string {
  let out = '';
  for (let round = 0; round < 5; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

export function albumImages(id: string) {
  const hash = imageHash(id);
  return [
    { url: `https://i.scdn.co/image/ab67616d0000b273${hash}`, height: 640, width: 640 },
    { url: `https://i.scdn.co/image/ab67616d00001e02${hash}`, height: 300, width: 300 },
    { url: `https://i.scdn.co/image/ab67616d00004851${hash}`, height: 64, width: 64 },
  ];
}

function artistImages(id: string) {
  const hash = imageHash(id);
  return [
    { url: `https://i.scdn.co/image/ab6761610000e5eb${hash}`, height: 640, width: 640 },
    { url: `https://i.scdn.co/image/ab67616100005174${hash}`, height: 320, width: 320 },
    { url: `https://i.scdn.co/image/ab6761610000f178${hash}`, height: 160, width: 160 },
  ];
}

export function simplifiedArtist(artist: SimArtist, { base }: RenderOptions) {
  return {
    external_urls: { spotify: `https://open.spotify.com/artist/${artist.id}` },
    href: `${base}/artists/${artist.id}`,
    id: artist.id,
    name: artist.name,
    type: 'artist' as const,
    uri: `spotify:artist:${artist.id}`,
  };
}

export function artistObject(artist: SimArtist, options: RenderOptions) {
  return {
    ...simplifiedArtist(artist, options),
    followers: { href: null, total: artist.followers },
    genres: artist.genres,
    images: artist.name === 'Various Artists' ? [] : artistImages(artist.id),
    popularity: artist.popularity,
  };
}

const artistsOf = (catalogue: SimCatalogue, ids: readonly string[], options: RenderOptions) =>
  ids.map((id) => catalogue.artists.get(id)).filter((a) => a !== undefined).map((a) => simplifiedArtist(a, options));

export function simplifiedAlbum(catalogue: SimCatalogue, album: SimAlbum, options: RenderOptions) {
  return {
    album_type: album.albumType,
    total_tracks: album.trackIds.length,
    available_markets: MARKETS,
    external_urls: { spotify: `https://open.spotify.com/album/${album.id}` },
    href: `${options.base}/albums/${album.id}`,
    id: album.id,
    images: albumImages(album.id),
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: album.releaseDatePrecision,
    type: 'album' as const,
    uri: `spotify:album:${album.id}`,
    artists: artistsOf(catalogue, album.artistIds, options),
  };
}

export function simplifiedTrack(catalogue: SimCatalogue, track: SimTrack, options: RenderOptions) {
  return {
    artists: artistsOf(catalogue, track.artistIds, options),
    available_markets: MARKETS,
    disc_number: track.discNumber,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_urls: { spotify: `https://open.spotify.com/track/${track.id}` },
    href: `${options.base}/tracks/${track.id}`,
    id: track.id,
    ...(options.market ? { is_playable: true } : {}),
    name: track.name,
    preview_url: null,
    track_number: track.trackNumber,
    type: 'track' as const,
    uri: `spotify:track:${track.id}`,
    is_local: false,
  };
}

export function trackObject(catalogue: SimCatalogue, track: SimTrack, options: RenderOptions) {
  const album = catalogue.albums.get(track.albumId)!;
  return {
    album: simplifiedAlbum(catalogue, album, options),
    ...simplifiedTrack(catalogue, track, options),
    external_ids: { isrc: track.isrc },
    popularity: track.popularity,
  };
}

export interface Paging<T> {
  href: string;
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total: number;
  items: T[];
}

/** A paging object over `all`; `url(offset, limit)` builds the page links. */
export function paging<S, T>(all: readonly S[], offset: number, limit: number, url: (offset: number, limit: number) => string, render: (item: S) => T): Paging<T> {
  return {
    href: url(offset, limit),
    limit,
    next: offset + limit < all.length ? url(offset + limit, limit) : null,
    offset,
    previous: offset > 0 ? url(Math.max(0, offset - limit), limit) : null,
    total: all.length,
    items: all.slice(offset, offset + limit).map(render),
  };
}

/** A page link: the path with offset and limit first, then the request's other parameters. */
export function pageUrl(base: ApiBase, path: string, extra: Record<string, string | undefined> = {}): (offset: number, limit: number) => string {
  return (offset, limit) => {
    const params = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
    return `${base}${path}?${params.toString()}`;
  };
}

export function albumObject(catalogue: SimCatalogue, album: SimAlbum, options: RenderOptions) {
  const year = album.releaseDate.slice(0, 4);
  const tracks = album.trackIds.map((id) => catalogue.tracks.get(id)).filter((t) => t !== undefined);
  return {
    ...simplifiedAlbum(catalogue, album, options),
    tracks: paging(tracks, 0, 50, pageUrl(options.base, `/albums/${album.id}/tracks`, { market: options.market }), (t) => simplifiedTrack(catalogue, t, options)),
    copyrights: [{ text: `© ${year} ${album.label}`, type: 'C' }, { text: `℗ ${year} ${album.label}`, type: 'P' }],
    external_ids: { upc: album.upc },
    genres: [],
    label: album.label,
    popularity: album.popularity,
  };
}
