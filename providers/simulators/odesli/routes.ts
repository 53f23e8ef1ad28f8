/**
 * GET /v1-alpha.1/links: Odesli's one endpoint. A Spotify track (or a YouTube video) Odesli knows
 * answers its links on every platform; the YouTube link is the upload Odesli matched
 * (`TrackTruth.odesliVideoId`). Some tracks Odesli knows without a YouTube match: their links
 * simply have no youtube / youtubeMusic. Unknown tracks answer 404 `could_not_resolve_entity`;
 * URLs of other kinds 400. Each caller (API key, or client address without one) has its own
 * per-minute limit, answered 429 with Retry-After.
 */
import type { Request, Response, Router } from 'express';
import type { SimCatalogue, SimTrack } from '../catalogue/types.js';
import { parseEntityParams, parseEntityUrl, type EntityInput } from './entity-input.js';
import { linksFor } from './links.js';
import type { OdesliLimits, SlidingWindowLimiter } from './rate-limit.js';

export interface OdesliContext {
  catalogue: SimCatalogue;
  limiter: SlidingWindowLimiter;
  limits: () => OdesliLimits;
}

/** Odesli's error body: `{statusCode, code}`. */
export function odesliError(res: Response, statusCode: number, code: string): void {
  res.status(statusCode).json({ statusCode, code });
}

function stringQuery(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function registerOdesliRoutes(router: Router, ctx: OdesliContext): void {
  const trackByOdesliVideo = new Map<string, SimTrack>();
  for (const truth of ctx.catalogue.truth.values()) {
    const track = ctx.catalogue.tracks.get(truth.trackId);
    if (truth.odesliVideoId && track && !trackByOdesliVideo.has(truth.odesliVideoId)) trackByOdesliVideo.set(truth.odesliVideoId, track);
  }

  router.get('/v1-alpha.1/links', (req: Request, res: Response) => {
    const key = stringQuery(req, 'key');
    const limits = ctx.limits();
    const wait = ctx.limiter.take(key ? `key:${key}` : `ip:${req.ip ?? 'unknown'}`, key ? limits.requestsPerMinuteWithKey : limits.requestsPerMinute);
    if (wait !== undefined) {
      res.set('Retry-After', String(wait));
      return odesliError(res, 429, 'too_many_requests');
    }

    const url = stringQuery(req, 'url');
    const platform = stringQuery(req, 'platform');
    const id = stringQuery(req, 'id');
    let input: EntityInput;
    if (url) input = parseEntityUrl(url);
    else if (platform && id) input = parseEntityParams(platform, stringQuery(req, 'type'), id);
    else return odesliError(res, 400, 'could_not_resolve_entity');
    if (input.platform === 'unsupported') return odesliError(res, 400, 'could_not_resolve_entity');
    if (input.platform === 'invalid') return odesliError(res, 400, 'could_not_fetch_entity_data');

    const track = input.platform === 'spotify' ? ctx.catalogue.tracks.get(input.id) : trackByOdesliVideo.get(input.id);
    const videoId = track ? (ctx.catalogue.truth.get(track.id)?.odesliVideoId ?? null) : null;
    if (!track || !ctx.catalogue.truth.get(track.id)?.odesliKnown) return odesliError(res, 404, 'could_not_resolve_entity');

    const country = /^[A-Z]{2}$/.test(stringQuery(req, 'userCountry') ?? '') ? stringQuery(req, 'userCountry')! : 'US';
    res.json(linksFor(track, videoId, ctx.catalogue, country, input.platform));
  });
}
