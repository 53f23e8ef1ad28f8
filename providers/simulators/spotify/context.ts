/**
 * What the Web API handlers share: the catalogue with the lookups Spotify answers from (an
 * artist's releases, their tracks by popularity), the options, tokens and simulated users.
 */
import type { Request } from 'express';
import type { SimAlbum, SimCatalogue, SimTrack } from '../catalogue/types.js';
import type { SpotifyOptions } from './options.js';
import type { AccessToken, TokenStore } from './tokens.js';
import type { UserStore } from './users.js';

export interface SpotifyCounters {
  severalItemsRefused: number;
  quotaRefused: number;
}

export interface SpotifyContext {
  catalogue: SimCatalogue;
  options: () => SpotifyOptions;
  tokens: TokenStore;
  users: UserStore;
  discography: ArtistDiscographyIndex;
  counters: SpotifyCounters;
}

export type AlbumGroup = 'album' | 'single' | 'compilation' | 'appears_on';

/** Per artist: releases by group (newest first) and tracks by popularity, built once. */
export class ArtistDiscographyIndex {
  private readonly releases = new Map<string, { album: SimAlbum; group: AlbumGroup }[]>();
  private readonly tracks = new Map<string, SimTrack[]>();

  constructor(catalogue: SimCatalogue) {
    for (const album of catalogue.albums.values()) {
      const main = new Set(album.artistIds);
      for (const id of main) this.push(this.releases, id, { album, group: album.albumType });
      const guests = new Set<string>();
      for (const trackId of album.trackIds) for (const id of catalogue.tracks.get(trackId)?.artistIds ?? []) if (!main.has(id)) guests.add(id);
      for (const id of guests) this.push(this.releases, id, { album, group: 'appears_on' });
    }
    const order: AlbumGroup[] = ['album', 'single', 'compilation', 'appears_on'];
    for (const list of this.releases.values()) {
      list.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group) || b.album.releaseDate.localeCompare(a.album.releaseDate));
    }
    for (const track of catalogue.tracks.values()) {
      const main = track.artistIds[0];
      if (main) this.push(this.tracks, main, track);
    }
    for (const list of this.tracks.values()) list.sort((a, b) => b.popularity - a.popularity);
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  releasesOf(artistId: string, groups: ReadonlySet<AlbumGroup>): { album: SimAlbum; group: AlbumGroup }[] {
    return (this.releases.get(artistId) ?? []).filter((r) => groups.has(r.group));
  }

  /** Top tracks: most popular first, one per song title (Spotify does not list a hit twice). */
  topTracks(artistId: string, count: number): SimTrack[] {
    const seen = new Set<string>();
    const top: SimTrack[] = [];
    for (const track of this.tracks.get(artistId) ?? []) {
      if (seen.has(track.baseName)) continue;
      seen.add(track.baseName);
      top.push(track);
      if (top.length === count) break;
    }
    return top;
  }
}

/** The simulator's own Web API base for links in answers: http://host:port/v1. */
export const apiBase = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}/v1`;

/** The access token the auth middleware accepted. */
export const tokenOf = (res: { locals: Record<string, unknown> }): AccessToken => res.locals.spotifyToken as AccessToken;
