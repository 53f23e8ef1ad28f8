/** Failed logins slow down per account and per IP, and never reveal which emails exist. */
import { describe, expect, it } from 'vitest';
import { errorCodes, login, register, uniqueEmail, uniqueIp } from '../harness/client.js';
import { TEST_LOGIN_LIMITS } from '../harness/test-env.js';

const { freeAttempts, baseDelaySeconds, ipFreeAttempts } = TEST_LOGIN_LIMITS;

const waitSeconds = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 150));

describe('failed-login throttling', () => {
  it('locks an account after the free attempts, with a delay that grows, even for the right password', async () => {
    const user = await register();
    for (let i = 1; i < freeAttempts; i++) {
      expect(errorCodes(await login(user.email, 'Wrong-password-1'))).toEqual(['UNAUTHENTICATED']);
    }
    // The last free failure locks the account for the base delay.
    expect(errorCodes(await login(user.email, 'Wrong-password-1'))).toEqual(['UNAUTHENTICATED']);
    const locked = await login(user.email, user.password, { ip: uniqueIp() });
    expect(errorCodes(locked)).toEqual(['RATE_LIMITED']);
    const firstDelay = locked.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(firstDelay).toBeGreaterThan(0);
    expect(firstDelay).toBeLessThanOrEqual(baseDelaySeconds);

    await waitSeconds(firstDelay);
    expect(errorCodes(await login(user.email, 'Wrong-password-2'))).toEqual(['UNAUTHENTICATED']);
    const lockedAgain = await login(user.email, user.password);
    expect(errorCodes(lockedAgain)).toEqual(['RATE_LIMITED']);
    // Twice the first delay, less whatever time the request took to land.
    expect(lockedAgain.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(baseDelaySeconds);
    expect(lockedAgain.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(baseDelaySeconds * 2);

    await waitSeconds(baseDelaySeconds * 2);
    const ok = await login(user.email, user.password);
    expect(ok.errors).toBeUndefined();
    // Success clears the count: the next failure is free again.
    expect(errorCodes(await login(user.email, 'Wrong-password-3'))).toEqual(['UNAUTHENTICATED']);
    expect((await login(user.email, user.password)).errors).toBeUndefined();
  });

  it('treats an unknown email exactly like a known one', async () => {
    const known = await register();
    const unknown = uniqueEmail('nobody');
    const transcript = async (email: string) => {
      const answers: unknown[] = [];
      for (let i = 0; i <= freeAttempts; i++) {
        const response = await login(email, 'Wrong-password-1');
        // The wait itself is left out: it depends on when each request landed, not on the account.
        answers.push(response.errors?.map((e) => [e.message, e.extensions?.code, typeof e.extensions?.retryAfterSeconds]));
      }
      return answers;
    };
    expect(await transcript(unknown)).toEqual(await transcript(known.email));
  });

  it('locks an IP that fails across many accounts, with a delay that grows', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < ipFreeAttempts; i++) {
      expect(errorCodes(await login(uniqueEmail('spray'), 'Wrong-password-1', { ip }))).toEqual(['UNAUTHENTICATED']);
    }
    const user = await register();
    const blocked = await login(user.email, user.password, { ip });
    expect(errorCodes(blocked)).toEqual(['RATE_LIMITED']);
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(baseDelaySeconds);
    // The same account from another address is fine: the lock is the address's.
    expect((await login(user.email, user.password, { ip: uniqueIp() })).errors).toBeUndefined();

    await waitSeconds(baseDelaySeconds);
    expect(errorCodes(await login(uniqueEmail('spray'), 'Wrong-password-1', { ip }))).toEqual(['UNAUTHENTICATED']);
    const blockedLonger = await login(user.email, user.password, { ip });
    expect(errorCodes(blockedLonger)).toEqual(['RATE_LIMITED']);
    expect(blockedLonger.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(baseDelaySeconds);
    expect(blockedLonger.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(baseDelaySeconds * 2);
  });
});
