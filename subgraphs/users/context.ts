/** What the users resolvers receive: the shared context plus this subgraph's services. */
import type { SubgraphContext } from '../../platform/graphql/context.js';
import type { AccountService } from './accounts/accounts.js';
import type { SessionService } from './accounts/sessions.js';
import type { AccountLinking } from './linked-accounts/index.js';

export interface UsersContext extends SubgraphContext {
  accounts: AccountService;
  sessions: SessionService;
  linking: AccountLinking;
  /** Set by register/login/refresh: the account this request just signed in, whose private fields it may read. */
  signedInNow?: string;
}
