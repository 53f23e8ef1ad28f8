/**
 * The accounts service: the three grants, PKCE and authorization-code rules, /authorize parameter
 * checks, and access-token expiry as the Web API sees it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID } from './options.js';
import { BASIC, bearer, pkce, REDIRECT_URI, startSpotify, type SpotifyUnderTest } from './testing.js';

let spotify: SpotifyUnderTest;
beforeAll(async () => {
  spotify = await startSpotify(15110);
});
afterAll(async () => {
  await spotify.stop();
});
beforeEach(() => {
  spotify.server.reset();
});

const authorizeQuery = (overrides: Record<string, string | undefined> = {}) => {
  const { challenge } = pkce();
  const params: Record<string, string | undefined> = { client_id: DEFAULT_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, state: 'st', scope: 'user-library-read', code_challenge_method: 'S256', code_challenge: challenge, ...overrides };
  return `/authorize?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined))}`;
};

async function codeFor(challenge: string, user?: string): Promise<string> {
  const consent = await spotify.call(authorizeQuery({ code_challenge: challenge, sim_user: user }));
  expect(consent.status).toBe(302);
  return new URL(consent.headers.get('location')!).searchParams.get('code')!;
}

describe('client credentials', () => {
  it('issues a bearer token to the configured client, by Basic auth or in the body', async () => {
    const byHeader = await spotify.form('/api/token', { grant_type: 'client_credentials' }, { authorization: BASIC });
    expect(byHeader.status).toBe(200);
    expect(byHeader.body).toEqual({ access_token: expect.stringMatching(/^BQ[\w-]{100,}$/), token_type: 'Bearer', expires_in: 3600 });
    const inBody = await spotify.form('/api/token', { grant_type: 'client_credentials', client_id: 'simulator-spotify-client', client_secret: 'simulator-spotify-secret' });
    expect(inBody.status).toBe(200);
    expect((await spotify.call(`/v1/tracks/${[...spotify.catalogue.tracks.keys()][0]}`, bearer(inBody.body.access_token))).status).toBe(200);
    expect(spotify.server.stats().provider.tokensIssued).toEqual({ client_credentials: 2, authorization_code: 0, refresh_token: 0 });
  });

  it('refuses other clients, wrong secrets and missing grant types', async () => {
    expect((await spotify.form('/api/token', { grant_type: 'client_credentials', client_id: 'other', client_secret: 'x' })).body).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
    const wrongSecret = await spotify.form('/api/token', { grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from('simulator-spotify-client:nope').toString('base64')}` });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error).toBe('invalid_client');
    const noGrant = await spotify.form('/api/token', {}, { authorization: BASIC });
    expect(noGrant.status).toBe(400);
    expect(noGrant.body.error).toBe('unsupported_grant_type');
  });

  it('accepts a configured client and token lifetime', async () => {
    spotify.server.configure({ spotify: { clientId: 'c2', clientSecret: 's2', tokenTtlSeconds: 60 } });
    const answer = await spotify.form('/api/token', { grant_type: 'client_credentials', client_id: 'c2', client_secret: 's2' });
    expect(answer.body.expires_in).toBe(60);
    expect((await spotify.form('/api/token', { grant_type: 'client_credentials' }, { authorization: BASIC })).status).toBe(400);
  });
});

describe('authorization code with PKCE', () => {
  it('consents as the simulated user, redirects with code and state, and exchanges the code once', async () => {
    const { verifier, challenge } = pkce();
    const consent = await spotify.call(authorizeQuery({ code_challenge: challenge, sim_user: 'listener-1' }));
    expect(consent.status).toBe(302);
    const location = new URL(consent.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('st');
    const code = location.searchParams.get('code')!;
    const exchange = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: DEFAULT_CLIENT_ID, code_verifier: verifier };
    const granted = await spotify.form('/api/token', exchange);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'user-library-read', refresh_token: expect.stringMatching(/^AQ/) });
    const me = await spotify.call('/v1/me', bearer(granted.body.access_token));
    expect(me.body.id).toBe('listener-1');
    const again = await spotify.form('/api/token', exchange);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('refuses a wrong verifier, another redirect URI, and a code older than ten minutes', async () => {
    const { challenge } = pkce();
    const wrongVerifier = await spotify.form('/api/token', { grant_type: 'authorization_code', code: await codeFor(challenge), redirect_uri: REDIRECT_URI, client_id: DEFAULT_CLIENT_ID, code_verifier: pkce().verifier });
    expect(wrongVerifier.body).toEqual({ error: 'invalid_grant', error_description: 'code_verifier was incorrect' });

    const right = pkce();
    const otherRedirect = await spotify.form('/api/token', { grant_type: 'authorization_code', code: await codeFor(right.challenge), redirect_uri: 'http://127.0.0.1:4000/elsewhere', client_id: DEFAULT_CLIENT_ID, code_verifier: right.verifier });
    expect(otherRedirect.status).toBe(400);
    expect(otherRedirect.body.error).toBe('invalid_grant');

    const late = pkce();
    const code = await codeFor(late.challenge);
    spotify.server.advanceClock(10 * 60 * 1000 + 1);
    const expired = await spotify.form('/api/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: DEFAULT_CLIENT_ID, code_verifier: late.verifier });
    expect(expired.body.error).toBe('invalid_grant');
  });

  it('refreshes a user token, keeping the user and scopes', async () => {
    const { verifier, challenge } = pkce();
    const granted = (await spotify.form('/api/token', { grant_type: 'authorization_code', code: await codeFor(challenge, 'listener-2'), redirect_uri: REDIRECT_URI, client_id: DEFAULT_CLIENT_ID, code_verifier: verifier })).body;
    const refreshed = await spotify.form('/api/token', { grant_type: 'refresh_token', refresh_token: granted.refresh_token, client_id: DEFAULT_CLIENT_ID });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.scope).toBe('user-library-read');
    expect(refreshed.body.access_token).not.toBe(granted.access_token);
    expect((await spotify.call('/v1/me', bearer(refreshed.body.access_token))).body.id).toBe('listener-2');
    expect((await spotify.form('/api/token', { grant_type: 'refresh_token', refresh_token: 'AQnope', client_id: DEFAULT_CLIENT_ID })).body.error).toBe('invalid_grant');
    expect(spotify.server.stats().provider.tokensIssued).toEqual({ client_credentials: 0, authorization_code: 1, refresh_token: 1 });
  });

  it('checks /authorize parameters like Spotify', async () => {
    const answer = async (overrides: Record<string, string | undefined>) => (await spotify.call(authorizeQuery(overrides))).status;
    expect(await answer({ client_id: undefined })).toBe(400);
    expect(await answer({ client_id: 'unknown-client' })).toBe(400);
    expect(await answer({ response_type: 'token' })).toBe(400);
    expect(await answer({ code_challenge: undefined })).toBe(400);
    expect(await answer({ code_challenge_method: 'plain' })).toBe(400);
    expect(await answer({ redirect_uri: 'not a url' })).toBe(400);
    expect(await answer({ scope: 'user-library-read made-up-scope' })).toBe(400);
    const denied = await spotify.call(authorizeQuery({ sim_deny: '1' }));
    expect(denied.status).toBe(302);
    const back = new URL(denied.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st');
    expect(back.searchParams.has('code')).toBe(false);
  });
});

describe('access-token expiry', () => {
  it('answers 401 "The access token expired" after expires_in, and "Invalid access token" for unknown tokens', async () => {
    const trackPath = `/v1/tracks/${[...spotify.catalogue.tracks.keys()][1]}`;
    const token = await spotify.appToken();
    expect((await spotify.call(trackPath, bearer(token))).status).toBe(200);
    spotify.server.advanceClock(3600 * 1000);
    const expired = await spotify.call(trackPath, bearer(token));
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: { status: 401, message: 'The access token expired' } });
    expect((await spotify.call(trackPath, bearer('BQmadeup'))).body).toEqual({ error: { status: 401, message: 'Invalid access token' } });
    expect((await spotify.call(trackPath)).body).toEqual({ error: { status: 401, message: 'No token provided' } });
  });

  it('expires every issued token at once through the control route', async () => {
    const tokens = [await spotify.appToken(), (await spotify.userToken()).access_token];
    const expired = await spotify.call('/_simulator/spotify/expire-tokens', { method: 'POST' });
    expect(expired.body).toEqual({ expired: 2 });
    for (const token of tokens) expect((await spotify.call('/v1/me', bearer(token))).body.error.message).toBe('The access token expired');
    expect(spotify.server.stats().provider.activeAccessTokens).toBe(0);
    expect((await spotify.call('/v1/me', bearer(await spotify.appToken()))).status).toBe(401); // an app token has no user
  });
});
