/** Resolvers of the users subgraph: thin, typed by codegen; the work is in accounts/ and linked-accounts/. */
import { notFound, unauthenticated } from '../../platform/errors.js';
import { callerId } from '../../platform/graphql/context.js';
import { parseInput } from '../../platform/graphql/inputs.js';
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { RequestIdentity } from '../../platform/identity.js';
import type { IssuedSession } from './accounts/sessions.js';
import type { UsersContext } from './context.js';
import type { Resolvers } from './generated/resolvers.js';
import { finishAccountLinkArgs, providerArgs } from './linked-accounts/inputs.js';
import { linkedAccountView } from './linked-accounts/views.js';
import { DELETED_USER_ID } from '../../platform/privacy/contract.js';
import { JSONResolver } from 'graphql-scalars';
import { privacyResolvers } from './privacy/resolvers.js';
import { DEFAULT_PREFERENCES, type UserRecord } from './store/entities.js';

/** Who stands where a deleted user's id was anonymised in another user's data (an item they added). */
const DELETED_USER: UserRecord = {
  id: DELETED_USER_ID,
  email: '',
  passwordHash: '',
  displayName: 'Deleted user',
  role: 'USER',
  active: false,
  preferences: DEFAULT_PREFERENCES,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  deactivatedAt: null,
  deletionRequestedAt: null,
};

const client = (identity: RequestIdentity) => ({ ip: identity.ip, userAgent: identity.userAgent });

/** Lets the rest of this request read the account it just signed in (see permissions.ts). */
async function signIn(ctx: UsersContext, issuing: Promise<IssuedSession>): Promise<IssuedSession> {
  const issued = await issuing;
  ctx.signedInNow = issued.user.id;
  return issued;
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  JSON: JSONResolver,

  Query: {
    me: (_root, _args, { identity, accounts }) => (identity.userId ? accounts.byId(identity.userId) : null),
    linkedAccountAccessToken: (_root, args, ctx) =>
      ctx.linkedAccountTokens.linkedAccountToken(callerId(ctx), parseInput(providerArgs, args).provider),
    user: (_root, { id }, { accounts }) => accounts.byId(id),
  },

  Mutation: {
    register: (_root, { input }, ctx) => signIn(ctx, ctx.accounts.register(input, client(ctx.identity))),
    login: (_root, { input }, ctx) => signIn(ctx, ctx.accounts.login(input, client(ctx.identity))),
    refreshSession: (_root, { refreshToken }, ctx) => signIn(ctx, ctx.sessions.refresh(refreshToken, client(ctx.identity))),

    async logout(_root, _args, ctx) {
      callerId(ctx);
      if (!ctx.identity.sessionId) throw unauthenticated();
      await ctx.sessions.end(ctx.identity.sessionId, 'logout');
      return true;
    },

    async revokeSession(_root, { id }, ctx) {
      const { identity, sessions } = ctx;
      const userId = callerId(ctx);
      const session = await sessions.get(id);
      const isAdmin = identity.roles.includes('ADMIN');
      // Someone else's session looks exactly like a missing one.
      if (!session || (session.userId !== userId && !isAdmin)) throw notFound('Session');
      await sessions.end(id, 'revoked');
      return true;
    },

    updateProfile: (_root, { input }, ctx) => ctx.accounts.updateProfile(callerId(ctx), input),
    deactivateUser: (_root, { id }, ctx) => ctx.accounts.setActive(callerId(ctx), id, false),
    reactivateUser: (_root, { id }, ctx) => ctx.accounts.setActive(callerId(ctx), id, true),

    startAccountLink: (_root, args, ctx) => ctx.linking.start(callerId(ctx), parseInput(providerArgs, args).provider),
    async finishAccountLink(_root, args, ctx) {
      const { provider, code, state } = parseInput(finishAccountLinkArgs, args);
      return linkedAccountView(await ctx.linking.finish(callerId(ctx), provider, code, state));
    },
    unlinkAccount: (_root, args, ctx) => ctx.linking.unlink(callerId(ctx), parseInput(providerArgs, args).provider),
    ...privacyResolvers.Mutation,
  },

  DataExportJobResult: privacyResolvers.DataExportJobResult,
  AccountDeletionJobResult: privacyResolvers.AccountDeletionJobResult,

  User: {
    __resolveReference: (reference, { accounts }) => (reference.id === DELETED_USER_ID ? DELETED_USER : accounts.byId(reference.id)),
    sessions: (user, _args, { sessions }) => sessions.listLive(user.id),
    linkedAccounts: async (user, _args, { linking }) => (await linking.list(user.id)).map(linkedAccountView),
  },

  Session: {
    current: (session, _args, { identity }) => session.id === identity.sessionId,
  },
};

