/**
 * Encryption at rest for third-party secrets (linked accounts' OAuth tokens, PKCE verifiers):
 * AES-256-GCM with a fresh 12-byte IV per value, in a compact versioned text form
 *
 *   v1.<iv>.<tag>.<ciphertext>      (each part base64url)
 *
 * The version names the key that sealed the value, so a new key can later be introduced as `v2`
 * while `v1` values stay readable until they are re-encrypted. An optional `context` (additional
 * authenticated data) binds a value to where it is stored, so a ciphertext copied into another
 * row or column does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { config } from '../config.js';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12; // GCM's native nonce size (NIST SP 800-38D)
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface TokenCipher {
  /** Seals `plaintext`; `context` must be given again to open it. */
  encrypt(plaintext: string, context?: string): string;
  /** Opens a value sealed by `encrypt`; throws TokenDecryptionError if it was altered or sealed by another key or context. */
  decrypt(sealed: string, context?: string): string;
}

/** A value that cannot be opened: tampered with, truncated, or sealed under another key or context. */
export class TokenDecryptionError extends Error {
  override name = 'TokenDecryptionError';
}

function decodeKey(keyBase64: string): Buffer {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`token encryption key must be ${KEY_BYTES} bytes, base64-encoded`);
  return key;
}

/** A cipher under `keyBase64` (32 bytes, base64). */
export function createTokenCipher(keyBase64: string): TokenCipher {
  const key = decodeKey(keyBase64);
  return {
    encrypt(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join('.');
    },

    decrypt(sealed, context = '') {
      const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
        throw new TokenDecryptionError('not a v1 sealed token');
      }
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new TokenDecryptionError('malformed sealed token');
      try {
        const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenDecryptionError('sealed token failed authentication');
      }
    },
  };
}

let configured: TokenCipher | undefined;

/**
 * The cipher under TOKEN_ENCRYPTION_KEY. Created on first use, so a process that never touches
 * linked-account tokens starts without the key (production requires it; see config.ts).
 */
export function tokenCipher(): TokenCipher {
  if (!configured) {
    const key = config().TOKEN_ENCRYPTION_KEY;
    if (!key) throw new Error('TOKEN_ENCRYPTION_KEY is not set: linked-account tokens cannot be encrypted');
    configured = createTokenCipher(key);
  }
  return configured;
}
