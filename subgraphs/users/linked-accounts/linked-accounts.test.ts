/**
 * Linking and user-token refresh against a real PostgreSQL (DATABASE_URL, default 127.0.0.1:5432,
 * database `test_helper_users`, migrated by the subgraph's own migrations) and a scripted provider
 * standing in for Spotify and Google. The whole flow through the gateway and the simulators is in
 * test/e2e/account-linking.test.ts; this file covers what needs control of time and of replicas.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startScriptedServer, type SeenRequest } from '../../../providers/oauth/scripted-server.js';

const provider = await startScriptedServer();
Object.assign(process.env, {
  DATABASE_NAME_PREFIX: 'test_helper_',
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  SPOTIFY_CLIENT_ID: 'spotify-client',
  SPOTIFY_CLIENT_SECRET: 'spotify-secret',
  SPOTIFY_ACCOUNTS_URL: provider.url,
  SPOTIFY_API_URL: `${provider.url}/v1`,
  GOOGLE_CLIENT_ID: 'google-client',
  GOOGLE_CLIENT_SECRET: 'google-secret',
  GOOGLE_AUTHORIZE_URL: `${provider.url}/o/oauth2/v2/auth`,
  GOOGLE_TOKEN_URL: `${provider.url}/token`,
  YOUTUBE_API_URL: `${provider.url}/youtube/v3`,
  LOG_LEVEL: 'silent',
});
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { tokenCipher } = await import('../../../platform/crypto/token-cipher.js');
const { usersEntities, UserEntity, LinkedAccountEntity, DEFAULT_PREFERENCES } = await import('../store/entities.js');
const { usersMigrations } = await import('../store/migrations/index.js');
const { createAccountLinking, createLinkedAccountTokens } = await import('./index.js');
const { linkSealer } = await import('./sealing.js');

const openStore = () => openPostgresStore({ subgraph: 'users', entities: usersEntities, migrations: usersMigrations });
let db: DataSource;
let replica: DataSource;

beforeAll(async () => {
  db = await openStore();
  replica = await openStore();
  await db.query('TRUNCATE users CASCADE');
});

afterAll(async () => {
  await Promise.all([db?.destroy(), replica?.destroy(), provider.close()]);
});

beforeEach(() => {
  provider.seen.length = 0;
});

async function newUser(): Promise<string> {
  const user = await db.getRepository(UserEntity).save({
    email: `${randomUUID()}@test.example`,
    passwordHash: 'x',
    displayName: 'Listener',
    role: 'USER',
    active: true,
    preferences: DEFAULT_PREFERENCES,
  });
  return user.id;
}

/** A Spotify link whose access token expires in `expiresInMs` (negative: already expired). */
async function linkSpotify(userId: string, expiresInMs: number, tokens = { access: 'access-0', refresh: 'refresh-0' }) {
  const sealer = linkSealer(tokenCipher(), userId, 'spotify');
  await db.getRepository(LinkedAccountEntity).insert({
    userId,
    provider: 'spotify',
    externalId: `spotify-${randomUUID()}`,
    displayName: 'Ada',
    encryptedAccessToken: sealer.seal('access', tokens.access),
    encryptedRefreshToken: sealer.seal('refresh', tokens.refresh),
    accessTokenExpiresAt: new Date(Date.now() + expiresInMs),
    scopes: ['user-library-read'],
    status: 'active',
  });
}

const storedLink = async (userId: string) => {
  const link = await db.getRepository(LinkedAccountEntity).findOneByOrFail({ userId, provider: 'spotify' });
  const sealer = linkSealer(tokenCipher(), userId, 'spotify');
  return { ...link, accessToken: sealer.open('access', link.encryptedAccessToken), refreshToken: sealer.open('refresh', link.encryptedRefreshToken) };
};

const refreshes = () => provider.seen.filter((r: SeenRequest) => r.form.grant_type === 'refresh_token');
const extensionsOf = (error: unknown) => (error as { extensions?: Record<string, unknown> }).extensions;

/** A token endpoint that answers refreshes slowly (so callers pile up) with numbered, rotated tokens. */
function slowRefreshes(options: { rotate: boolean } = { rotate: true }) {
  let issued = 0;
  provider.answer(() => {
    issued += 1;
    return {
      status: 200,
      delayMs: 150,
      body: {
        access_token: `access-${issued}`,
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'user-library-read playlist-read-private',
        ...(options.rotate ? { refresh_token: `refresh-${issued}` } : {}),
      },
    };
  });
}

