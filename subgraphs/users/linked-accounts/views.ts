/** Linked accounts as the API shows them: provider and status in the schema's enums, and never a token. */
import type { LinkedAccount, LinkedProvider } from '../generated/resolvers.js';
import type { LinkedAccountRecord } from '../store/entities.js';

export function linkedAccountView(account: LinkedAccountRecord): LinkedAccount {
  return {
    provider: account.provider.toUpperCase() as LinkedProvider,
    externalId: account.externalId,
    displayName: account.displayName,
    scopes: account.scopes,
    status: account.status === 'active' ? 'ACTIVE' : 'NEEDS_CONSENT',
    linkedAt: account.linkedAt,
  };
}
