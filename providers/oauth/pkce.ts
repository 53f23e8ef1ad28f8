/**
 * PKCE (RFC 7636): a fresh verifier per authorization (32 random bytes, base64url: 43 characters,
 * within the 43–128 the RFC allows) and its S256 challenge, BASE64URL(SHA-256(verifier)).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
}

export const codeChallengeOf = (codeVerifier: string): string => createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');

export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: codeChallengeOf(codeVerifier) };
}