describe('linkedAccountToken', () => {
  it('returns a token that is still good without asking the provider', async () => {
    const userId = await newUser();
    await linkSpotify(userId, 10 * 60_000);
    expect(await createLinkedAccountTokens({ dataSource: db }).linkedAccountToken(userId, 'spotify')).toBe('access-0');
    expect(provider.seen).toHaveLength(0);
  });

  it('refreshes exactly once for 50 concurrent callers on two replicas, and stores the rotated refresh token', async () => {
    const userId = await newUser();
    await linkSpotify(userId, 30_000); // inside the 60-second margin
    slowRefreshes();
    const replicas = [createLinkedAccountTokens({ dataSource: db }), createLinkedAccountTokens({ dataSource: replica })];
    // Within a replica the callers share one refresh attempt: one locking transaction each.
    const transactions = [vi.spyOn(db, 'transaction'), vi.spyOn(replica, 'transaction')];
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => replicas[i % 2]!.linkedAccountToken(userId, 'spotify')));
    for (const spy of transactions) {
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
    }

    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]?.form.refresh_token).toBe('refresh-0');
    const link = await storedLink(userId);
    expect(link).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', status: 'active', scopes: ['user-library-read', 'playlist-read-private'] });
    expect(link.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    // The ciphertext, never the token, is what the table holds.
    expect(link.encryptedAccessToken).toMatch(/^v1\./);
    expect(link.encryptedAccessToken).not.toContain('access-1');
  });

  it('keeps the refresh token when the provider does not rotate it', async () => {
    const userId = await newUser();
    await linkSpotify(userId, -1000);
    slowRefreshes({ rotate: false });
    expect(await createLinkedAccountTokens({ dataSource: db }).linkedAccountToken(userId, 'spotify')).toBe('access-1');
    expect(await storedLink(userId)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-0' });
  });

  it('marks the link as needing consent when the refresh token is refused, once for every concurrent caller', async () => {
    const userId = await newUser();
    await linkSpotify(userId, -1000);
    provider.answer(() => ({ status: 400, delayMs: 50, body: { error: 'invalid_grant', error_description: 'Refresh token revoked' } }));
    const tokens = createLinkedAccountTokens({ dataSource: db });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.linkedAccountToken(userId, 'spotify')));

    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(extensionsOf((result as PromiseRejectedResult).reason)).toEqual({ code: 'FORBIDDEN', provider: 'spotify', reason: 'ACCOUNT_NEEDS_CONSENT' });
    }
    expect(refreshes()).toHaveLength(1);
    expect((await storedLink(userId)).status).toBe('needs_consent');
    // From now on nobody asks the provider until the user links again.
    await expect(tokens.linkedAccountToken(userId, 'spotify')).rejects.toMatchObject({ extensions: { reason: 'ACCOUNT_NEEDS_CONSENT' } });
    expect(refreshes()).toHaveLength(1);
  });

  it('leaves the link as it was when the provider is down, and tries again on the next call', async () => {
    const userId = await newUser();
    await linkSpotify(userId, -1000);
    provider.answer(() => ({ status: 503 }));
    const tokens = createLinkedAccountTokens({ dataSource: db });
    await expect(tokens.linkedAccountToken(userId, 'spotify')).rejects.toMatchObject({
      extensions: { code: 'PROVIDER_UNAVAILABLE', provider: 'spotify', reason: 'SERVER_ERROR' },
    });
    expect(await storedLink(userId)).toMatchObject({ status: 'active', accessToken: 'access-0', refreshToken: 'refresh-0' });
    slowRefreshes();
    expect(await tokens.linkedAccountToken(userId, 'spotify')).toBe('access-1');
  });

  it('says when nothing is linked', async () => {
    const userId = await newUser();
    await expect(createLinkedAccountTokens({ dataSource: db }).linkedAccountToken(userId, 'google')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', provider: 'google', reason: 'ACCOUNT_NOT_LINKED' },
    });
  });
});

