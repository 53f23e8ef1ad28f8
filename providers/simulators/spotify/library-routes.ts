/**
 * A user's library on the Web API: `GET /v1/me`, `/v1/me/playlists`, `/v1/playlists/{id}`,
 * `/v1/playlists/{id}/items` (limit 50) and its deprecated `/tracks` (limit 100), `/v1/me/tracks`.
 * They need a user token (authorization code); an app token gets 401, a missing scope 403.
 */
import express, { type Request, type Response, type Router } from 'express';
import { apiBase, tokenOf, type SpotifyContext } from './context.js';
import { notFound, WebApiError } from './errors.js';
import { playlistItems, playlistObject, privateUser, simplifiedPlaylist } from './library-objects.js';
import { pageUrl, paging, trackObject } from './objects.js';
import { market, page } from './params.js';
import type { SimPlaylist, SimUser } from './users.js';

export function libraryRoutes(ctx: SpotifyContext): Router {
  const router = express.Router();

  /** The token's user, after checking it is a user token with one of the scopes. */
  const user = (res: Response, ...scopes: string[]): SimUser => {
    const token = tokenOf(res);
    if (!token.userId) throw new WebApiError(401, 'This request requires user authentication.');
    if (ctx.options().checkScopes && scopes.length > 0 && !scopes.some((s) => token.scopes.includes(s))) throw new WebApiError(403, 'Insufficient client scope');
    const found = ctx.users.users.get(token.userId);
    if (!found) throw new WebApiError(401, 'Invalid access token');
    return found;
  };
  /** A playlist this user may read: their own or a collaborative one; others' public ones only through GET /playlists/{id}. */
  const playlist = (req: Request, reader: SimUser, ownOnly: boolean): SimPlaylist => {
    const found = ctx.users.playlists.get(String(req.params.playlist_id));
    if (!found) throw notFound();
    const mine = found.ownerId === reader.id || found.collaborative;
    if (!mine && (ownOnly || !found.public)) throw new WebApiError(403, 'Forbidden');
    return found;
  };

  router.get('/me', (_req, res) => {
    res.json(privateUser(user(res), apiBase(_req)));
  });

  router.get('/me/playlists', (req, res) => {
    const reader = user(res, 'playlist-read-private', 'playlist-read-collaborative');
    const { limit, offset } = page(req, { defaultLimit: 20, maxLimit: 50, maxOffset: 100_000 });
    const base = apiBase(req);
    const lists = reader.playlistIds.map((id) => ctx.users.playlists.get(id)).filter((p) => p !== undefined);
    res.json(paging(lists, offset, limit, pageUrl(base, '/me/playlists'), (p) => simplifiedPlaylist(ctx, p, base)));
  });

  router.get('/playlists/:playlist_id', (req, res) => {
    const options = { base: apiBase(req), market: market(req) };
    res.json(playlistObject(ctx, playlist(req, user(res), false), options));
  });

  for (const path of ['items', 'tracks'] as const) {
    router.get(`/playlists/:playlist_id/${path}`, (req, res) => {
      const reader = user(res, 'playlist-read-private', 'playlist-read-collaborative');
      const options = { base: apiBase(req), market: market(req) };
      const { limit, offset } = page(req, { defaultLimit: 20, maxLimit: path === 'items' ? 50 : 100 });
      res.json(playlistItems(ctx, playlist(req, reader, path === 'items'), path, offset, limit, options));
    });
  }

  router.get('/me/tracks', (req, res) => {
    const reader = user(res, 'user-library-read');
    const options = { base: apiBase(req), market: market(req) };
    const { limit, offset } = page(req, { defaultLimit: 20, maxLimit: 50 });
    res.json(paging(reader.saved, offset, limit, pageUrl(options.base, '/me/tracks', { market: options.market }), (s) => ({
      added_at: s.addedAt,
      track: trackObject(ctx.catalogue, ctx.catalogue.tracks.get(s.trackId)!, options),
    })));
  });

  return router;
}
