/**
 * How linked-account secrets are sealed (platform/crypto/token-cipher.ts): each ciphertext is bound
 * to its row and column through the cipher's context, so a token copied into another user's row,
 * or an access token swapped with a refresh token, no longer decrypts.
 */
import type { TokenCipher } from '../../../platform/crypto/token-cipher.js';
import type { OAuthProvider } from '../../../providers/oauth/index.js';

export type LinkSecret = 'access' | 'refresh';

export function linkSealer(cipher: TokenCipher, userId: string, provider: OAuthProvider) {
  const context = (secret: LinkSecret) => `linked_accounts:${userId}:${provider}:${secret}`;
  return {
    seal: (secret: LinkSecret, token: string) => cipher.encrypt(token, context(secret)),
    open: (secret: LinkSecret, sealed: string) => cipher.decrypt(sealed, context(secret)),
  };
}

export const codeVerifierContext = (stateHash: string) => `account_link_requests:${stateHash}`;
