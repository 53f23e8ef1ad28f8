/**
 * The accounts service (accounts.spotify.com): `POST /api/token` for the client-credentials,
 * authorization-code (PKCE S256) and refresh-token grants, and `GET /authorize`, which consents at
 * once as a simulated user (`sim_user=<id>`, default `simulator-user`; `sim_deny=1` refuses) and
 * redirects back with a code. Parameters are checked the way Spotify checks them.
 */
import express, { type Request, type Router } from 'express';
import { OAuthError, oauthErrors } from './errors.js';
import type { SpotifyOptions } from './options.js';
import { pkceChallenge, type AccessToken, type TokenStore } from './tokens.js';

export const DEFAULT_SIM_USER = 'simulator-user';

export const SCOPES = new Set([
  'ugc-image-upload', 'user-read-playback-state', 'user-modify-playback-state', 'user-read-currently-playing', 'app-remote-control', 'streaming',
  'playlist-read-private', 'playlist-read-collaborative', 'playlist-modify-private', 'playlist-modify-public', 'user-follow-modify', 'user-follow-read',
  'user-read-playback-position', 'user-top-read', 'user-read-recently-played', 'user-library-modify', 'user-library-read', 'user-read-email', 'user-read-private',
  'user-personalized',
]);

interface AccountsDeps {
  options: () => SpotifyOptions;
  tokens: TokenStore;
  /** Makes sure a simulated user exists (consenting as an unknown `sim_user` creates it). */
  ensureUser: (id: string) => void;
}

const field = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Client id and secret from HTTP Basic auth or the form body. */
function clientCredentials(req: Request): { id?: string; secret?: string } {
  const header = req.get('authorization');
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  return { id: field(req.body?.client_id), secret: field(req.body?.client_secret) };
}

function tokenAnswer(access: AccessToken, ttlSeconds: number, refreshToken?: string) {
  return {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: ttlSeconds,
    ...(access.userId ? { scope: access.scopes.join(' ') } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}

export function accountsRouter({ options, tokens, ensureUser }: AccountsDeps): Router {
  const router = express.Router();

  router.post('/api/token', express.urlencoded({ extended: false }), (req, res) => {
    const opts = options();
    const grant = field(req.body?.grant_type);
    const client = clientCredentials(req);
    if (client.id !== undefined && client.id !== opts.clientId) throw new OAuthError(400, 'invalid_client', 'Invalid client');
    res.set('Cache-Control', 'no-store');

    switch (grant) {
      case 'client_credentials': {
        if (client.id === undefined) throw new OAuthError(400, 'invalid_client', 'Invalid client');
        if (client.secret !== opts.clientSecret) throw new OAuthError(400, 'invalid_client', 'Invalid client secret');
        res.json(tokenAnswer(tokens.issueAccess('client_credentials', null, []), opts.tokenTtlSeconds));
        return;
      }
      case 'authorization_code': {
        const code = field(req.body?.code);
        const redirectUri = field(req.body?.redirect_uri);
        const verifier = field(req.body?.code_verifier);
        if (!code) throw new OAuthError(400, 'invalid_request', 'code must be supplied');
        if (!redirectUri) throw new OAuthError(400, 'invalid_request', 'redirect_uri must be supplied');
        if (client.id === undefined) throw new OAuthError(400, 'invalid_client', 'Invalid client');
        if (!verifier) throw new OAuthError(400, 'invalid_request', 'code_verifier required');
        const grantCode = tokens.takeCode(code);
        if (grantCode === undefined) throw new OAuthError(400, 'invalid_grant', 'Invalid authorization code');
        if (grantCode === 'expired') throw new OAuthError(400, 'invalid_grant', 'Authorization code expired');
        if (grantCode.clientId !== client.id) throw new OAuthError(400, 'invalid_grant', 'Invalid authorization code');
        if (grantCode.redirectUri !== redirectUri) throw new OAuthError(400, 'invalid_grant', 'Invalid redirect URI');
        if (pkceChallenge(verifier) !== grantCode.codeChallenge) throw new OAuthError(400, 'invalid_grant', 'code_verifier was incorrect');
        const access = tokens.issueAccess('authorization_code', grantCode.userId, grantCode.scopes);
        res.json(tokenAnswer(access, opts.tokenTtlSeconds, tokens.issueRefresh(grantCode.userId, grantCode.scopes, client.id)));
        return;
      }
      case 'refresh_token': {
        const refreshToken = field(req.body?.refresh_token);
        if (!refreshToken) throw new OAuthError(400, 'invalid_request', 'refresh_token must be supplied');
        if (client.id === undefined) throw new OAuthError(400, 'invalid_client', 'Invalid client');
        const found = tokens.refreshGrant(refreshToken);
        if (!found || found.clientId !== client.id) throw new OAuthError(400, 'invalid_grant', 'Invalid refresh token');
        const access = tokens.issueAccess('refresh_token', found.userId, found.scopes);
        res.json(tokenAnswer(access, opts.tokenTtlSeconds, tokens.issueRefresh(found.userId, found.scopes, client.id)));
        return;
      }
      case undefined:
        throw new OAuthError(400, 'unsupported_grant_type', 'grant_type parameter is missing');
      default:
        throw new OAuthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials, authorization_code or refresh_token');
    }
  });

  router.get('/authorize', (req, res) => {
    const q = (name: string): string | undefined => field(req.query[name]);
    const clientId = q('client_id');
    const redirectUri = q('redirect_uri');
    if (!clientId || clientId !== options().clientId) throw new OAuthError(400, 'invalid_client', 'Invalid client');
    if (!redirectUri || !/^https?:\/\/[^\s]+$/.test(redirectUri) || !URL.canParse(redirectUri)) throw new OAuthError(400, 'invalid_client', 'Invalid redirect URI');
    if (q('response_type') !== 'code') throw new OAuthError(400, 'unsupported_response_type', 'response_type must be code');
    const challenge = q('code_challenge');
    if (!challenge) throw new OAuthError(400, 'invalid_request', 'code_challenge required');
    if (q('code_challenge_method') !== 'S256') throw new OAuthError(400, 'invalid_request', 'code_challenge_method must be S256');
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) throw new OAuthError(400, 'invalid_request', 'Invalid code_challenge');
    const scopes = (q('scope') ?? '').split(/[\s+]+/).filter((s) => s !== '');
    const unknown = scopes.find((s) => !SCOPES.has(s));
    if (unknown) throw new OAuthError(400, 'invalid_scope', `Invalid scope: ${unknown}`);

    const back = new URL(redirectUri);
    const state = q('state');
    if (q('sim_deny') === '1') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const userId = q('sim_user') || DEFAULT_SIM_USER;
      ensureUser(userId);
      back.searchParams.set('code', tokens.createCode({ userId, clientId, redirectUri, codeChallenge: challenge, scopes }));
    }
    if (state !== undefined) back.searchParams.set('state', state);
    res.redirect(302, back.toString());
  });

  router.use(oauthErrors);
  return router;
}
