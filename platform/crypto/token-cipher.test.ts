/** AES-256-GCM sealing of tokens at rest: what goes in comes out, and nothing else does. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenDecryptionError, createTokenCipher } from './token-cipher.js';

const newKey = () => randomBytes(32).toString('base64');
const cipher = createTokenCipher(newKey());

/** `sealed` with one byte of its `index`-th dot-separated part flipped. */
function flipByte(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('token cipher', () => {
  it('round-trips text, including empty and non-ASCII values', () => {
    for (const plaintext of ['BQD-access-token_123', '', 'ünïcødé 🎵', 'x'.repeat(10_000)]) {
      expect(cipher.decrypt(cipher.encrypt(plaintext))).toBe(plaintext);
    }
  });

  it('writes the versioned compact form, never the plaintext', () => {
    const sealed = cipher.encrypt('secret-refresh-token');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('secret');
  });

  it('uses a fresh IV for every value, so equal tokens do not look equal', () => {
    const sealed = Array.from({ length: 50 }, () => cipher.encrypt('same token'));
    expect(new Set(sealed).size).toBe(50);
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(50);
  });

  it.each([
    ['the IV', 1],
    ['the tag', 2],
    ['the ciphertext', 3],
  ])('detects tampering with %s', (_part, index) => {
    const sealed = cipher.encrypt('access-token');
    expect(() => cipher.decrypt(flipByte(sealed, index))).toThrow(TokenDecryptionError);
  });

  it('refuses malformed values and unknown versions', () => {
    const sealed = cipher.encrypt('access-token');
    for (const bad of ['', 'plain-token', sealed.replace(/^v1/, 'v2'), `${sealed}.extra`, sealed.split('.').slice(0, 3).join('.')]) {
      expect(() => cipher.decrypt(bad)).toThrow(TokenDecryptionError);
    }
  });

  it('fails under another key', () => {
    const sealed = cipher.encrypt('access-token');
    expect(() => createTokenCipher(newKey()).decrypt(sealed)).toThrow(TokenDecryptionError);
  });

  it('binds a value to its context', () => {
    const sealed = cipher.encrypt('access-token', 'linked_accounts/u1/spotify/access');
    expect(cipher.decrypt(sealed, 'linked_accounts/u1/spotify/access')).toBe('access-token');
    expect(() => cipher.decrypt(sealed, 'linked_accounts/u2/spotify/access')).toThrow(TokenDecryptionError);
    expect(() => cipher.decrypt(sealed)).toThrow(TokenDecryptionError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createTokenCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => createTokenCipher('')).toThrow(/32 bytes/);
  });
});
