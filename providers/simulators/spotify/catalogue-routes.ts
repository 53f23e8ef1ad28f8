/**
 * Catalogue endpoints of the Web API: tracks, albums, artists, one at a time and several at a time
 * (50 tracks / 20 albums / 50 artists; unknown ids answer null in their place; refused with 403
 * when the several-items switch is off), album tracks, an artist's albums and top tracks.
 */
import express, { type Request, type Router } from 'express';
import { apiBase, type AlbumGroup, type SpotifyContext } from './context.js';
import { notFound, WebApiError } from './errors.js';
import { SEVERAL_ITEMS_REFUSED } from './options.js';
import { albumObject, artistObject, pageUrl, paging, simplifiedAlbum, simplifiedTrack, trackObject, type RenderOptions } from './objects.js';
import { checkId, idList, market, page, queryString } from './params.js';

const GROUPS: readonly AlbumGroup[] = ['album', 'single', 'appears_on', 'compilation'];

export function catalogueRoutes(ctx: SpotifyContext): Router {
  const router = express.Router();
  const { catalogue } = ctx;
  const render = (req: Request): RenderOptions => ({ base: apiBase(req), market: market(req) });
  const severalItems = (): void => {
    if (!ctx.options().severalItems) {
      ctx.counters.severalItemsRefused += 1;
      throw new WebApiError(403, SEVERAL_ITEMS_REFUSED);
    }
  };
  const found = <T>(value: T | undefined): T => {
    if (value === undefined) throw notFound();
    return value;
  };

  router.get('/tracks/:id', (req, res) => {
    const options = render(req);
    res.json(trackObject(catalogue, found(catalogue.tracks.get(checkId(req.params.id))), options));
  });
  router.get('/tracks', (req, res) => {
    severalItems();
    const options = render(req);
    const ids = idList(req, 50);
    res.json({ tracks: ids.map((id) => { const t = catalogue.tracks.get(id); return t ? trackObject(catalogue, t, options) : null; }) });
  });

  router.get('/albums/:id', (req, res) => {
    const options = render(req);
    res.json(albumObject(catalogue, found(catalogue.albums.get(checkId(req.params.id))), options));
  });
  router.get('/albums', (req, res) => {
    severalItems();
    const options = render(req);
    const ids = idList(req, 20);
    res.json({ albums: ids.map((id) => { const a = catalogue.albums.get(id); return a ? albumObject(catalogue, a, options) : null; }) });
  });
  router.get('/albums/:id/tracks', (req, res) => {
    const options = render(req);
    const album = found(catalogue.albums.get(checkId(req.params.id)));
    const { limit, offset } = page(req, { defaultLimit: 20, maxLimit: 50 });
    const tracks = album.trackIds.map((id) => catalogue.tracks.get(id)).filter((t) => t !== undefined);
    res.json(paging(tracks, offset, limit, pageUrl(options.base, `/albums/${album.id}/tracks`, { market: options.market }), (t) => simplifiedTrack(catalogue, t, options)));
  });

  router.get('/artists/:id', (req, res) => {
    res.json(artistObject(found(catalogue.artists.get(checkId(req.params.id))), render(req)));
  });
  router.get('/artists', (req, res) => {
    severalItems();
    const options = render(req);
    const ids = idList(req, 50);
    res.json({ artists: ids.map((id) => { const a = catalogue.artists.get(id); return a ? artistObject(a, options) : null; }) });
  });
  router.get('/artists/:id/albums', (req, res) => {
    const options = render(req);
    const artist = found(catalogue.artists.get(checkId(req.params.id)));
    const groupsText = queryString(req, 'include_groups');
    const groups = new Set((groupsText ?? 'album,single,appears_on,compilation').split(',').map((g) => g.trim()).filter((g) => g !== ''));
    if (groups.size === 0 || [...groups].some((g) => !GROUPS.includes(g as AlbumGroup))) throw new WebApiError(400, 'Invalid include_groups');
    // The spec allows 1-10 here (development-mode limits since 2026), not 50.
    const { limit, offset } = page(req, { defaultLimit: 5, maxLimit: 10 });
    const releases = ctx.discography.releasesOf(artist.id, groups as Set<AlbumGroup>);
    res.json(paging(releases, offset, limit, pageUrl(options.base, `/artists/${artist.id}/albums`, { include_groups: groupsText, market: options.market }), ({ album, group }) => ({ ...simplifiedAlbum(catalogue, album, options), album_group: group })));
  });
  router.get('/artists/:id/top-tracks', (req, res) => {
    const options = render(req);
    const artist = found(catalogue.artists.get(checkId(req.params.id)));
    res.json({ tracks: ctx.discography.topTracks(artist.id, 10).map((t) => trackObject(catalogue, t, options)) });
  });

  return router;
}
