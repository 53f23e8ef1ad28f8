/**
 * Google's OAuth 2.0 endpoints on the YouTube simulator's server, at the paths Google serves them
 * (accounts.google.com/o/oauth2/v2/auth, oauth2.googleapis.com/token and /revoke,
 * www.googleapis.com/oauth2/v3/certs and /userinfo). The consent screen consents at once as the
 * simulated user (or refuses with `sim_deny=1`); the token endpoint checks the client, the
 * redirect URI and PKCE, and answers Google's error bodies (`invalid_grant`, `invalid_client`...).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { GoogleUser } from '../google-user.js';
import type { IdTokenSigner } from './id-token.js';
import type { GoogleTokenStore } from './token-store.js';

export interface OAuthClient {
  id: string;
  secret: string;
}

export interface GoogleOAuthContext {
  tokens: GoogleTokenStore;
  idTokens: IdTokenSigner;
  user: () => GoogleUser;
  clients: () => OAuthClient[];
}

class OAuthFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';
const OPENID_SCOPES = ['openid', 'email', 'profile'];

// Google accepts the short OpenID names and full auth URLs; the short names are written back in full.
function normaliseScope(scope: string): string | undefined {
  if (OPENID_SCOPES.includes(scope)) return scope;
  if (scope === `${SCOPE_PREFIX}userinfo.email`) return 'email';
  if (scope === `${SCOPE_PREFIX}userinfo.profile`) return 'profile';
  if (scope.startsWith(SCOPE_PREFIX) && /^[a-z0-9._-]+$/.test(scope.slice(SCOPE_PREFIX.length))) return scope;
  return undefined;
}

function scopeForResponse(scopes: string[]): string {
  const full: Record<string, string> = { email: `${SCOPE_PREFIX}userinfo.email`, profile: `${SCOPE_PREFIX}userinfo.profile` };
  return scopes.map((s) => full[s] ?? s).join(' ');
}

function errorPage(res: Response, status: number, error: string, detail: string): void {
  const title = `Error ${status}: ${error}`;
  res.status(status).type('html').send(`<!doctype html><title>${title}</title><h1>Access blocked: authorisation error</h1><p>${detail}</p><p>${title}</p>`);
}

function redirectWith(res: Response, redirectUri: string, params: Record<string, string | undefined>): void {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) target.searchParams.set(name, value);
  res.redirect(302, target.toString());
}

function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerGoogleOAuthRoutes(router: Router, ctx: GoogleOAuthContext): void {
  router.get('/o/oauth2/v2/auth', (req: Request, res: Response) => {
    const q = (name: string) => field(req.query, name);
    const clientId = q('client_id');
    if (!clientId) return errorPage(res, 400, 'invalid_request', 'Missing required parameter: client_id');
    if (!ctx.clients().some((c) => c.id === clientId)) return errorPage(res, 401, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = q('redirect_uri');
    if (!redirectUri) return errorPage(res, 400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (!URL.canParse(redirectUri) || !/^https?:$/.test(new URL(redirectUri).protocol)) {
      return errorPage(res, 400, 'redirect_uri_mismatch', `Invalid redirect_uri: ${redirectUri}`);
    }
    // From here on the redirect URI is trusted, so errors go back to the client as Google sends them.
    const state = q('state');
    const fail = (error: string, description?: string) => redirectWith(res, redirectUri, { error, error_description: description, state });
    if (q('response_type') !== 'code') return fail('unsupported_response_type', `Invalid response_type: ${q('response_type') ?? ''}`);
    const requested = (q('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    if (requested.length === 0) return fail('invalid_request', 'Missing required parameter: scope');
    const scopes = requested.map(normaliseScope);
    if (scopes.some((s) => s === undefined)) return fail('invalid_scope', 'Some requested scopes were invalid.');
    const challenge = q('code_challenge');
    const method = q('code_challenge_method') ?? (challenge ? 'plain' : undefined);
    if (method && method !== 'S256' && method !== 'plain') return fail('invalid_request', 'Invalid code_challenge_method.');
    if (method && !challenge) return fail('invalid_request', 'Missing code_challenge.');
    if (q('sim_deny') === '1') return fail('access_denied');
    const granted = [...new Set(scopes as string[])];
    const code = ctx.tokens.issueCode({
      clientId,
      scopes: granted,
      userSub: ctx.user().sub,
      redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: method as 'S256' | 'plain' | undefined,
      offline: q('access_type') === 'offline',
      forcedConsent: (q('prompt') ?? '').split(' ').includes('consent'),
      nonce: q('nonce'),
    });
    redirectWith(res, redirectUri, { state, code, scope: scopeForResponse(granted), authuser: '0', prompt: 'consent' });
  });

  const forms = [express.urlencoded({ extended: false }), express.json()];

  router.post('/token', ...forms, (req: Request, res: Response) => {
    res.set({ 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' });
    try {
      const client = authenticateClient(req, ctx);
      const grantType = field(req.body, 'grant_type');
      if (grantType === 'authorization_code') return res.json(exchangeCode(req, client, ctx));
      if (grantType === 'refresh_token') return res.json(refresh(req, client, ctx));
      if (!grantType) throw new OAuthFailure(400, 'unsupported_grant_type', 'Invalid grant_type: ');
      throw new OAuthFailure(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    } catch (error) {
      if (!(error instanceof OAuthFailure)) throw error;
      res.status(error.status).json({ error: error.error, error_description: error.description });
    }
  });

  router.post('/revoke', ...forms, (req: Request, res: Response) => {
    const token = field(req.body, 'token') ?? field(req.query, 'token');
    if (token && ctx.tokens.revoke(token)) return res.json({});
    res.status(400).json({ error: 'invalid_token', error_description: 'Token expired or revoked' });
  });

  router.get('/oauth2/v3/certs', (_req: Request, res: Response) => {
    res.json(ctx.idTokens.jwks());
  });

  router.get('/oauth2/v3/userinfo', (req: Request, res: Response) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? field(req.query, 'access_token');
    const token = bearer ? ctx.tokens.findAccessToken(bearer) : undefined;
    if (!token) return res.status(401).json({ error: 'invalid_request', error_description: 'Invalid Credentials' });
    const user = ctx.user();
    res.json({
      sub: user.sub,
      ...(token.scopes.includes('profile')
        ? { name: user.name, given_name: user.givenName, family_name: user.familyName, picture: user.picture }
        : {}),
      ...(token.scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
    });
  });
}

/** The client, from HTTP Basic or the body's client_id / client_secret. */
function authenticateClient(req: Request, ctx: GoogleOAuthContext): OAuthClient {
  let id = field(req.body, 'client_id');
  let secret = field(req.body, 'client_secret');
  const basic = /^Basic\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString();
    const colon = decoded.indexOf(':');
    id = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  if (!id) throw new OAuthFailure(400, 'invalid_request', 'Could not determine client ID from request.');
  const client = ctx.clients().find((c) => c.id === id);
  if (!client) throw new OAuthFailure(401, 'invalid_client', 'The OAuth client was not found.');
  if (!secret || !sameSecret(secret, client.secret)) throw new OAuthFailure(401, 'invalid_client', 'Unauthorized');
  return client;
}

