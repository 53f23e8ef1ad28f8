// Spotify accounts and Google OAuth: the hand-written RFC 6749 / RFC 7636 rule sets.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from './validate.js';

const ACCOUNTS = 'https://accounts.spotify.com';
const GOOGLE_AUTH = 'https://accounts.google.com/o/oauth2/v2/auth';
const GOOGLE_TOKEN = 'https://oauth2.googleapis.com/token';
const REDIRECT = 'http://127.0.0.1:4000/account-link/callback';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const BASIC = { ...FORM, Authorization: `Basic ${Buffer.from('simulator-spotify-client:simulator-spotify-secret').toString('base64')}` };

// RFC 7636 appendix B's verifier and its S256 challenge.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
const form = query;

const spotifyAuthorize = (params: Record<string, string>) =>
  validateRequest('spotify-accounts', { method: 'GET', url: `${ACCOUNTS}/authorize?${query(params)}` });
const spotifyToken = (params: Record<string, string>, headers: Record<string, string> = FORM) =>
  validateRequest('spotify-accounts', { method: 'POST', url: `${ACCOUNTS}/api/token`, headers, body: form(params) });

const authorizeParams = {
  client_id: 'simulatorspotifyclient',
  response_type: 'code',
  redirect_uri: REDIRECT,
  state: 'b7e4a1',
  scope: 'user-read-private user-library-read',
  code_challenge_method: 'S256',
  code_challenge: CHALLENGE,
};

describe('Spotify /authorize', () => {
  it('accepts an authorization-code request with PKCE', () => {
    expect(CHALLENGE).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'); // RFC 7636 appendix B
    expect(spotifyAuthorize(authorizeParams)).toEqual([]);
  });

  it('refuses what Spotify refuses', () => {
    expect(spotifyAuthorize({ ...authorizeParams, response_type: 'token' })).toEqual([`query parameter 'response_type' must be one of "code", got "token"`]);
    expect(spotifyAuthorize({ ...authorizeParams, code_challenge_method: 'plain' })).toEqual([
      `query parameter 'code_challenge_method' must be one of "S256", got "plain"`,
    ]);
    expect(spotifyAuthorize({ ...authorizeParams, code_challenge: 'short' })).toEqual([
      `query parameter 'code_challenge' must match pattern "^[A-Za-z0-9_-]{43}$", got "short"`,
    ]);
    const { code_challenge_method: _m, ...noMethod } = authorizeParams;
    expect(spotifyAuthorize(noMethod)).toEqual(['code_challenge without code_challenge_method=S256']);
    expect(spotifyAuthorize({ ...authorizeParams, redirect_uri: 'http://localhost:4000/cb' })).toEqual([
      'redirect_uri must be https or a loopback http address (127.0.0.1 or [::1], not localhost), got http://localhost:4000/cb',
    ]);
    expect(spotifyAuthorize({ ...authorizeParams, scope: 'user-read-private playlist-read-everything' })).toEqual([
      'unknown Spotify scope "playlist-read-everything"',
    ]);
    const { client_id: _c, ...noClient } = authorizeParams;
    expect(spotifyAuthorize(noClient)).toEqual(["missing required query parameter 'client_id'"]);
  });

  it('checks the redirect back: code or error, and the same state', () => {
    const url = `${ACCOUNTS}/authorize?${query(authorizeParams)}`;
    const redirect = (location: string) => validateResponse('spotify-accounts', { method: 'GET', url, status: 302, body: '', headers: { Location: location } });
    expect(redirect(`${REDIRECT}?code=AQBx&state=b7e4a1`)).toEqual([]);
    expect(redirect(`${REDIRECT}?error=access_denied&state=b7e4a1`)).toEqual([]);
    expect(redirect(`${REDIRECT}?code=AQBx`)).toEqual([`redirect must return the client's state "b7e4a1", got null`]);
    expect(redirect(`${REDIRECT}?error=nope&state=b7e4a1`)[0]).toMatch(/^redirect error must be one of/);
    expect(validateResponse('spotify-accounts', { method: 'GET', url, status: 302, body: '', headers: {} })).toEqual(['302 without a Location header']);
  });
});

