/**
 * The Web API under /v1: a bearer access token is required (401 "No token provided",
 * "Invalid access token", "The access token expired"), an exhausted quota answers 429 with
 * reason QUOTA_EXCEEDED, then the catalogue, search and library routes answer.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { catalogueRoutes } from './catalogue-routes.js';
import type { SpotifyContext } from './context.js';
import { WebApiError, webApiErrors } from './errors.js';
import { libraryRoutes } from './library-routes.js';
import { QUOTA_EXCEEDED_MESSAGE } from './options.js';
import { searchRoutes } from './search.js';

export function webApiRouter(ctx: SpotifyContext): Router {
  const router = express.Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) throw new WebApiError(401, 'No token provided');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new WebApiError(400, 'Only valid bearer authentication supported');
    const token = ctx.tokens.check(match[1]!);
    if (token === 'unknown') throw new WebApiError(401, 'Invalid access token');
    if (token === 'expired') throw new WebApiError(401, 'The access token expired');
    const options = ctx.options();
    if (options.quotaExceeded) {
      ctx.counters.quotaRefused += 1;
      throw new WebApiError(429, QUOTA_EXCEEDED_MESSAGE, 'QUOTA_EXCEEDED', options.quotaRetryAfterSeconds);
    }
    res.locals.spotifyToken = token;
    next();
  });
  router.use(catalogueRoutes(ctx));
  router.use(searchRoutes(ctx));
  router.use(libraryRoutes(ctx));
  router.use(webApiErrors);
  return router;
}
