/**
 * `GET /v1/search`: case- and accent-insensitive matching of every free term as a substring of a
 * track's name, artists and album (an album's name and artists, an artist's name, a public
 * playlist's name), field filters `artist:`, `track:`, `album:`, `isrc:`, `upc:`, `year:1990-1999`,
 * `genre:`, `tag:new|hipster` (quoted for phrases), ranked by name match then popularity.
 * At most 10 items a page since 2026: a larger limit is "Invalid limit". The index is built on
 * first use, so start-up stays fast.
 */
import express, { type Router } from 'express';
import type { SimAlbum, SimArtist, SimTrack } from '../catalogue/types.js';
import { foldAccents } from '../catalogue/text.js';
import { apiBase, type SpotifyContext } from './context.js';
import { WebApiError } from './errors.js';
import { simplifiedPlaylist } from './library-objects.js';
import { artistObject, pageUrl, paging, simplifiedAlbum, trackObject } from './objects.js';
import { market, page, queryString } from './params.js';
import type { SimPlaylist } from './users.js';

const TYPES = ['album', 'artist', 'playlist', 'track', 'show', 'episode', 'audiobook'] as const;
type SearchType = (typeof TYPES)[number];
const MAX_REACHABLE = 1000;

export function normalize(text: string): string {
  return foldAccents(text).toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
}

interface Query {
  terms: string[];
  filters: Map<string, string>;
}

/** `remaster track:Doxy artist:"Miles Davis"`: an unquoted filter value is one word, as on Spotify. */
export function parseQuery(q: string): Query {
  const terms: string[] = [];
  const filters = new Map<string, string>();
  for (const match of q.matchAll(/([A-Za-z]+):(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+)/g)) {
    const [, field, quotedValue, value, quotedTerm, term] = match;
    if (field) filters.set(field.toLowerCase(), normalize(quotedValue ?? value ?? ''));
    else terms.push(...normalize(quotedTerm ?? term ?? '').split(' ').filter((t) => t !== ''));
  }
  return { terms, filters };
}

interface Indexed<T> {
  item: T;
  name: string;
  text: string;
  popularity: number;
}

interface SearchIndex {
  tracks: Indexed<SimTrack>[];
  albums: Indexed<SimAlbum>[];
  artists: Indexed<SimArtist>[];
  artistNames: Map<string, string>;
}

function buildIndex(ctx: SpotifyContext): SearchIndex {
  const { catalogue } = ctx;
  const artistNames = new Map<string, string>();
  for (const artist of catalogue.artists.values()) artistNames.set(artist.id, normalize(artist.name));
  const names = (ids: readonly string[]): string => ids.map((id) => artistNames.get(id) ?? '').join(' ');
  const albumNames = new Map<string, string>();
  const albums = [...catalogue.albums.values()].map((album) => {
    const name = normalize(album.name);
    albumNames.set(album.id, name);
    return { item: album, name, text: `${name} ${names(album.artistIds)}`, popularity: album.popularity };
  });
  const tracks = [...catalogue.tracks.values()].map((track) => {
    const name = normalize(track.name);
    return { item: track, name, text: `${name} ${names(track.artistIds)} ${albumNames.get(track.albumId) ?? ''}`, popularity: track.popularity };
  });
  const artists = [...catalogue.artists.values()].map((artist) => ({ item: artist, name: artistNames.get(artist.id)!, text: artistNames.get(artist.id)!, popularity: artist.popularity }));
  return { tracks, albums, artists, artistNames };
}