describe('Spotify /api/token', () => {
  it('accepts the three grants', () => {
    expect(spotifyToken({ grant_type: 'authorization_code', code: 'AQBx', redirect_uri: REDIRECT, client_id: 'abc', code_verifier: VERIFIER })).toEqual([]);
    expect(spotifyToken({ grant_type: 'authorization_code', code: 'AQBx', redirect_uri: REDIRECT }, BASIC)).toEqual([]);
    expect(spotifyToken({ grant_type: 'refresh_token', refresh_token: 'AQCy' }, BASIC)).toEqual([]);
    expect(spotifyToken({ grant_type: 'refresh_token', refresh_token: 'AQCy', client_id: 'abc' })).toEqual([]);
    expect(spotifyToken({ grant_type: 'client_credentials' }, BASIC)).toEqual([]);
  });

  it('refuses a public client without its PKCE verifier', () => {
    expect(spotifyToken({ grant_type: 'authorization_code', code: 'AQBx', redirect_uri: REDIRECT, client_id: 'abc' })).toEqual([
      "missing form field 'code_verifier': a token request without client secret is a PKCE request (RFC 7636 §4.5)",
    ]);
  });

  it('checks the verifier: 43-128 unreserved characters', () => {
    const token = (code_verifier: string) =>
      spotifyToken({ grant_type: 'authorization_code', code: 'AQBx', redirect_uri: REDIRECT, client_id: 'abc', code_verifier });
    expect(token('a'.repeat(43))).toEqual([]);
    expect(token('a'.repeat(128))).toEqual([]);
    expect(token('a'.repeat(42))[0]).toMatch(/^form field 'code_verifier' must match pattern/);
    expect(token('a'.repeat(129))[0]).toMatch(/^form field 'code_verifier' must match pattern/);
    expect(token(`${'a'.repeat(42)}+`)[0]).toMatch(/^form field 'code_verifier' must match pattern/);
  });

  it('refuses malformed token requests', () => {
    expect(spotifyToken({ grant_type: 'client_credentials' }, { ...BASIC, 'Content-Type': 'application/json' })).toEqual([
      'Content-Type must be application/x-www-form-urlencoded, got "application/json"',
    ]);
    expect(spotifyToken({ grant_type: 'password', username: 'u' }, BASIC)).toEqual([
      `form field 'grant_type' must be one of authorization_code, refresh_token, client_credentials, got "password"`,
    ]);
    expect(spotifyToken({ grant_type: 'authorization_code', redirect_uri: REDIRECT }, BASIC)).toEqual(["missing required form field 'code'"]);
    expect(spotifyToken({ grant_type: 'client_credentials', scope: 'x', extra: '1' }, BASIC)).toEqual([
      "unknown form field 'scope'",
      "unknown form field 'extra'",
    ]);
    expect(spotifyToken({ grant_type: 'client_credentials', client_id: 'abc' })).toEqual(['client_credentials needs the client secret']);
    expect(spotifyToken({ grant_type: 'client_credentials', client_secret: 's' }, BASIC)).toEqual([
      'client authenticated twice (Basic header and client_secret); RFC 6749 §2.3 allows one method',
    ]);
    expect(spotifyToken({ grant_type: 'refresh_token', refresh_token: 'r' })).toEqual(['no client authentication: Basic header or client_id in the body']);
    expect(validateRequest('spotify-accounts', { method: 'GET', url: `${ACCOUNTS}/api/token?grant_type=client_credentials` })).toEqual([
      'unknown operation: GET is not defined for /api/token (defined: POST)',
    ]);
  });

  it('checks token and error answers', () => {
    const answer = (status: number, body: unknown) => validateResponse('spotify-accounts', { method: 'POST', url: `${ACCOUNTS}/api/token`, status, body });
    expect(answer(200, { access_token: 'BQDx', token_type: 'Bearer', expires_in: 3600, scope: 'user-read-private', refresh_token: 'AQCy' })).toEqual([]);
    expect(answer(200, { access_token: 'BQDx', token_type: 'bearer', expires_in: 3600 })).toEqual([]);
    expect(answer(200, { access_token: 'BQDx', token_type: 'Bearer' })).toEqual(["/ must have required property 'expires_in'"]);
    expect(answer(200, { access_token: 'BQDx', token_type: 'Bearer', expires_in: '3600' })).toEqual(['/expires_in must be integer, got string "3600"']);
    expect(answer(400, { error: 'invalid_grant', error_description: 'Invalid authorization code' })).toEqual([]);
    expect(answer(400, { error: 'bad_code' })[0]).toMatch(/^\/error must be one of "invalid_request"/);
    expect(answer(201, {})).toEqual(['token answers are 200, got 201']);
  });
});

