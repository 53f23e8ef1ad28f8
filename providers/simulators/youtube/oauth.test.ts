// Google OAuth on the YouTube simulator over HTTP: consent redirect, code exchange with PKCE,
// single-use codes, refresh tokens, id tokens, expiry, and the Data API's `mine` filters with a
// bearer token.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../catalogue/generate.js';
import { discoveryValidators } from './discovery-schema.js';
import { youtubeSimulator } from './index.js';
import { startSimulator, type RunningSimulator } from './test-support.js';

const CLIENT = { client_id: 'simulator-google-client', client_secret: 'simulator-google-secret' };
const REDIRECT = 'http://127.0.0.1:4000/account-link/callback';
const SCOPES = 'openid email https://www.googleapis.com/auth/youtube.readonly';
let sim: RunningSimulator;
const schema = discoveryValidators();

beforeAll(async () => {
  sim = await startSimulator(youtubeSimulator, generateCatalogue({ seed: 1, tracks: 500, artists: 50 }), 15204);
});
afterAll(() => sim.close());
beforeEach(() => sim.module.reset!());

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(params: Record<string, string> = {}): Promise<URL> {
  const query = new URLSearchParams({
    client_id: CLIENT.client_id,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: SCOPES,
    state: 'xyz',
    access_type: 'offline',
    ...params,
  });
  const { status, headers } = await sim.get(`/o/oauth2/v2/auth?${query.toString()}`);
  expect(status).toBe(302);
  return new URL(headers.get('location')!);
}

async function signIn(): Promise<{ access_token: string; refresh_token: string; id_token: string }> {
  const { verifier, challenge } = pkce();
  const code = (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
  const { status, body } = await sim.post(
    '/token',
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, ...CLIENT },
    'form',
  );
  expect(status).toBe(200);
  return body;
}

