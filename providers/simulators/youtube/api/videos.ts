/**
 * GET /youtube/v3/videos (videos.list, 1 unit): by `id` (at most 50; unknown ids are simply absent
 * from `items`), by `chart=mostPopular` (paged, at most 200, optionally one `videoCategoryId`), or
 * by `myRating` for the signed-in user (who has rated nothing). Exactly one filter is required.
 */
import type { Router } from 'express';
import type { SimVideo } from '../../catalogue/types.js';
import { listEnvelope } from '../envelope.js';
import { youtubeErrors } from '../errors.js';
import { PageTokens, parseIds, parseMaxResults, parseParts, stringParam } from '../params.js';
import { VIDEO_PARTS, videoResource } from '../video-resource.js';
import { dataApiRoute, requireUser, type DataApiContext } from './context.js';

const KIND = 'youtube#videoListResponse';
const MOST_POPULAR_LIMIT = 200;

export function registerVideoRoutes(router: Router, ctx: DataApiContext): void {
  const pages = new PageTokens('videos');
  let mostPopular: SimVideo[] | undefined;

  router.get(
    '/youtube/v3/videos',
    dataApiRoute(ctx, 'videos.list', (req, caller) => {
      const parts = parseParts(req.query, VIDEO_PARTS);
      const ids = parseIds(req.query, 'id');
      const chart = stringParam(req.query, 'chart');
      const myRating = stringParam(req.query, 'myRating');
      const filters = [ids && 'id', chart && 'chart', myRating && 'myRating'].filter(Boolean) as string[];
      if (filters.length === 0) throw youtubeErrors.noFilter(['myRating', 'id', 'chart', 'idParam']);
      if (filters.length > 1) throw youtubeErrors.incompatibleFilters(filters);

      if (ids) {
        const items = ids.flatMap((id) => {
          const video = ctx.world.video(id);
          return video ? [videoResource(video, parts, ctx.world)] : [];
        });
        return listEnvelope(KIND, items, { totalResults: items.length, resultsPerPage: items.length });
      }

      const maxResults = parseMaxResults(req.query, { min: 1, max: 50, fallback: 5 });
      let pool: SimVideo[];
      if (myRating) {
        if (myRating !== 'like' && myRating !== 'dislike') {
          throw youtubeErrors.invalidValue('myRating', myRating, 'Expected one of: like, dislike');
        }
        requireUser(caller);
        pool = []; // the simulated user has rated no video
      } else {
        if (chart !== 'mostPopular') throw youtubeErrors.invalidValue('chart', chart ?? '', 'Expected one of: mostPopular');
        mostPopular ??= [...ctx.world.catalogue.videos.values()].sort((a, b) => b.viewCount - a.viewCount || a.id.localeCompare(b.id));
        const category = stringParam(req.query, 'videoCategoryId');
        const inCategory = category && category !== '0' ? mostPopular.filter((v) => v.categoryId === category) : mostPopular;
        pool = inCategory.slice(0, MOST_POPULAR_LIMIT);
      }
      const offset = pages.decode(req.query);
      const items = pool.slice(offset, offset + maxResults).map((video) => videoResource(video, parts, ctx.world));
      const links = pages.links(offset, maxResults, pool.length, req.query);
      return listEnvelope(KIND, items, { totalResults: pool.length, resultsPerPage: maxResults }, links);
    }),
  );
}
