/**
 * The YouTube simulator's own control routes, under /_simulator/youtube/: read or set the quota
 * day (`POST /quota {unitsUsed?, searchCallsUsed?, unitsLimit?, searchLimit?}`), expire every
 * access token issued so far (`POST /expire-tokens`), and see who the simulated Google user is
 * (`GET /user`), for tests that need its channel or playlist ids.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { GoogleUser } from './google-user.js';
import type { GoogleTokenStore } from './oauth/token-store.js';
import type { QuotaLedger } from './quota.js';

const QUOTA_FIELDS = ['unitsUsed', 'searchCallsUsed', 'unitsLimit', 'searchLimit'] as const;

export function youtubeControlRouter(quota: QuotaLedger, tokens: GoogleTokenStore, user: () => GoogleUser): Router {
  const router = express.Router();
  router.use(express.json());

  router.get('/quota', (_req: Request, res: Response) => {
    res.json(quota.snapshot());
  });

  router.post('/quota', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: Partial<Record<(typeof QUOTA_FIELDS)[number], number>> = {};
    for (const name of Object.keys(body)) {
      if (!(QUOTA_FIELDS as readonly string[]).includes(name)) {
        res.status(400).json({ error: `unknown field ${name}; expected ${QUOTA_FIELDS.join(', ')}` });
        return;
      }
      const value = body[name];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        res.status(400).json({ error: `${name} must be an integer ≥ 0` });
        return;
      }
      values[name as (typeof QUOTA_FIELDS)[number]] = value;
    }
    quota.set(values);
    res.json(quota.snapshot());
  });

  router.post('/expire-tokens', (_req: Request, res: Response) => {
    res.json({ expired: tokens.expireAccessTokens() });
  });

  router.get('/user', (_req: Request, res: Response) => {
    const { sub, email, name, channel, playlists } = user();
    res.json({
      sub,
      email,
      name,
      channelId: channel.id,
      playlists: playlists.map(({ id, title, privacyStatus, videoIds }) => ({ id, title, privacyStatus, videoIds })),
    });
  });

  return router;
}