describe('account linking', () => {
  const linking = () => createAccountLinking({ dataSource: db });
  /** Answers as Spotify would for a code exchange and `GET /me` of `spotifyUserId`. */
  const spotifyAs = (spotifyUserId: string) =>
    provider.answer((request) =>
      request.path === '/v1/me'
        ? { status: 200, body: { id: spotifyUserId, display_name: 'Ada' } }
        : { status: 200, body: { access_token: `access-for-${spotifyUserId}`, token_type: 'Bearer', expires_in: 3600, refresh_token: 'refresh-x', scope: 'user-library-read' } },
    );

  it('stores only the hash of the state and the sealed verifier, and sends the matching challenge', async () => {
    const userId = await newUser();
    const started = await linking().start(userId, 'spotify');
    const url = new URL(started.authorizeUrl);
    expect(url.searchParams.get('state')).toBe(started.state);
    expect(started.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(started.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 5000);

    const rows = await db.query('SELECT * FROM account_link_requests WHERE user_id = $1', [userId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].state_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(started.state);
    expect(rows[0].encrypted_code_verifier).toMatch(/^v1\./);

    spotifyAs(`spotify-${randomUUID()}`);
    await linking().finish(userId, 'spotify', 'the-code', started.state);
    const exchange = provider.seen.find((r) => r.form.grant_type === 'authorization_code');
    const { codeChallengeOf } = await import('../../../providers/oauth/index.js');
    expect(codeChallengeOf(exchange!.form.code_verifier!)).toBe(url.searchParams.get('code_challenge'));
  });

  it('links, relinks in place, and refuses an external account that belongs to another user', async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const external = `spotify-${randomUUID()}`;
    spotifyAs(external);
    const linked = await linking().finish(alice, 'spotify', 'code', (await linking().start(alice, 'spotify')).state);
    expect(linked).toMatchObject({ userId: alice, externalId: external, displayName: 'Ada', status: 'active', scopes: ['user-library-read'] });
    expect((await storedLink(alice)).accessToken).toBe(`access-for-${external}`);

    // Linking again (after re-consent) replaces the row.
    await linking().finish(alice, 'spotify', 'code', (await linking().start(alice, 'spotify')).state);
    expect(await linking().list(alice)).toHaveLength(1);

    const taken = linking().finish(bob, 'spotify', 'code', (await linking().start(bob, 'spotify')).state);
    await expect(taken).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await linking().list(bob)).toEqual([]);
  });

  it.each([
    ['used', 'STATE_USED'],
    ['expired', 'STATE_EXPIRED'],
    ['started for the other provider', 'STATE_PROVIDER_MISMATCH'],
    ["someone else's", 'STATE_UNKNOWN'],
    ['unknown', 'STATE_UNKNOWN'],
  ])('refuses a state that is %s', async (kind, reason) => {
    const userId = await newUser();
    spotifyAs(`spotify-${randomUUID()}`);
    let { state } = await linking().start(userId, 'spotify');
    let caller = userId;
    let asProvider: 'spotify' | 'google' = 'spotify';
    if (kind === 'used') await linking().finish(userId, 'spotify', 'code', state);
    if (kind === 'expired') await db.query(`UPDATE account_link_requests SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [userId]);
    if (kind === 'started for the other provider') asProvider = 'google';
    if (kind === "someone else's") caller = await newUser();
    if (kind === 'unknown') state = randomBytes(32).toString('base64url');
    provider.seen.length = 0;

    await expect(linking().finish(caller, asProvider, 'code', state)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'state', reason },
    });
    expect(provider.seen).toHaveLength(0);
  });

  it("leaves a state presented by someone else usable by its owner", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    spotifyAs(`spotify-${randomUUID()}`);
    const { state } = await linking().start(owner, 'spotify');
    await expect(linking().finish(other, 'spotify', 'code', state)).rejects.toMatchObject({ extensions: { reason: 'STATE_UNKNOWN' } });
    await expect(linking().finish(owner, 'spotify', 'code', state)).resolves.toMatchObject({ userId: owner });
  });

  it('lets exactly one of two concurrent finishes with one state through', async () => {
    const userId = await newUser();
    spotifyAs(`spotify-${randomUUID()}`);
    const { state } = await linking().start(userId, 'spotify');
    const results = await Promise.allSettled([linking().finish(userId, 'spotify', 'code', state), linking().finish(userId, 'spotify', 'code', state)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('unlinks, forgetting the tokens', async () => {
    const userId = await newUser();
    await linkSpotify(userId, 60 * 60_000);
    expect(await linking().unlink(userId, 'spotify')).toBe(true);
    expect(await linking().unlink(userId, 'spotify')).toBe(false);
    expect(await db.query('SELECT 1 FROM linked_accounts WHERE user_id = $1', [userId])).toEqual([]);
  });
});
