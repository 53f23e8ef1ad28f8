/** Admins deactivate accounts; the account's sessions stop working at once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ME, errorCodes, graphql, login, refresh, register } from '../harness/client.js';
import { TEST_ADMIN } from '../harness/test-env.js';

const DEACTIVATE = 'mutation ($id: ID!) { deactivateUser(id: $id) { id active } }';
const REACTIVATE = 'mutation ($id: ID!) { reactivateUser(id: $id) { id active } }';

let adminToken: string;
let adminId: string;

beforeAll(async () => {
  const admin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
  adminToken = admin.data!.login.accessToken;
  adminId = admin.data!.login.user.id;
  expect(admin.data!.login.user.role).toBe('ADMIN');
});

describe('admin deactivation', () => {
  it("ends every session of the user at once and refuses new sign-ins until reactivated", async () => {
    const user = await register();
    const second = (await login(user.email, user.password)).data!.login;

    const deactivated = await graphql(DEACTIVATE, { id: user.user.id }, { token: adminToken });
    expect(deactivated.data?.deactivateUser).toEqual({ id: user.user.id, active: false });

    for (const token of [user.accessToken, second.accessToken]) {
      expect(errorCodes(await graphql(ME, {}, { token }))).toEqual(['UNAUTHENTICATED']);
    }
    expect(errorCodes(await refresh(second.refreshToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await login(user.email, user.password))).toEqual(['FORBIDDEN']);

    const seen = await graphql('query ($id: ID!) { user(id: $id) { active sessions { id } } }', { id: user.user.id }, { token: adminToken });
    expect(seen.data?.user).toEqual({ active: false, sessions: [] });

    expect((await graphql(REACTIVATE, { id: user.user.id }, { token: adminToken })).data?.reactivateUser.active).toBe(true);
    const back = await login(user.email, user.password);
    expect((await graphql(ME, {}, { token: back.data!.login.accessToken })).data?.me.active).toBe(true);
  });

  it('is for admins only', async () => {
    const user = await register();
    const victim = await register();
    expect(errorCodes(await graphql(DEACTIVATE, { id: victim.user.id }, { token: user.accessToken }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graphql(DEACTIVATE, { id: victim.user.id }))).toEqual(['UNAUTHENTICATED']);
    expect((await graphql(ME, {}, { token: victim.accessToken })).data?.me.active).toBe(true);
  });

  it('rejects deactivating yourself and unknown users', async () => {
    expect(errorCodes(await graphql(DEACTIVATE, { id: adminId }, { token: adminToken }))).toEqual(['BAD_USER_INPUT']);
    const missing = await graphql(DEACTIVATE, { id: '00000000-0000-4000-8000-000000000000' }, { token: adminToken });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });
});
