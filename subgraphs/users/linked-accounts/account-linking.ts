/**
 * Linking a user's Spotify or Google account: start (state + PKCE, the consent URL), finish (claim
 * the state, exchange the code, read who the account is, store its tokens sealed), unlink, list.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { config } from '../../../platform/config.js';
import { tokenCipher, type TokenCipher } from '../../../platform/crypto/token-cipher.js';
import { conflict } from '../../../platform/errors.js';
import { authorizeUrl, createPkcePair, exchangeCode, fetchExternalAccount, type OAuthProvider } from '../../../providers/oauth/index.js';
import { LinkedAccountEntity, type LinkedAccountRecord } from '../store/entities.js';
import { claimLinkRequest, createLinkRequest } from './link-requests.js';
import { linkSealer } from './sealing.js';

export interface AccountLinkStart {
  authorizeUrl: string;
  state: string;
  expiresAt: Date;
}

/** What is linked at each provider, for messages. */
const EXTERNAL_ACCOUNT: Record<OAuthProvider, string> = { spotify: 'Spotify account', google: 'YouTube channel' };

const violates = (error: unknown, constraint: string) =>
  (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;

export interface AccountLinkingDeps {
  dataSource: DataSource;
  /** The cipher for tokens at rest; looked up on use, so the subgraph starts without a key. */
  cipher?: () => TokenCipher;
}

export function createAccountLinking({ dataSource, cipher = tokenCipher }: AccountLinkingDeps) {
  const accounts = dataSource.getRepository(LinkedAccountEntity);
  const redirectUri = () => config().ACCOUNT_LINK_REDIRECT_URI;

  return {
    async start(userId: string, provider: OAuthProvider): Promise<AccountLinkStart> {
      const state = randomBytes(32).toString('base64url');
      const { codeVerifier, codeChallenge } = createPkcePair();
      // Built first: an unconfigured provider fails before anything is stored.
      const url = authorizeUrl(provider, { state, codeChallenge, redirectUri: redirectUri() });
      const expiresAt = await createLinkRequest(dataSource, cipher(), { userId, provider, state, codeVerifier });
      return { authorizeUrl: url, state, expiresAt };
    },

    async finish(userId: string, provider: OAuthProvider, code: string, state: string): Promise<LinkedAccountRecord> {
      const codeVerifier = await claimLinkRequest(dataSource, cipher(), { userId, provider, state });
      const tokens = await exchangeCode(provider, { code, codeVerifier, redirectUri: redirectUri() });
      const external = await fetchExternalAccount(provider, tokens.accessToken);
      const sealer = linkSealer(cipher(), userId, provider);
      try {
        // Linking again replaces the previous link to that provider, whichever account it was.
        await accounts
          .createQueryBuilder()
          .insert()
          .values({
            userId,
            provider,
            externalId: external.externalId,
            displayName: external.displayName,
            encryptedAccessToken: sealer.seal('access', tokens.accessToken),
            encryptedRefreshToken: sealer.seal('refresh', tokens.refreshToken),
            accessTokenExpiresAt: tokens.expiresAt,
            scopes: tokens.scopes ?? [],
            status: 'active',
            linkedAt: () => 'now()',
            updatedAt: () => 'now()',
          })
          .orUpdate(
            ['external_id', 'display_name', 'encrypted_access_token', 'encrypted_refresh_token', 'access_token_expires_at', 'scopes', 'status', 'linked_at', 'updated_at'],
            ['user_id', 'provider'],
          )
          .execute();
      } catch (error) {
        if (violates(error, 'linked_accounts_external_once')) {
          throw conflict(`This ${EXTERNAL_ACCOUNT[provider]} is already linked to another user`);
        }
        throw error;
      }
      return accounts.findOneByOrFail({ userId, provider });
    },

    /** True when a link was removed. Its tokens go with the row. */
    async unlink(userId: string, provider: OAuthProvider): Promise<boolean> {
      const { affected } = await accounts.delete({ userId, provider });
      return Boolean(affected);
    },

    list: (userId: string) => accounts.find({ where: { userId }, order: { provider: 'ASC' } }),
  };
}

export type AccountLinking = ReturnType<typeof createAccountLinking>;
