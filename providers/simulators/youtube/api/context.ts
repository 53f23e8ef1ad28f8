/**
 * What the Data API routes share: the indexed world, the quota ledger, the OAuth token store, the
 * simulated user and the accepted API keys; and `dataApiRoute`, which runs one call the way Google's
 * front end does: authenticate (API key, or a bearer token with a YouTube scope), refuse with
 * quotaExceeded when the bucket is spent (free), charge the call, then answer or throw a
 * GoogleApiError that is written in Google's shape.
 */
import type { Request, RequestHandler, Response } from 'express';
import { GoogleApiError, sendGoogleError, youtubeErrors } from '../errors.js';
import type { GoogleUser } from '../google-user.js';
import type { AccessToken, GoogleTokenStore } from '../oauth/token-store.js';
import type { QuotaLedger, YouTubeMethod } from '../quota.js';
import type { SearchEngine } from '../search-engine.js';
import type { YouTubeWorld } from '../world.js';

export interface DataApiContext {
  world: YouTubeWorld;
  quota: QuotaLedger;
  tokens: GoogleTokenStore;
  search: SearchEngine;
  user: () => GoogleUser;
  apiKeys: () => Set<string>;
}

/** Who is calling: a project through its API key, or the simulated user through an OAuth token. */
export type Caller = { kind: 'key' } | { kind: 'user'; token: AccessToken };

const YOUTUBE_SCOPES = ['youtube', 'youtube.readonly', 'youtube.force-ssl', 'youtubepartner'].map(
  (s) => `https://www.googleapis.com/auth/${s}`,
);

export function authenticate(req: Request, ctx: DataApiContext): Caller {
  const header = req.get('authorization');
  const queryToken = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
  if (header !== undefined || queryToken !== undefined) {
    const bearer = header !== undefined ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : queryToken;
    const token = bearer ? ctx.tokens.findAccessToken(bearer) : undefined;
    if (!token) throw youtubeErrors.invalidCredentials();
    if (!token.scopes.some((s) => YOUTUBE_SCOPES.includes(s))) throw youtubeErrors.insufficientScopes();
    return { kind: 'user', token };
  }
  const key = req.query.key;
  if (key === undefined) throw youtubeErrors.missingKey();
  if (typeof key !== 'string' || !ctx.apiKeys().has(key)) throw youtubeErrors.invalidKey();
  return { kind: 'key' };
}

/** Requires the simulated user's token (the `mine` filters): "Login Required" otherwise. */
export function requireUser(caller: Caller): AccessToken {
  if (caller.kind !== 'user') throw youtubeErrors.loginRequired();
  return caller.token;
}

export function dataApiRoute(
  ctx: DataApiContext,
  method: YouTubeMethod,
  answer: (req: Request, caller: Caller) => Record<string, unknown>,
): RequestHandler {
  return (req: Request, res: Response) => {
    try {
      const caller = authenticate(req, ctx);
      if (!ctx.quota.charge(method)) throw youtubeErrors.quotaExceeded();
      res.json(answer(req, caller));
    } catch (error) {
      if (!(error instanceof GoogleApiError)) throw error;
      sendGoogleError(res, error);
    }
  };
}
