/**
 * Who may read and do what in the users subgraph. Private User fields are the owner's and admins'
 * only, also through `_entities`; sign-in mutations are open, but only through the gateway.
 */
import { forbidden, unauthenticated } from '../../platform/errors.js';
import { allow, and, isAdmin, isService, isSignedIn, rule, viaGateway } from '../../platform/graphql/permissions.js';
import type { UsersContext } from './context.js';

/** The account is the caller's, or the one this very request signed in (register/login/refresh), or the caller is an admin. */
const isOwnAccount = rule({ cache: 'no_cache' })((user: { id: string }, _args, ctx: UsersContext) => {
  const { userId, roles } = ctx.identity;
  if (user.id === userId || user.id === ctx.signedInNow || roles.includes('ADMIN')) return true;
  return userId ? forbidden() : unauthenticated();
});

export const permissions = {
  Query: {
    me: viaGateway,
    user: and(viaGateway, isAdmin),
    linkedAccountAccessToken: and(isService('library'), isSignedIn),
  },
  Mutation: {
    register: viaGateway,
    login: viaGateway,
    refreshSession: viaGateway,
    logout: and(viaGateway, isSignedIn),
    revokeSession: and(viaGateway, isSignedIn),
    updateProfile: and(viaGateway, isSignedIn),
    deactivateUser: and(viaGateway, isAdmin),
    reactivateUser: and(viaGateway, isAdmin),
    startAccountLink: and(viaGateway, isSignedIn),
    finishAccountLink: and(viaGateway, isSignedIn),
    unlinkAccount: and(viaGateway, isSignedIn),
    exportMyData: and(viaGateway, isSignedIn),
    deleteMyAccount: and(viaGateway, isSignedIn),
    deleteUserAccount: and(viaGateway, isAdmin),
  },
  User: {
    id: allow,
    displayName: viaGateway,
    email: isOwnAccount,
    role: isOwnAccount,
    active: isOwnAccount,
    preferences: isOwnAccount,
    createdAt: isOwnAccount,
    sessions: isOwnAccount,
    linkedAccounts: isOwnAccount,
  },
  // Reached only through a User (guarded above), the sign-in payloads or the caller's own link mutations.
  Session: allow,
  Preferences: allow,
  AuthPayload: allow,
  LinkedAccount: allow,
  AccountLinkStart: allow,
  Job: viaGateway,
  // Their reference resolvers answer only the export's user, and those who may follow the deletion.
  DataExportJobResult: viaGateway,
  AccountDeletionJobResult: viaGateway,
};
