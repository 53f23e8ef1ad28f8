/**
 * The users subgraph's own part of a data export and account deletion: the account, its sessions,
 * its linked accounts and pending links. Exported without secrets: no password hash, no refresh
 * token hashes, no linked-account tokens or PKCE verifiers, no OAuth state hashes.
 *
 * Erase removes the account row last; sessions, refresh tokens, linked accounts (with their
 * encrypted tokens) and link requests go with it (ON DELETE CASCADE). Nothing is kept: no tombstone
 * is needed, since account ids are random UUIDs never issued twice, and the email is free to
 * register again.
 */
import type { DataSource } from 'typeorm';
import type { PrivacySection } from '../../../platform/privacy/contract.js';
import { AccountLinkRequestEntity, LinkedAccountEntity, SessionEntity, UserEntity } from '../store/entities.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export async function exportAccountData(db: DataSource, userId: string): Promise<PrivacySection | null> {
  const user = await db.getRepository(UserEntity).findOneBy({ id: userId });
  if (!user) return null;
  const sessions = await db.getRepository(SessionEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
  const linked = await db.getRepository(LinkedAccountEntity).find({ where: { userId }, order: { linkedAt: 'ASC' } });
  const linkRequests = await db.getRepository(AccountLinkRequestEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
  return {
    account: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      active: user.active,
      preferences: user.preferences,
      createdAt: iso(user.createdAt),
      updatedAt: iso(user.updatedAt),
      deactivatedAt: iso(user.deactivatedAt),
    },
    sessions: sessions.map((s) => ({
      id: s.id,
      deviceName: s.deviceName,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: iso(s.createdAt),
      lastActiveAt: iso(s.lastActiveAt),
      expiresAt: iso(s.expiresAt),
      endedAt: iso(s.endedAt),
      endReason: s.endReason,
    })),
    linkedAccounts: linked.map((a) => ({
      provider: a.provider,
      externalId: a.externalId,
      displayName: a.displayName,
      scopes: a.scopes,
      status: a.status,
      linkedAt: iso(a.linkedAt),
    })),
    pendingAccountLinks: linkRequests.map((r) => ({ provider: r.provider, createdAt: iso(r.createdAt), expiresAt: iso(r.expiresAt), usedAt: iso(r.usedAt) })),
  };
}

/** Every session id the account ever had (ended ones too): their access tokens must be refused. */
export async function accountSessionIds(db: DataSource, userId: string): Promise<string[]> {
  const rows = await db.getRepository(SessionEntity).find({ select: { id: true }, where: { userId } });
  return rows.map((row) => row.id);
}

/** Deletes the account and, by cascade, everything the users database holds about it. Idempotent. */
export async function eraseAccountRows(db: DataSource, userId: string): Promise<Record<string, number>> {
  return db.transaction(async (m) => {
    const count = async (sql: string) => ((await m.query(sql, [userId])) as [unknown, number])[1];
    const linkRequests = await count('DELETE FROM account_link_requests WHERE user_id = $1');
    const linkedAccounts = await count('DELETE FROM linked_accounts WHERE user_id = $1');
    const refreshTokens = await count('DELETE FROM refresh_tokens WHERE session_id IN (SELECT id FROM sessions WHERE user_id = $1)');
    const sessions = await count('DELETE FROM sessions WHERE user_id = $1');
    const accounts = await count('DELETE FROM users WHERE id = $1');
    return { accountsDeleted: accounts, sessionsDeleted: sessions, refreshTokensDeleted: refreshTokens, linkedAccountsDeleted: linkedAccounts, linkRequestsDeleted: linkRequests };
  });
}