function exchangeCode(req: Request, client: OAuthClient, ctx: GoogleOAuthContext): Record<string, unknown> {
  const value = field(req.body, 'code');
  if (!value) throw new OAuthFailure(400, 'invalid_request', 'Missing required parameter: code');
  const code = ctx.tokens.takeCode(value);
  if (!code || code.clientId !== client.id) throw new OAuthFailure(400, 'invalid_grant', 'Bad Request');
  if (field(req.body, 'redirect_uri') !== code.redirectUri) throw new OAuthFailure(400, 'redirect_uri_mismatch', 'Bad Request');
  const verifier = field(req.body, 'code_verifier');
  if (code.codeChallenge) {
    if (!verifier) throw new OAuthFailure(400, 'invalid_grant', 'Missing code verifier.');
    const derived = code.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
    if (!sameSecret(derived, code.codeChallenge)) throw new OAuthFailure(400, 'invalid_grant', 'Invalid code verifier.');
  } else if (verifier) {
    throw new OAuthFailure(400, 'invalid_request', 'code_verifier or verifier is not needed.');
  }
  const refreshToken = ctx.tokens.maybeIssueRefreshToken(code);
  const access = ctx.tokens.issueAccessToken(code, refreshToken);
  return tokenResponse(access.token, ctx, code.scopes, client.id, code.nonce, refreshToken);
}

function refresh(req: Request, client: OAuthClient, ctx: GoogleOAuthContext): Record<string, unknown> {
  const value = field(req.body, 'refresh_token');
  if (!value) throw new OAuthFailure(400, 'invalid_request', 'Missing required parameter: refresh_token');
  const grant = ctx.tokens.findRefreshToken(value);
  if (!grant || grant.clientId !== client.id) throw new OAuthFailure(400, 'invalid_grant', 'Token has been expired or revoked.');
  const access = ctx.tokens.issueAccessToken(grant, value);
  return tokenResponse(access.token, ctx, grant.scopes, client.id);
}

function tokenResponse(
  accessToken: string,
  ctx: GoogleOAuthContext,
  scopes: string[],
  clientId: string,
  nonce?: string,
  refreshToken?: string,
): Record<string, unknown> {
  return {
    access_token: accessToken,
    expires_in: ctx.tokens.accessTokenTtlSeconds,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    scope: scopeForResponse(scopes),
    token_type: 'Bearer',
    ...(scopes.includes('openid') ? { id_token: ctx.idTokens.sign(ctx.user(), clientId, scopes, accessToken, nonce) } : {}),
  };
}
