/** What the users resolvers receive: the shared context plus this subgraph's services. */
import type { SubgraphContext } from '../../platform/graphql/context.js';
import type { AccountService } from './accounts/accounts.js';
import type { SessionService } from './accounts/sessions.js';
import type { AccountLinking, LinkedAccountTokens } from './linked-accounts/index.js';
import type { DataSource } from 'typeorm';
import type { LoginThrottle } from './accounts/login-throttle.js';
import type { PrivacyJobs } from './privacy/queues.js';

export interface UsersContext extends SubgraphContext {
  accounts: AccountService;
  sessions: SessionService;
  linking: AccountLinking;
  /** Linked accounts' access tokens, for services acting on a user's behalf. */
  linkedAccountTokens: LinkedAccountTokens;
  db: DataSource;
  /** The sign-in throttle, which also guards the password check of `deleteMyAccount`. */
  throttle: LoginThrottle;
  /** The data export and account deletion jobs (privacy/). */
  privacy: PrivacyJobs;
  /** Set by register/login/refresh: the account this request just signed in, whose private fields it may read. */
  signedInNow?: string;
}
