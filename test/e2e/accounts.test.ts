/** Accounts and sessions through the gateway: the whole life of a session, and bad inputs. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ME, errorCodes, graphql, login, refresh, register, stack, uniqueEmail } from '../harness/client.js';

const usersDb = () => {
  const url = new URL(stack().databaseUrl);
  url.pathname = `/${stack().env.DATABASE_NAME_PREFIX}users`;
  return url.toString();
};

async function countUsers(email: string): Promise<number> {
  const client = new pg.Client({ connectionString: usersDb() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email.toLowerCase()]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

const SESSIONS = 'query { me { sessions { id deviceName current } } }';

describe('register → login → query → refresh → logout', () => {
  it('runs the whole session life cycle', async () => {
    const email = uniqueEmail('Mixed.Case');
    const registered = await register({ email: `  ${email.toUpperCase()} ` });
    expect(registered.user.email).toBe(email.toLowerCase());
    expect(registered.user.role).toBe('USER');

    const loggedIn = await login(email, registered.password);
    expect(loggedIn.errors).toBeUndefined();
    const { accessToken, refreshToken } = loggedIn.data!.login;

    const me = await graphql(ME, {}, { token: accessToken });
    expect(me.data?.me).toMatchObject({ id: registered.user.id, email: email.toLowerCase(), active: true });

    const refreshed = await refresh(refreshToken);
    expect(refreshed.errors).toBeUndefined();
    const next = refreshed.data!.refreshSession;
    expect(next.refreshToken).not.toBe(refreshToken);
    expect(next.session.id).toBe(loggedIn.data!.login.session.id);
    expect((await graphql(ME, {}, { token: next.accessToken })).data?.me.id).toBe(registered.user.id);

    const logout = await graphql('mutation { logout }', {}, { token: next.accessToken });
    expect(logout.data?.logout).toBe(true);
    // Both access tokens of the ended session stop working at once, and so does its refresh token.
    for (const token of [accessToken, next.accessToken]) {
      const after = await graphql(ME, {}, { token });
      expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
      expect(after.errors?.[0]?.extensions?.reason).toBe('SESSION_ENDED');
    }
    expect(errorCodes(await refresh(next.refreshToken))).toEqual(['UNAUTHENTICATED']);
    // The registration session is untouched by logging out another one.
    expect((await graphql(ME, {}, { token: registered.accessToken })).data?.me.id).toBe(registered.user.id);
  });

  it('answers me with null for an anonymous caller', async () => {
    const response = await graphql(ME);
    expect(response.errors).toBeUndefined();
    expect(response.data?.me).toBeNull();
  });

  it('updates the profile and preferences', async () => {
    const user = await register();
    const response = await graphql(
      'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName preferences { locale explicitContent personalizedRecommendations } } }',
      { input: { displayName: 'DJ Test', preferences: { locale: 'pt-BR', explicitContent: false } } },
      { token: user.accessToken },
    );
    expect(response.data?.updateProfile).toEqual({
      displayName: 'DJ Test',
      preferences: { locale: 'pt-BR', explicitContent: false, personalizedRecommendations: true },
    });
  });
});

describe('refresh-token rotation and reuse detection', () => {
  it('ends the whole family when an already-used refresh token comes back', async () => {
    const user = await register();
    const first = await refresh(user.refreshToken);
    const second = await refresh(first.data!.refreshSession.refreshToken);
    expect(second.errors).toBeUndefined();
    const latest = second.data!.refreshSession;

    // The first token is presented again: a thief or a broken client. The family dies.
    const reuse = await refresh(user.refreshToken);
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);
    expect(reuse.errors?.[0]?.message).toMatch(/already used/);

    expect(errorCodes(await refresh(latest.refreshToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graphql(ME, {}, { token: latest.accessToken }))).toEqual(['UNAUTHENTICATED']);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const user = await register();
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    const winners = results.filter((r) => r.data?.refreshSession);
    expect(winners.length).toBeLessThanOrEqual(1);
    // Whichever won, the race itself counts as reuse: the family is dead.
    for (const r of winners) expect(errorCodes(await refresh(r.data!.refreshSession.refreshToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects unknown and junk refresh tokens', async () => {
    for (const token of ['', 'not-a-token', 'x'.repeat(5000)]) {
      expect(errorCodes(await refresh(token))).toEqual(['UNAUTHENTICATED']);
    }
  });
});

describe('sessions per device', () => {
  it('lists sessions and revokes one, which stops working at once', async () => {
    const user = await register({ deviceName: 'Phone' });
    const laptop = (await login(user.email, user.password, { deviceName: 'Laptop' })).data!.login;

    const listed = await graphql(SESSIONS, {}, { token: user.accessToken });
    const sessions = listed.data?.me.sessions as { id: string; deviceName: string; current: boolean }[];
    expect(sessions.map((s) => s.deviceName).sort()).toEqual(['Laptop', 'Phone']);
    expect(sessions.find((s) => s.current)?.deviceName).toBe('Phone');

    const revoked = await graphql('mutation ($id: ID!) { revokeSession(id: $id) }', { id: laptop.session.id }, { token: user.accessToken });
    expect(revoked.data?.revokeSession).toBe(true);
    expect(errorCodes(await graphql(ME, {}, { token: laptop.accessToken }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await refresh(laptop.refreshToken))).toEqual(['UNAUTHENTICATED']);
    const remaining = await graphql(SESSIONS, {}, { token: user.accessToken });
    expect(remaining.data?.me.sessions.map((s: { deviceName: string }) => s.deviceName)).toEqual(['Phone']);
  });

  it("cannot see or revoke someone else's session", async () => {
    const alice = await register();
    const bob = await register();
    const attempt = await graphql('mutation ($id: ID!) { revokeSession(id: $id) }', { id: bob.session.id }, { token: alice.accessToken });
    expect(errorCodes(attempt)).toEqual(['NOT_FOUND']);
    expect((await graphql(ME, {}, { token: bob.accessToken })).data?.me.id).toBe(bob.user.id);
    const peek = await graphql('query ($id: ID!) { user(id: $id) { email } }', { id: bob.user.id }, { token: alice.accessToken });
    expect(errorCodes(peek)).toEqual(['FORBIDDEN']);
  });
});

describe('bad input is rejected with BAD_USER_INPUT and nothing is written', () => {
  const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }';
  const cases: [string, (email: string) => Record<string, string>, string][] = [
    ['a malformed email', () => ({ email: 'not-an-email', password: 'Correct-horse-9-battery', displayName: 'X' }), 'email'],
    ['a too short password', (email) => ({ email, password: 'Sh0rt!', displayName: 'X' }), 'password'],
    ['a letters-only password', (email) => ({ email, password: 'onlylettershere', displayName: 'X' }), 'password'],
    ['a digits-only password', (email) => ({ email, password: '123456789012345', displayName: 'X' }), 'password'],
    ['a password containing the email name', (email) => ({ email, password: `${email.split('@')[0]}-1!`, displayName: 'X' }), 'password'],
    ['an oversized password', (email) => ({ email, password: 'Aa1!'.repeat(100), displayName: 'X' }), 'password'],
    ['an oversized email', () => ({ email: `${'a'.repeat(250)}@test.example`, password: 'Correct-horse-9-battery', displayName: 'X' }), 'email'],
    ['an oversized display name', (email) => ({ email, password: 'Correct-horse-9-battery', displayName: 'n'.repeat(65) }), 'displayName'],
    ['an empty display name', (email) => ({ email, password: 'Correct-horse-9-battery', displayName: '   ' }), 'displayName'],
    ['an oversized device name', (email) => ({ email, password: 'Correct-horse-9-battery', displayName: 'X', deviceName: 'd'.repeat(65) }), 'deviceName'],
  ];

  it.each(cases)('rejects %s', async (_label, build, field) => {
    const email = uniqueEmail();
    const input = build(email);
    const response = await graphql(REGISTER, { input });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.extensions?.field).toBe(field);
    expect(response.data).toBeNull();
    expect(await countUsers(input.email!)).toBe(0);
  });

  it('rejects a second account with the same email as CONFLICT and keeps the first', async () => {
    const user = await register();
    const again = await graphql(REGISTER, { input: { email: user.email.toUpperCase(), password: 'Another-pass-77', displayName: 'Copy' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(await countUsers(user.email)).toBe(1);
    expect((await login(user.email, user.password)).data?.login.user.id).toBe(user.user.id);
  });

  it('rejects bad profile updates', async () => {
    const user = await register();
    const UPDATE = 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }';
    for (const input of [{ displayName: 'x'.repeat(65) }, { preferences: { locale: 'not a locale!' } }]) {
      expect(errorCodes(await graphql(UPDATE, { input }, { token: user.accessToken }))).toEqual(['BAD_USER_INPUT']);
    }
    expect((await graphql('query { me { displayName } }', {}, { token: user.accessToken })).data?.me.displayName).toBe('Test Listener');
  });
});
