/**
 * Linking Spotify and Google accounts through the gateway, against the provider simulators the
 * test stack runs: start → the provider's consent page (auto-consent, followed by hand with
 * `redirect: 'manual'`) → finish with the code and state from the redirect. Then what must be
 * refused (bad, expired, reused and other users' states, denied consent, an external account
 * that is someone else's), unlinking, what the database holds (ciphertext only), and the
 * user-token refresh: 50 concurrent callers on two "replicas", one refresh at the simulator.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphql, login, register, stack, type SignedIn } from '../harness/client.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock } from '../harness/simulator-lock.js';
import { TEST_ADMIN } from '../harness/test-env.js';

// The token service runs in this process against the stack's database and simulators, as a
// library import would inside users: it needs the stack's configuration before config() is read.
Object.assign(process.env, stack().env, { LOG_LEVEL: 'silent' });
const { createTokenCipher } = await import('../../platform/crypto/token-cipher.js');
const { openPostgresStore } = await import('../../platform/postgres/data-source.js');
const { usersEntities } = await import('../../subgraphs/users/store/entities.js');
const { usersMigrations } = await import('../../subgraphs/users/store/migrations/index.js');
const { createLinkedAccountTokens } = await import('../../subgraphs/users/linked-accounts/index.js');

type Provider = 'SPOTIFY' | 'GOOGLE';

const START = 'mutation ($provider: LinkedProvider!) { startAccountLink(provider: $provider) { authorizeUrl state expiresAt } }';
const FINISH = `mutation ($provider: LinkedProvider!, $code: String!, $state: String!) {
  finishAccountLink(provider: $provider, code: $code, state: $state) { provider externalId displayName scopes status linkedAt }
}`;
const UNLINK = 'mutation ($provider: LinkedProvider!) { unlinkAccount(provider: $provider) }';
const LINKED = 'query { me { linkedAccounts { provider externalId displayName scopes status linkedAt } } }';

const simulators = () => stack().simulators;

const usersDb = () => {
  const url = new URL(stack().databaseUrl);
  url.pathname = `/${stack().env.DATABASE_NAME_PREFIX}users`;
  return url.toString();
};

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: usersDb() });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

async function control(provider: 'spotify' | 'youtube', path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${simulators()[provider]}/_simulator${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return response.json();
}

/** A new user of the Spotify simulator, so tests never share an external account by accident. */
async function newSpotifyUser(displayName = 'Sim Listener'): Promise<string> {
  const id = `sim${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await control('spotify', '/spotify/users', { id, displayName });
  return id;
}

async function start(user: SignedIn, provider: Provider) {
  const response = await graphql(START, { provider }, { token: user.accessToken });
  expect(response.errors).toBeUndefined();
  return response.data!.startAccountLink as { authorizeUrl: string; state: string; expiresAt: string };
}

/** Visits the consent page as the browser would, without following the redirect back to the app. */
async function consent(authorizeUrl: string, extra: Record<string, string> = {}): Promise<URL> {
  const url = new URL(authorizeUrl);
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

async function authorize(user: SignedIn, provider: Provider, simUser?: string) {
  const started = await start(user, provider);
  const back = await consent(started.authorizeUrl, simUser ? { sim_user: simUser } : {});
  expect(back.searchParams.get('state')).toBe(started.state);
  return { ...started, code: back.searchParams.get('code')! };
}

const finish = (user: SignedIn, provider: Provider, code: string, state: string) => graphql(FINISH, { provider, code, state }, { token: user.accessToken });

async function link(user: SignedIn, provider: Provider, simUser?: string) {
  const { code, state } = await authorize(user, provider, simUser);
  const response = await finish(user, provider, code, state);
  expect(response.errors).toBeUndefined();
  return response.data!.finishAccountLink;
}

const linkedAccounts = async (user: SignedIn) => (await graphql(LINKED, {}, { token: user.accessToken })).data?.me.linkedAccounts;
const firstError = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions;

describe('linking a Spotify account', () => {
  it('runs start → consent → finish and shows the link, never its tokens', async () => {
    const user = await register();
    const spotifyUser = await newSpotifyUser('Ada on Spotify');
    const started = await start(user, 'SPOTIFY');
    const url = new URL(started.authorizeUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(stack().env.ACCOUNT_LINK_REDIRECT_URI ?? 'http://127.0.0.1:4000/account-link/callback');
    expect(new Date(started.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);

    const back = await consent(started.authorizeUrl, { sim_user: spotifyUser });
    const linked = await finish(user, 'SPOTIFY', back.searchParams.get('code')!, started.state);
    expect(linked.errors).toBeUndefined();
    expect(linked.data?.finishAccountLink).toMatchObject({ provider: 'SPOTIFY', externalId: spotifyUser, displayName: 'Ada on Spotify', status: 'ACTIVE' });
    expect(linked.data?.finishAccountLink.scopes).toEqual(expect.arrayContaining(['playlist-read-private', 'user-library-read']));

    expect(await linkedAccounts(user)).toEqual([linked.data?.finishAccountLink]);
    // The API has no field that could carry a token.
    const leak = await graphql('query { me { linkedAccounts { accessToken } } }', {}, { token: user.accessToken });
    expect(errorCodes(leak)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('stores the tokens as ciphertext that only the key opens', async () => {
    const user = await register();
    await link(user, 'SPOTIFY', await newSpotifyUser());
    const { rows } = await db.query('SELECT * FROM linked_accounts WHERE user_id = $1', [user.user.id]);
    const row = rows[0];
    for (const column of ['encrypted_access_token', 'encrypted_refresh_token']) expect(row[column]).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);

    // Opened with the stack's key, the access token is one the simulator accepts; the stored value is not.
    const cipher = createTokenCipher(stack().env.TOKEN_ENCRYPTION_KEY!);
    const accessToken = cipher.decrypt(row.encrypted_access_token, `linked_accounts:${user.user.id}:spotify:access`);
    expect(accessToken).not.toBe(row.encrypted_access_token);
    const me = (token: string) => fetch(`${stack().env.SPOTIFY_API_URL}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me(accessToken)).status).toBe(200);
    expect((await me(row.encrypted_access_token)).status).toBe(401);
    expect(JSON.stringify(rows)).not.toContain(accessToken);

    // The link request keeps neither the state nor the verifier in the clear.
    const requests = await db.query('SELECT * FROM account_link_requests WHERE user_id = $1', [user.user.id]);
    expect(requests.rows[0].state_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(requests.rows[0].encrypted_code_verifier).toMatch(/^v1\./);
  });

  it('refuses an unknown, malformed, expired, reused or other provider’s state', async () => {
    const user = await register();
    const spotifyUser = await newSpotifyUser();

    const malformed = await finish(user, 'SPOTIFY', 'some-code', 'not-a-state');
    expect(firstError(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });
    const unknown = await finish(user, 'SPOTIFY', 'some-code', randomBytes(32).toString('base64url'));
    expect(firstError(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATE_UNKNOWN' });

    const expired = await authorize(user, 'SPOTIFY', spotifyUser);
    await db.query(`UPDATE account_link_requests SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.user.id]);
    expect(firstError(await finish(user, 'SPOTIFY', expired.code, expired.state))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATE_EXPIRED' });

    const wrongProvider = await authorize(user, 'SPOTIFY', spotifyUser);
    expect(firstError(await finish(user, 'GOOGLE', wrongProvider.code, wrongProvider.state))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'STATE_PROVIDER_MISMATCH',
    });

    const once = await authorize(user, 'SPOTIFY', spotifyUser);
    expect((await finish(user, 'SPOTIFY', once.code, once.state)).errors).toBeUndefined();
    expect(firstError(await finish(user, 'SPOTIFY', once.code, once.state))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATE_USED' });
  });

  it("refuses another user's state and leaves it to its owner", async () => {
    const [owner, intruder] = [await register(), await register()];
    const { code, state } = await authorize(owner, 'SPOTIFY', await newSpotifyUser());
    expect(firstError(await finish(intruder, 'SPOTIFY', code, state))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATE_UNKNOWN' });
    expect(await linkedAccounts(intruder)).toEqual([]);
    expect((await finish(owner, 'SPOTIFY', code, state)).errors).toBeUndefined();
  });

  it('refuses a code that is not the one the provider issued for this state', async () => {
    const user = await register();
    const { state } = await authorize(user, 'SPOTIFY', await newSpotifyUser());
    const response = await finish(user, 'SPOTIFY', 'made-up-code', state);
    expect(firstError(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(response.errors?.[0]?.message).toBe('The authorization code is invalid or expired');
    expect(await linkedAccounts(user)).toEqual([]);
  });

  it('comes back without a code when the user denies consent', async () => {
    const user = await register();
    const started = await start(user, 'SPOTIFY');
    const back = await consent(started.authorizeUrl, { sim_deny: '1' });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('state')).toBe(started.state);
    expect(await linkedAccounts(user)).toEqual([]);
  });

  it('refuses a Spotify account already linked to another user, and relinks in place for the same user', async () => {
    const [first, second] = [await register(), await register()];
    const spotifyUser = await newSpotifyUser();
    await link(first, 'SPOTIFY', spotifyUser);
    const { code, state } = await authorize(second, 'SPOTIFY', spotifyUser);
    expect(errorCodes(await finish(second, 'SPOTIFY', code, state))).toEqual(['CONFLICT']);
    expect(await linkedAccounts(second)).toEqual([]);

    await link(first, 'SPOTIFY', spotifyUser);
    expect(await linkedAccounts(first)).toHaveLength(1);
  });

  it('unlinks, after which the account can be linked by someone else', async () => {
    const [first, second] = [await register(), await register()];
    const spotifyUser = await newSpotifyUser();
    await link(first, 'SPOTIFY', spotifyUser);
    expect((await graphql(UNLINK, { provider: 'SPOTIFY' }, { token: first.accessToken })).data?.unlinkAccount).toBe(true);
    expect((await graphql(UNLINK, { provider: 'SPOTIFY' }, { token: first.accessToken })).data?.unlinkAccount).toBe(false);
    expect(await linkedAccounts(first)).toEqual([]);
    expect((await db.query('SELECT 1 FROM linked_accounts WHERE user_id = $1', [first.user.id])).rowCount).toBe(0);
    expect((await link(second, 'SPOTIFY', spotifyUser)).externalId).toBe(spotifyUser);
  });
});

describe('linking a Google account', () => {
  it('links the YouTube channel, refuses it to a second user until it is unlinked', async () => {
    const { channelId, name } = await control('youtube', '/youtube/user');
    const [first, second] = [await register(), await register()];
    const linked = await link(first, 'GOOGLE');
    expect(linked).toMatchObject({ provider: 'GOOGLE', externalId: channelId, displayName: name, status: 'ACTIVE' });
    expect(linked.scopes).toContain('https://www.googleapis.com/auth/youtube.readonly');

    const url = new URL((await start(first, 'GOOGLE')).authorizeUrl);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');

    const { code, state } = await authorize(second, 'GOOGLE');
    expect(errorCodes(await finish(second, 'GOOGLE', code, state))).toEqual(['CONFLICT']);

    expect((await graphql(UNLINK, { provider: 'GOOGLE' }, { token: first.accessToken })).data?.unlinkAccount).toBe(true);
    expect((await link(second, 'GOOGLE')).externalId).toBe(channelId);
    expect((await graphql(UNLINK, { provider: 'GOOGLE' }, { token: second.accessToken })).data?.unlinkAccount).toBe(true);
  });
});

describe('who may link and see links', () => {
  it('needs a signed-in caller', async () => {
    expect(errorCodes(await graphql(START, { provider: 'SPOTIFY' }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graphql(UNLINK, { provider: 'SPOTIFY' }))).toEqual(['UNAUTHENTICATED']);
  });

  it("shows a user's links to the user and to admins only", async () => {
    const user = await register();
    await link(user, 'SPOTIFY', await newSpotifyUser());
    const admin = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login;
    const QUERY = 'query ($id: ID!) { user(id: $id) { linkedAccounts { provider } } }';
    expect((await graphql(QUERY, { id: user.user.id }, { token: admin.accessToken })).data?.user.linkedAccounts).toEqual([{ provider: 'SPOTIFY' }]);

    // Through _entities on the subgraph itself, without the gateway's identity: nothing.
    const direct = await graphql(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { linkedAccounts { provider } } } }',
      { r: [{ __typename: 'User', id: user.user.id }] },
      { url: stack().subgraphUrls.users },
    );
    expect(direct.data?._entities?.[0]?.linkedAccounts).toBeUndefined();
    expect(errorCodes(direct)).toContain('UNAUTHENTICATED');
  });
});

describe('user-token refresh', () => {
  it('refreshes an expiring Spotify token once for 50 concurrent callers on two replicas', { timeout: LOCK_WAIT_MS + 30_000 }, async () => {
    const user = await register();
    await link(user, 'SPOTIFY', await newSpotifyUser());
    // Expiring every token and counting grants touch what other files count: hold the simulator's lock.
    await holdSimulatorLock('spotify');
    // The simulator forgets the token and our copy is about to expire: the next use must refresh.
    await control('spotify', '/spotify/expire-tokens', {});
    await db.query(`UPDATE linked_accounts SET access_token_expires_at = now() + interval '30 seconds' WHERE user_id = $1`, [user.user.id]);

    const open = () => openPostgresStore({ subgraph: 'users', entities: usersEntities, migrations: usersMigrations });
    const replicas = [await open(), await open()];
    try {
      const refreshesBefore = await refreshGrants();
      const services = replicas.map((dataSource) => createLinkedAccountTokens({ dataSource }));
      const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => services[i % 2]!.linkedAccountToken(user.user.id, 'spotify')));
      expect(new Set(tokens).size).toBe(1);
      expect((await refreshGrants()) - refreshesBefore).toBe(1);

      const me = await fetch(`${stack().env.SPOTIFY_API_URL}/me`, { headers: { authorization: `Bearer ${tokens[0]}` } });
      expect(me.status).toBe(200);
      const { rows } = await db.query('SELECT encrypted_refresh_token, access_token_expires_at FROM linked_accounts WHERE user_id = $1', [user.user.id]);
      expect(rows[0].access_token_expires_at.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);

      // The stored refresh token (rotated or not) is the one the simulator accepts now.
      const cipher = createTokenCipher(stack().env.TOKEN_ENCRYPTION_KEY!);
      const refreshToken = cipher.decrypt(rows[0].encrypted_refresh_token, `linked_accounts:${user.user.id}:spotify:refresh`);
      const credentials = Buffer.from(`${stack().env.SPOTIFY_CLIENT_ID}:${stack().env.SPOTIFY_CLIENT_SECRET}`).toString('base64');
      const again = await fetch(`${stack().env.SPOTIFY_ACCOUNTS_URL}/api/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      });
      expect(again.status).toBe(200);
    } finally {
      await Promise.all(replicas.map((r) => r.destroy()));
      await releaseSimulatorLock('spotify');
    }
  });
});

/** How many refresh_token grants the Spotify simulator's token endpoint has answered. */
async function refreshGrants(): Promise<number> {
  const stats = await control('spotify', '/stats');
  return stats.provider.tokensIssued.refresh_token as number;
}
