/**
 * Secrets `npm start` makes up on a development machine when they are not set, and keeps in
 * `.data/` so that what they protect survives a restart. Production requires them (config.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A 32-byte AES key (base64) in `<dataDir>/token-encryption.key`, created on first use, readable by the owner only. */
export function developmentEncryptionKey(dataDir: string): string {
  const file = join(dataDir, 'token-encryption.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
