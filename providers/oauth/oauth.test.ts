/**
 * The OAuth module against a scripted local HTTP server standing in for Spotify's and Google's
 * endpoints: what we send (PKCE, client authentication, form fields) and how each kind of answer
 * is understood. The full flow against the simulators is in test/e2e/account-linking.test.ts.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedAnswer } from './scripted-server.js';

const server = await startScriptedServer();
const base = server.url;
const { seen } = server;
const answer = (reply: () => ScriptedAnswer) => server.answer(reply);

// config() is read once, on first use: the environment must be in place before then.
Object.assign(process.env, {
  SPOTIFY_CLIENT_ID: 'spotify-client',
  SPOTIFY_CLIENT_SECRET: 'spotify-secret',
  SPOTIFY_ACCOUNTS_URL: `${base}/spotify-accounts`,
  SPOTIFY_API_URL: `${base}/v1`,
  GOOGLE_CLIENT_ID: 'google-client',
  GOOGLE_CLIENT_SECRET: 'google-secret',
  GOOGLE_AUTHORIZE_URL: `${base}/o/oauth2/v2/auth`,
  GOOGLE_TOKEN_URL: `${base}/token`,
  YOUTUBE_API_URL: `${base}/youtube/v3`,
  PROVIDER_TIMEOUT_MS: '300',
  // This file is about what answers mean; retries and the breaker are tested in providers/providers.test.ts.
  PROVIDER_MAX_RETRIES: '0',
  PROVIDER_BREAKER_FAILURES: '1000',
  LOG_LEVEL: 'silent',
});
const { InvalidGrantError, authorizeUrl, codeChallengeOf, createPkcePair, exchangeCode, fetchExternalAccount, refreshAccessToken } = await import(
  './index.js'
);

afterAll(() => server.close());
beforeEach(() => {
  seen.length = 0;
});

const tokens = (extra: Record<string, unknown> = {}) => ({
  status: 200,
  body: { access_token: 'access-1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'refresh-1', scope: 'a b', ...extra },
});
const exchange = (provider: 'spotify' | 'google' = 'spotify') =>
  exchangeCode(provider, { code: 'the-code', codeVerifier: 'the-verifier', redirectUri: 'http://app.example/callback' });
const extensionsOf = (error: unknown) => (error as { extensions?: Record<string, unknown> }).extensions;

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh 43-character base64url verifier each time', () => {
    const pairs = Array.from({ length: 20 }, () => createPkcePair());
    for (const { codeVerifier, codeChallenge } of pairs) {
      expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(codeChallenge).toBe(codeChallengeOf(codeVerifier));
    }
    expect(new Set(pairs.map((p) => p.codeVerifier)).size).toBe(20);
  });
});

describe('authorize URL', () => {
  const params = { state: 'the-state', codeChallenge: 'the-challenge', redirectUri: 'http://app.example/callback' };

  it('asks Spotify for a code with PKCE and read-only library scopes', () => {
    const url = new URL(authorizeUrl('spotify', params));
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/spotify-accounts/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'spotify-client',
      response_type: 'code',
      redirect_uri: 'http://app.example/callback',
      state: 'the-state',
      scope: 'user-read-private user-read-email playlist-read-private playlist-read-collaborative user-library-read',
      code_challenge_method: 'S256',
      code_challenge: 'the-challenge',
    });
  });

  it('asks Google for offline access with consent, YouTube read-only and PKCE', () => {
    const url = new URL(authorizeUrl('google', { ...params, scopes: ['https://www.googleapis.com/auth/youtube.readonly'] }));
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'google-client',
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/youtube.readonly',
      code_challenge_method: 'S256',
      code_challenge: 'the-challenge',
      access_type: 'offline',
      prompt: 'consent',
      state: 'the-state',
    });
  });
});

describe('code exchange', () => {
  it('authenticates to Spotify with HTTP Basic and sends the code, verifier and redirect URI', async () => {
    answer(() => tokens());
    const before = Date.now();
    const result = await exchange('spotify');
    expect(result).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', scopes: ['a', 'b'] });
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
    expect(result.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000);

    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', path: '/spotify-accounts/api/token' });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('spotify-client:spotify-secret').toString('base64')}`);
    expect(request?.form).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'http://app.example/callback',
      code_verifier: 'the-verifier',
    });
  });

  it('sends Google its client credentials in the form', async () => {
    answer(() => tokens());
    await exchange('google');
    const [request] = seen;
    expect(request?.path).toBe('/token');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.form).toMatchObject({ grant_type: 'authorization_code', client_id: 'google-client', client_secret: 'google-secret' });
  });

  it('turns invalid_grant into BAD_USER_INPUT on the code', async () => {
    answer(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid authorization code' } }));
    const error = await exchange().catch((e: unknown) => e);
    expect(extensionsOf(error)).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
    expect((error as Error).message).toBe('The authorization code is invalid or expired');
  });

  it.each([
    ['a body without an access token', { status: 200, body: { token_type: 'Bearer', expires_in: 3600, refresh_token: 'r' } }],
    ['a non-bearer token', tokens({ token_type: 'mac' })],
    ['no expiry', tokens({ expires_in: undefined })],
    ['no refresh token', tokens({ refresh_token: undefined })],
    ['HTML', { status: 200, body: '<html>oops</html>' }],
  ])('refuses %s as MALFORMED_RESPONSE', async (_case, reply) => {
    answer(() => reply);
    const error = await exchange().catch((e: unknown) => e);
    expect(extensionsOf(error)).toEqual({ code: 'PROVIDER_UNAVAILABLE', provider: 'spotify', reason: 'MALFORMED_RESPONSE' });
  });

  it.each([
    ['a server error', { status: 503 }, { reason: 'SERVER_ERROR' }],
    ['a rate limit', { status: 429, headers: { 'retry-after': '7' } }, { reason: 'RATE_LIMITED', retryAfterSeconds: 7 }],
    ['a rejected client', { status: 401, body: { error: 'invalid_client' } }, { reason: 'REJECTED' }],
    ['a slow answer', { ...tokens(), delayMs: 1000 }, { reason: 'TIMEOUT' }],
  ])('reports %s as PROVIDER_UNAVAILABLE', async (_case, reply, extensions) => {
    answer(() => reply);
    const error = await exchange('google').catch((e: unknown) => e);
    expect(extensionsOf(error)).toEqual({ code: 'PROVIDER_UNAVAILABLE', provider: 'google', ...extensions });
  });

  it('reports a dropped connection as NETWORK_ERROR', async () => {
    answer(() => ({ status: 0, hangUp: true }));
    const error = await exchange('google').catch((e: unknown) => e);
    expect(extensionsOf(error)).toEqual({ code: 'PROVIDER_UNAVAILABLE', provider: 'google', reason: 'NETWORK_ERROR' });
  });
});

describe('refresh', () => {
  it('sends the refresh token and keeps the old one when none is returned', async () => {
    answer(() => tokens({ refresh_token: undefined, scope: undefined, access_token: 'access-2' }));
    const result = await refreshAccessToken('spotify', 'refresh-1');
    expect(result).toMatchObject({ accessToken: 'access-2', refreshToken: undefined, scopes: undefined });
    expect(seen[0]?.form).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1' });
  });

  it('returns a rotated refresh token', async () => {
    answer(() => tokens({ refresh_token: 'refresh-2' }));
    expect((await refreshAccessToken('google', 'refresh-1')).refreshToken).toBe('refresh-2');
  });

  it('throws InvalidGrantError for a revoked refresh token', async () => {
    answer(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token revoked' } }));
    await expect(refreshAccessToken('spotify', 'refresh-1')).rejects.toBeInstanceOf(InvalidGrantError);
  });
});

describe('external account', () => {
  it('reads the Spotify user with the bearer token', async () => {
    answer(() => ({ status: 200, body: { id: 'sim-user-1', display_name: 'Ada', country: 'GB' } }));
    expect(await fetchExternalAccount('spotify', 'access-1')).toEqual({ externalId: 'sim-user-1', displayName: 'Ada' });
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v1/me' });
    expect(seen[0]?.headers.authorization).toBe('Bearer access-1');
  });

  it("reads the Google account's YouTube channel", async () => {
    answer(() => ({ status: 200, body: { items: [{ id: 'UC123', snippet: { title: 'Ada Music' } }] } }));
    expect(await fetchExternalAccount('google', 'access-1')).toEqual({ externalId: 'UC123', displayName: 'Ada Music' });
    expect(seen[0]?.path).toBe('/youtube/v3/channels?part=snippet&mine=true');
  });

  it('refuses a Google account without a channel', async () => {
    answer(() => ({ status: 200, body: { pageInfo: { totalResults: 0 } } }));
    const error = await fetchExternalAccount('google', 'access-1').catch((e: unknown) => e);
    expect(extensionsOf(error)).toEqual({ code: 'BAD_USER_INPUT', reason: 'NO_YOUTUBE_CHANNEL' });
  });

  it('refuses a profile without an id as MALFORMED_RESPONSE', async () => {
    answer(() => ({ status: 200, body: { display_name: 'Ada' } }));
    const error = await fetchExternalAccount('spotify', 'access-1').catch((e: unknown) => e);
    expect(extensionsOf(error)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', reason: 'MALFORMED_RESPONSE' });
  });
});
