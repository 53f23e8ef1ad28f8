import { describe, expect, it } from 'vitest';
import { CachedAccessToken } from './access-token.js';

describe('CachedAccessToken', () => {
  it('issues one token for 50 concurrent callers, and renews it a minute before it expires', async () => {
    let now = 0;
    let issued = 0;
    const token = new CachedAccessToken(
      async () => {
        issued += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { accessToken: `token-${issued}`, expiresInSeconds: 3600 };
      },
      60_000,
      () => now,
    );
    const first = await Promise.all(Array.from({ length: 50 }, () => token.get()));
    expect(new Set(first)).toEqual(new Set(['token-1']));
    expect(issued).toBe(1);

    now = 3600_000 - 60_001; // still more than a minute left
    expect(await token.get()).toBe('token-1');
    now = 3600_000 - 59_999; // less than a minute left: renewed, once
    const renewed = await Promise.all(Array.from({ length: 50 }, () => token.get()));
    expect(new Set(renewed)).toEqual(new Set(['token-2']));
    expect(issued).toBe(2);
  });

  it('drops a refused token once, however many callers report it', async () => {
    let issued = 0;
    const token = new CachedAccessToken(async () => ({ accessToken: `token-${++issued}`, expiresInSeconds: 3600 }));
    const refused = await token.get();
    token.invalidate(refused);
    const next = await token.get();
    token.invalidate(refused); // a late report about the old token does not drop the new one
    expect(await token.get()).toBe(next);
    expect(issued).toBe(2);
  });

  it('lets the next caller try again after a failed issue', async () => {
    let attempts = 0;
    const token = new CachedAccessToken(async () => {
      if (++attempts === 1) throw new Error('accounts service down');
      return { accessToken: 'ok', expiresInSeconds: 3600 };
    });
    await expect(token.get()).rejects.toThrow('accounts service down');
    expect(await token.get()).toBe('ok');
  });
});