describe('Google OAuth', () => {
  const authorize = {
    client_id: '1234-abc.apps.googleusercontent.com',
    redirect_uri: 'http://localhost:4000/account-link/callback',
    response_type: 'code',
    scope: 'https://www.googleapis.com/auth/youtube.readonly openid',
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
    state: 'x1',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
  };
  const googleAuthorize = (params: Record<string, string>) => validateRequest('google-oauth', { method: 'GET', url: `${GOOGLE_AUTH}?${query(params)}` });
  const googleToken = (params: Record<string, string>, headers: Record<string, string> = FORM) =>
    validateRequest('google-oauth', { method: 'POST', url: GOOGLE_TOKEN, headers, body: form(params) });

  it('accepts a web-server authorization request with PKCE (localhost allowed)', () => {
    expect(googleAuthorize(authorize)).toEqual([]);
  });

  it('refuses what Google refuses', () => {
    const { scope: _s, ...noScope } = authorize;
    expect(googleAuthorize(noScope)).toEqual(["missing required query parameter 'scope'"]);
    expect(googleAuthorize({ ...authorize, access_type: 'always' })[0]).toMatch(/^query parameter 'access_type' must be one of "online", "offline"/);
    expect(googleAuthorize({ ...authorize, prompt: 'login' })[0]).toMatch(/^query parameter 'prompt' must match pattern/);
    expect(googleAuthorize({ ...authorize, scope: 'youtube' })[0]).toMatch(/^query parameter 'scope' must match pattern/);
    expect(googleAuthorize({ ...authorize, code_challenge_method: 'plain' })).toEqual([
      `query parameter 'code_challenge_method' must be one of "S256", got "plain"`,
    ]);
    expect(googleAuthorize({ ...authorize, redirect_uri: 'http://example.com/cb' })[0]).toMatch(/^redirect_uri must be https or a loopback/);
  });

  it('accepts code and refresh exchanges, and wants the verifier without a secret', () => {
    const code = { grant_type: 'authorization_code', code: '4/0Ab', redirect_uri: authorize.redirect_uri, client_id: authorize.client_id };
    expect(googleToken({ ...code, client_secret: 'GOCSPX-x', code_verifier: VERIFIER })).toEqual([]);
    expect(googleToken({ ...code, code_verifier: VERIFIER })).toEqual([]);
    expect(googleToken(code)).toEqual([
      "missing form field 'code_verifier': a token request without client secret is a PKCE request (RFC 7636 §4.5)",
    ]);
    expect(googleToken({ grant_type: 'refresh_token', refresh_token: '1//0g', client_id: authorize.client_id, client_secret: 'GOCSPX-x' })).toEqual([]);
    expect(googleToken({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' })[0]).toMatch(/^form field 'grant_type' must be one of/);
  });

  it('checks revocation requests and answers (RFC 7009)', () => {
    const revoke = (url: string, body?: string) =>
      validateRequest('google-oauth', { method: 'POST', url, headers: FORM, ...(body !== undefined ? { body } : {}) });
    expect(revoke('https://oauth2.googleapis.com/revoke', 'token=1%2F%2F0g')).toEqual([]);
    expect(revoke('https://oauth2.googleapis.com/revoke?token=ya29.a0')).toEqual([]);
    expect(revoke('https://oauth2.googleapis.com/revoke', 'token_type_hint=id_token')).toEqual([
      "missing required form field 'token'",
      `form field 'token_type_hint' must be one of "access_token", "refresh_token", got "id_token"`,
    ]);
    const answer = (status: number, body: unknown) => validateResponse('google-oauth', { method: 'POST', url: 'https://oauth2.googleapis.com/revoke', status, body });
    expect(answer(200, {})).toEqual([]);
    expect(answer(400, { error: 'invalid_token', error_description: 'Token expired or revoked' })).toEqual([]);
    expect(answer(400, { error: 'expired' })[0]).toMatch(/^\/error must be one of/);
  });

  it('checks token answers', () => {
    const answer = (status: number, body: unknown, headers?: Record<string, string>) =>
      validateResponse('google-oauth', { method: 'POST', url: GOOGLE_TOKEN, status, body, ...(headers ? { headers } : {}) });
    const token = { access_token: 'ya29.a0', expires_in: 3599, refresh_token: '1//0g', scope: 'openid', token_type: 'Bearer', id_token: 'eyJ' };
    expect(answer(200, token, { 'content-type': 'application/json; charset=utf-8' })).toEqual([]);
    expect(answer(200, token, { 'content-type': 'text/html' })).toEqual(['Content-Type must be application/json, got "text/html"']);
    expect(answer(200, { ...token, token_type: 'MAC' })[0]).toMatch(/^\/token_type must match pattern/);
    expect(answer(400, { error: 'invalid_grant', error_description: 'Bad Request' })).toEqual([]);
  });
});