describe('Google OAuth', () => {
  it('consents at once and redirects back with a code and the state', async () => {
    const back = await authorize();
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('xyz');
    expect(back.searchParams.get('code')).toMatch(/^4\/0A/);
    const denied = await authorize({ sim_deny: '1' });
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
    const unknownClient = await sim.get(`/o/oauth2/v2/auth?client_id=nobody&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=openid`);
    expect(unknownClient.status).toBe(401);
  });

  it('exchanges a code with the right PKCE verifier for tokens and an id token', async () => {
    const tokens = await signIn();
    expect(tokens).toMatchObject({ expires_in: 3599, token_type: 'Bearer', scope: expect.stringContaining('youtube.readonly') });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\/0/);
    const [header, claims, signature] = tokens.id_token.split('.');
    const decoded = JSON.parse(Buffer.from(claims!, 'base64url').toString());
    expect(decoded).toMatchObject({ iss: 'https://accounts.google.com', aud: CLIENT.client_id, email: 'sim.listener@gmail.com', email_verified: true });
    const { body: jwks } = await sim.get('/oauth2/v3/certs');
    const kid = JSON.parse(Buffer.from(header!, 'base64url').toString()).kid;
    const key = createPublicKey({ key: jwks.keys.find((k: { kid: string }) => k.kid === kid), format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${claims}`), key, Buffer.from(signature!, 'base64url'))).toBe(true);
  });

  it('refuses a wrong verifier, a missing one and a reused code with invalid_grant', async () => {
    const { challenge } = pkce();
    const codeFor = async () => (await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    const exchange = (code: string, extra: Record<string, string>) =>
      sim.post('/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...CLIENT, ...extra }, 'form');

    const wrong = await exchange(await codeFor(), { code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    const missing = await exchange(await codeFor(), {});
    expect(missing.body.error).toBe('invalid_grant');

    const { verifier, challenge: good } = pkce();
    const code = (await authorize({ code_challenge: good, code_challenge_method: 'S256' })).searchParams.get('code')!;
    expect((await exchange(code, { code_verifier: verifier })).status).toBe(200);
    const reused = await exchange(code, { code_verifier: verifier });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
  });

  it('checks the client secret and the redirect URI', async () => {
    const code = (await authorize()).searchParams.get('code')!;
    const badSecret = await sim.post('/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT.client_id, client_secret: 'x' }, 'form');
    expect(badSecret.status).toBe(401);
    expect(badSecret.body.error).toBe('invalid_client');
    const code2 = (await authorize()).searchParams.get('code')!;
    const otherRedirect = await sim.post('/token', { grant_type: 'authorization_code', code: code2, redirect_uri: 'http://elsewhere/cb', ...CLIENT }, 'form');
    expect(otherRedirect.body.error).toBe('redirect_uri_mismatch');
  });

  it('hands out a refresh token on the first offline grant only, unless consent is asked again', async () => {
    const exchange = async (url: URL) =>
      (await sim.post('/token', { grant_type: 'authorization_code', code: url.searchParams.get('code')!, redirect_uri: REDIRECT, ...CLIENT }, 'form')).body;
    expect((await exchange(await authorize())).refresh_token).toBeTruthy();
    expect((await exchange(await authorize())).refresh_token).toBeUndefined();
    expect((await exchange(await authorize({ prompt: 'consent' }))).refresh_token).toBeTruthy();
    expect((await exchange(await authorize({ access_type: 'online' }))).refresh_token).toBeUndefined();
  });
});

describe('bearer tokens on the Data API', () => {
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it("answers the user's channel and playlists for mine=true", async () => {
    const { access_token } = await signIn();
    const { body: user } = await sim.get('/_simulator/youtube/user');
    const channels = await sim.get('/youtube/v3/channels?part=snippet,contentDetails&mine=true', bearer(access_token));
    expect(channels.status).toBe(200);
    expect(schema('ChannelListResponse')(channels.body), JSON.stringify(schema('ChannelListResponse').errors)).toBe(true);
    expect(channels.body.items).toHaveLength(1);
    expect(channels.body.items[0]).toMatchObject({ id: user.channelId, snippet: { title: 'Sim Listener' }, contentDetails: { relatedPlaylists: { likes: 'LL' } } });
    const playlists = await sim.get('/youtube/v3/playlists?part=snippet,contentDetails,status&mine=true&maxResults=50', bearer(access_token));
    expect(schema('PlaylistListResponse')(playlists.body), JSON.stringify(schema('PlaylistListResponse').errors)).toBe(true);
    expect(playlists.body.items.map((p: { id: string }) => p.id)).toEqual(user.playlists.map((p: { id: string }) => p.id));
    const withKey = await sim.get('/youtube/v3/channels?part=snippet&mine=true&key=simulator-youtube-key');
    expect(withKey.status).toBe(401);
  });

  it('lets the user configure no playlists', async () => {
    sim.module.configure!({ userPlaylists: 0 });
    try {
      const { access_token } = await signIn();
      const playlists = await sim.get('/youtube/v3/playlists?part=snippet&mine=true', bearer(access_token));
      expect(playlists.status).toBe(200);
      expect(playlists.body.items).toEqual([]);
    } finally {
      sim.module.configure!({ userPlaylists: 2 });
    }
  });

  it('answers 401 once the token expires, and a refreshed token works again', async () => {
    const { access_token, refresh_token } = await signIn();
    const mine = (token: string) => sim.get('/youtube/v3/channels?part=id&mine=true', bearer(token));
    expect((await mine(access_token)).status).toBe(200);
    sim.clock.advance(3599 * 1000);
    const expired = await mine(access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 401, errors: [{ reason: 'authError', location: 'Authorization' }], status: 'UNAUTHENTICATED' });

    const refreshed = await sim.post('/token', { grant_type: 'refresh_token', refresh_token, ...CLIENT }, 'form');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    expect((await mine(refreshed.body.access_token)).status).toBe(200);

    expect((await sim.post('/_simulator/youtube/expire-tokens', {})).body).toEqual({ expired: 1 });
    expect((await mine(refreshed.body.access_token)).status).toBe(401);
    const bogus = await sim.post('/token', { grant_type: 'refresh_token', refresh_token: '1//0nope', ...CLIENT }, 'form');
    expect(bogus.body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('follows the configured token lifetime', async () => {
    sim.module.configure!({ tokenTtlSeconds: 60 });
    try {
      const tokens = await signIn();
      expect(tokens).toMatchObject({ expires_in: 60 });
      sim.clock.advance(59_000);
      expect((await sim.get('/youtube/v3/channels?part=id&mine=true', bearer(tokens.access_token))).status).toBe(200);
      sim.clock.advance(1_000);
      expect((await sim.get('/youtube/v3/channels?part=id&mine=true', bearer(tokens.access_token))).status).toBe(401);
    } finally {
      sim.module.configure!({ tokenTtlSeconds: 3599 });
    }
  });

  it('refuses a token without a YouTube scope', async () => {
    const code = (await authorize({ scope: 'openid email' })).searchParams.get('code')!;
    const { body } = await sim.post('/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...CLIENT }, 'form');
    const answer = await sim.get('/youtube/v3/channels?part=id&mine=true', bearer(body.access_token));
    expect(answer.status).toBe(403);
    expect(answer.body.error.errors[0].reason).toBe('insufficientPermissions');
  });
});
