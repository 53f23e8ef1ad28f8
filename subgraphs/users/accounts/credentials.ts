/** Email normalisation, the password policy, and argon2id hashing. */
import argon2 from 'argon2';
import { z } from 'zod';
import { badInput } from '../../../platform/errors.js';

export const MAX_EMAIL_LENGTH = 254;
export const MIN_PASSWORD_LENGTH = 12;
// argon2 cost grows with length; a bound keeps a megabyte "password" from being a denial of service.
export const MAX_PASSWORD_LENGTH = 256;

const emailSchema = z.string().trim().toLowerCase().max(MAX_EMAIL_LENGTH).pipe(z.email());

/** Lower-cased, trimmed email, or BAD_USER_INPUT. */
export function normaliseEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw badInput('Enter a valid email address', 'email');
  return parsed.data;
}

/** The same normalisation without throwing: used to key login throttling even for junk input. */
export function emailKey(raw: string): string {
  return raw.trim().toLowerCase().slice(0, MAX_EMAIL_LENGTH);
}

export function checkPasswordPolicy(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`Password must be at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badInput(`Password must be at most ${MAX_PASSWORD_LENGTH} characters`, 'password');
  }
  if (/^[\p{L}]+$/u.test(password) || /^\d+$/.test(password)) {
    throw badInput('Password must mix letters with digits or symbols', 'password');
  }
  if (new Set(password).size < 5) throw badInput('Password is too repetitive', 'password');
  const localPart = email.split('@')[0] ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    throw badInput('Password must not contain your email name', 'password');
  }
}

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, ARGON2_OPTIONS);

// Verifying against this when the account does not exist makes both paths take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  dummyHash ??= hashPassword('not-a-real-password-0');
  try {
    const ok = await argon2.verify(hash ?? (await dummyHash), password);
    return ok && hash !== undefined;
  } catch {
    return false;
  }
}