/** Ranked matches: free terms everywhere, `accepts` for the filters of this type. */
function rank<T>(entries: readonly Indexed<T>[], query: Query, accepts: (entry: Indexed<T>) => boolean): T[] {
  const phrase = query.terms.join(' ');
  const scored: { entry: Indexed<T>; score: number }[] = [];
  for (const entry of entries) {
    if (!query.terms.every((t) => entry.text.includes(t)) || !accepts(entry)) continue;
    let score = entry.popularity;
    if (phrase !== '') {
      if (entry.name === phrase) score += 300;
      else if (entry.name.startsWith(phrase)) score += 150;
      else if (query.terms.every((t) => entry.name.includes(t))) score += 75;
    }
    scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.map((s) => s.entry.item);
}

export function searchRoutes(ctx: SpotifyContext): Router {
  const router = express.Router();
  let index: SearchIndex | null = null;

  router.get('/search', (req, res) => {
    // Spotify's own `next` links say `query=`; clients send `q=`.
    const q = queryString(req, 'q') ?? queryString(req, 'query');
    if (q === undefined || q.trim() === '') throw new WebApiError(400, 'No search query');
    const typeText = queryString(req, 'type');
    if (typeText === undefined || typeText === '') throw new WebApiError(400, 'Missing parameter type');
    const types = [...new Set(typeText.split(',').map((t) => t.trim()))];
    if (types.some((t) => !TYPES.includes(t as SearchType))) throw new WebApiError(400, 'Bad search type field');
    const { limit, offset } = page(req, { defaultLimit: 5, maxLimit: 10, maxOffset: MAX_REACHABLE });
    const options = { base: apiBase(req), market: market(req) };
    index ??= buildIndex(ctx);
    const idx = index;
    const query = parseQuery(q);
    const f = query.filters;
    const has = (name: string): boolean => f.has(name);
    const includes = (value: string | undefined, wanted: string | undefined): boolean => wanted === undefined || (value ?? '').includes(wanted);
    const inYears = (date: string): boolean => {
      const years = f.get('year');
      if (!years) return true;
      const [from, to = from] = years.split(' ').map(Number);
      const year = Number(date.slice(0, 4));
      return year >= from! && year <= to!;
    };
    const anyArtist = (ids: readonly string[], wanted: string | undefined): boolean => wanted === undefined || ids.some((id) => includes(idx.artistNames.get(id), wanted));
    const anyGenre = (ids: readonly string[], wanted: string | undefined): boolean => wanted === undefined || ids.some((id) => ctx.catalogue.artists.get(id)?.genres.some((g) => normalize(g).includes(wanted)));
    const url = (type: string) => pageUrl(options.base, '/search', { query: q, type, market: options.market });
    const answer: Record<string, unknown> = {};

    for (const type of types as SearchType[]) {
      const put = <T,>(found: readonly T[], render: (item: T) => unknown): void => {
        answer[`${type}s`] = paging(found.slice(0, MAX_REACHABLE), offset, limit, url(type), render);
      };
      if (type === 'track' && !has('upc') && !has('tag')) {
        put(rank(idx.tracks, query, ({ item, name }) => {
          const album = ctx.catalogue.albums.get(item.albumId)!;
          return includes(name, f.get('track')) && (f.get('isrc') === undefined || item.isrc.toLowerCase() === f.get('isrc'))
            && anyArtist(item.artistIds, f.get('artist')) && includes(normalize(album.name), f.get('album')) && inYears(album.releaseDate) && anyGenre(item.artistIds, f.get('genre'));
        }), (t) => trackObject(ctx.catalogue, t, options));
      } else if (type === 'album' && !has('track') && !has('isrc') && !has('genre')) {
        put(rank(idx.albums, query, ({ item, name }) => includes(name, f.get('album')) && anyArtist(item.artistIds, f.get('artist')) && inYears(item.releaseDate)
          && (f.get('upc') === undefined || item.upc === f.get('upc')) && f.get('tag') !== 'new' && (f.get('tag') !== 'hipster' || item.popularity < 10)),
        (a) => simplifiedAlbum(ctx.catalogue, a, options));
      } else if (type === 'artist' && !has('track') && !has('isrc') && !has('album') && !has('upc') && !has('tag')) {
        put(rank(idx.artists, query, ({ item, name }) => includes(name, f.get('artist')) && anyGenre([item.id], f.get('genre'))), (a) => artistObject(a, options));
      } else if (type === 'playlist' && f.size === 0) {
        const playlists = [...ctx.users.playlists.values()].filter((p) => p.public).map((p) => ({ item: p, name: normalize(p.name), text: normalize(`${p.name} ${p.description}`), popularity: 0 }));
        put(rank(playlists, query, () => true), (p: SimPlaylist) => simplifiedPlaylist(ctx, p, options.base));
      } else {
        // Shows, episodes, audiobooks (none simulated) and filters that do not apply to the type.
        put([], (item) => item);
      }
    }
    res.json(answer);
  });
  return router;
}
