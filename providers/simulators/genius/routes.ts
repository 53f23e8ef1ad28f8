/**
 * The Genius API routes: GET /search, /songs/:id, /artists/:id, /artists/:id/songs and
 * /albums/:id. Every answer is wrapped as Genius wraps it, `{meta: {status}, response: {...}}`;
 * errors carry `meta.status` and `meta.message`. Every route needs the client access token, as a
 * bearer header or an `access_token` query parameter.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { SimGeniusSong } from '../catalogue/types.js';
import { albumObject, artistFull, songFull, songPreview } from './resources.js';
import { parseTextFormats } from './rich-text.js';
import { bareTitle, type GeniusWorld } from './world.js';

export interface GeniusContext {
  world: GeniusWorld;
  accessTokens: () => Set<string>;
}

const SEARCH_PER_PAGE = { fallback: 10, max: 20 };
const LIST_PER_PAGE = { fallback: 20, max: 50 };
/** Below this share of the query's weight a song is not a hit (Genius also searches lyrics, so it is lenient). */
const MIN_COVERAGE = 0.34;

export class GeniusError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function geniusErrorBody(status: number, message: string, extra: Record<string, string> = {}): { meta: Record<string, unknown> } {
  return { meta: { status, message, ...extra } };
}

const notFound = () => new GeniusError(404, 'Not found');

function authorise(req: Request, ctx: GeniusContext): void {
  const header = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  const token = header ?? (typeof req.query.access_token === 'string' ? req.query.access_token : undefined);
  if (!token) throw new GeniusError(401, 'This call requires an access_token. Please see: https://genius.com/developers');
  if (!ctx.accessTokens().has(token)) {
    throw new GeniusError(401, 'Invalid access token', {
      error: 'invalid_token',
      error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
    });
  }
}

function geniusRoute(ctx: GeniusContext, answer: (req: Request) => Record<string, unknown>): RequestHandler {
  return (req: Request, res: Response) => {
    try {
      authorise(req, ctx);
      res.json({ meta: { status: 200 }, response: answer(req) });
    } catch (error) {
      if (!(error instanceof GeniusError)) throw error;
      res.status(error.status).json(geniusErrorBody(error.status, error.message, error.extra));
    }
  };
}

function numericId(req: Request): number {
  const raw = String(req.params.id ?? '');
  if (!/^\d{1,12}$/.test(raw)) throw notFound();
  return Number(raw);
}

function pageParams(req: Request, limits: { fallback: number; max: number }): { perPage: number; page: number } {
  const perPage = Number(req.query.per_page ?? limits.fallback);
  const page = Number(req.query.page ?? 1);
  return {
    perPage: Number.isInteger(perPage) && perPage > 0 ? Math.min(perPage, limits.max) : limits.fallback,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function popularity(pageviews: number): number {
  return 0.5 + Math.log10(pageviews + 10) / 10;
}

export function registerGeniusRoutes(router: Router, ctx: GeniusContext): void {
  const { world } = ctx;

  router.get(
    '/search',
    geniusRoute(ctx, (req) => {
      const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
      if (!q) throw new GeniusError(400, 'Missing required parameter: q');
      const { perPage, page } = pageParams(req, SEARCH_PER_PAGE);
      const ranked = [...world.searchIndex().score(q)]
        .filter(([, coverage]) => coverage >= MIN_COVERAGE)
        .map(([doc, coverage]) => ({ song: world.songList[doc]!, score: coverage ** 2 * popularity(world.songList[doc]!.pageviews) }))
        .sort((a, b) => b.score - a.score || a.song.id - b.song.id);
      const hits = ranked
        .slice((page - 1) * perPage, page * perPage)
        .map(({ song }) => ({ highlights: [], index: 'song', type: 'song', result: songPreview(song, world) }));
      return { hits };
    }),
  );

  router.get(
    '/songs/:id',
    geniusRoute(ctx, (req) => {
      const song = world.song(numericId(req));
      if (!song) throw notFound();
      return { song: songFull(song, world, parseTextFormats(req.query.text_format)) };
    }),
  );

  router.get(
    '/artists/:id',
    geniusRoute(ctx, (req) => {
      const id = numericId(req);
      if (!world.artist(id)) throw notFound();
      return { artist: artistFull(id, world, parseTextFormats(req.query.text_format)) };
    }),
  );

  router.get(
    '/artists/:id/songs',
    geniusRoute(ctx, (req) => {
      const id = numericId(req);
      if (!world.artist(id)) throw notFound();
      const sort = typeof req.query.sort === 'string' ? req.query.sort : 'title';
      if (!['title', 'popularity', 'release_date'].includes(sort)) throw new GeniusError(400, `Invalid sort: ${sort}`);
      const { perPage, page } = pageParams(req, LIST_PER_PAGE);
      const songs = sortSongs(world.songsOf(id), sort);
      const slice = songs.slice((page - 1) * perPage, page * perPage);
      return { songs: slice.map((song) => songPreview(song, world)), next_page: page * perPage < songs.length ? page + 1 : null };
    }),
  );

  router.get(
    '/albums/:id',
    geniusRoute(ctx, (req) => {
      const id = numericId(req);
      const album = world.album(id);
      if (!album) throw notFound();
      return { album: albumObject(id, album, world) };
    }),
  );
}

/** title: alphabetical; popularity: most viewed first; release_date: oldest first, undated last. */
function sortSongs(songs: SimGeniusSong[], sort: string): SimGeniusSong[] {
  const sorted = [...songs];
  if (sort === 'popularity') return sorted.sort((a, b) => b.pageviews - a.pageviews || a.id - b.id);
  if (sort === 'release_date') {
    return sorted.sort((a, b) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999') || a.id - b.id);
  }
  return sorted.sort((a, b) => bareTitle(a.title).localeCompare(bareTitle(b.title), 'en', { sensitivity: 'base' }) || a.id - b.id);
}
