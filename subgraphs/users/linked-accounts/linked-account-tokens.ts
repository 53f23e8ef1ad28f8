/**
 * A valid access token for a user's linked account, for the work that acts on the user's behalf
 * (library imports read their Spotify playlists). A token that expires within a minute is refreshed
 * first, exactly once however many callers ask at the same moment:
 * - within a process, callers of the same link share one in-flight refresh (a Map of promises);
 * - across processes and replicas, the refresh happens under `SELECT … FOR UPDATE` on the link's row,
 *   and expiry is checked again once the lock is held, so a replica that waited for the lock takes
 *   the token the first one stored instead of refreshing again.
 * The provider call is made while the row is locked: that is what makes it once across replicas;
 * it is bounded by the provider timeout. A rotated refresh token is stored; a refresh token the
 * provider refuses marks the link `needs_consent`.
 */
import type { DataSource } from 'typeorm';
import { tokenCipher, type TokenCipher } from '../../../platform/crypto/token-cipher.js';
import { AppError, ErrorCode } from '../../../platform/errors.js';
import { InvalidGrantError, PROVIDER_DISPLAY_NAMES as NAMES, refreshAccessToken, type OAuthProvider } from '../../../providers/oauth/index.js';
import { LinkedAccountEntity, type LinkedAccountRecord } from '../store/entities.js';
import { linkSealer } from './sealing.js';

/** A token closer to its expiry than this is refreshed before use. */
export const REFRESH_MARGIN_MS = 60_000;

export const accountNotLinked = (provider: OAuthProvider) =>
  new AppError(ErrorCode.FORBIDDEN, `No ${NAMES[provider]} account is linked`, { provider, reason: 'ACCOUNT_NOT_LINKED' });

export const accountNeedsConsent = (provider: OAuthProvider) =>
  new AppError(ErrorCode.FORBIDDEN, `The linked ${NAMES[provider]} account must be linked again`, { provider, reason: 'ACCOUNT_NEEDS_CONSENT' });

export interface LinkedAccountTokenDeps {
  dataSource: DataSource;
  cipher?: () => TokenCipher;
}

export function createLinkedAccountTokens({ dataSource, cipher = tokenCipher }: LinkedAccountTokenDeps) {
  const inFlight = new Map<string, Promise<string>>();

  /** The decrypted access token if it is good for at least the margin; throws when there is no usable link. */
  function freshToken(account: LinkedAccountRecord | null, provider: OAuthProvider): string | undefined {
    if (!account) throw accountNotLinked(provider);
    if (account.status === 'needs_consent') throw accountNeedsConsent(provider);
    if (account.accessTokenExpiresAt.getTime() - Date.now() <= REFRESH_MARGIN_MS) return undefined;
    return linkSealer(cipher(), account.userId, provider).open('access', account.encryptedAccessToken);
  }

  async function refreshUnderLock(userId: string, provider: OAuthProvider): Promise<string> {
    const outcome = await dataSource.transaction(async (tx) => {
      const links = tx.getRepository(LinkedAccountEntity);
      const account = await links
        .createQueryBuilder('link')
        .setLock('pessimistic_write')
        .where('link.user_id = :userId AND link.provider = :provider', { userId, provider })
        .getOne();
      // Another process may have refreshed while we waited for the lock.
      const stored = freshToken(account, provider);
      if (stored !== undefined) return { token: stored };
      const link = account!;
      const sealer = linkSealer(cipher(), userId, provider);
      try {
        const tokens = await refreshAccessToken(provider, sealer.open('refresh', link.encryptedRefreshToken));
        await links.update(link.id, {
          encryptedAccessToken: sealer.seal('access', tokens.accessToken),
          accessTokenExpiresAt: tokens.expiresAt,
          ...(tokens.refreshToken ? { encryptedRefreshToken: sealer.seal('refresh', tokens.refreshToken) } : {}),
          ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
        });
        return { token: tokens.accessToken };
      } catch (error) {
        if (!(error instanceof InvalidGrantError)) throw error;
        // Committed, not rolled back: the link stays marked until the user links again.
        await links.update(link.id, { status: 'needs_consent' });
        return { needsConsent: true as const };
      }
    });
    if ('needsConsent' in outcome) throw accountNeedsConsent(provider);
    return outcome.token;
  }

  return {
    /**
     * The user's access token at `provider`, refreshed first when it expires within REFRESH_MARGIN_MS.
     * FORBIDDEN (`reason` ACCOUNT_NOT_LINKED or ACCOUNT_NEEDS_CONSENT) when there is no usable link;
     * PROVIDER_UNAVAILABLE when the provider cannot refresh it now.
     */
    async linkedAccountToken(userId: string, provider: OAuthProvider): Promise<string> {
      const account = await dataSource.getRepository(LinkedAccountEntity).findOneBy({ userId, provider });
      const token = freshToken(account, provider);
      if (token !== undefined) return token;
      const key = `${userId}:${provider}`;
      let refreshing = inFlight.get(key);
      if (!refreshing) {
        refreshing = refreshUnderLock(userId, provider).finally(() => inFlight.delete(key));
        inFlight.set(key, refreshing);
      }
      return refreshing;
    },
  };
}

export type LinkedAccountTokens = ReturnType<typeof createLinkedAccountTokens>;
