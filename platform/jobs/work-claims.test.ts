/** Claims on shared units of work against a real Redis, under a key prefix of this file's own. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

const prefix = `test:claims:${randomBytes(4).toString('hex')}:`;
process.env.REDIS_KEY_PREFIX = prefix;
const { WorkClaims } = await import('./work-claims.js');

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

let n = 0;
const claimsOf = (ttlMs?: number) => new WorkClaims(redis, `test-claim-${n++}`, ttlMs);

describe('WorkClaims', () => {
  it('gives each unit to one holder; the other sees it busy; claims are re-entrant', async () => {
    const claims = claimsOf();
    expect(await claims.claim(['a', 'b'], 'job-1')).toEqual({ claimed: ['a', 'b'], busy: [] });
    expect(await claims.claim(['b', 'c'], 'job-2')).toEqual({ claimed: ['c'], busy: ['b'] });
    expect(await claims.claim(['a', 'c'], 'job-1')).toEqual({ claimed: ['a'], busy: ['c'] });
    expect((await redis.keys(`${prefix}*`)).length).toBeGreaterThanOrEqual(3);
  });

  it('of many concurrent claimers of one unit, exactly one wins', async () => {
    const claims = claimsOf();
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => claims.claim(['shared'], `job-${i}`)));
    expect(outcomes.filter((outcome) => outcome.claimed.length === 1)).toHaveLength(1);
  });

  it('releases only its own claims, and waiting holders see the units free', async () => {
    const claims = claimsOf();
    await claims.claim(['x', 'y'], 'job-1');
    await claims.release(['x', 'y'], 'job-2'); // not job-2's to release
    expect(await claims.stillClaimed(['x', 'y'])).toEqual(['x', 'y']);
    const waiting = claims.untilAnyFree(['x', 'y'], { pollMs: 10 });
    await claims.holding(['x'], 'job-1', async () => undefined); // works on x, then lets it go
    expect(await waiting).toEqual(['x']);
    expect(await claims.claim(['x'], 'job-2')).toEqual({ claimed: ['x'], busy: [] });
  });

  it("expires a dead holder's claims, and keeps a live holder's alive", async () => {
    const claims = claimsOf(1_500);
    await claims.claim(['dead'], 'job-1');
    await claims.claim(['alive'], 'job-2');
    await claims.holding(['alive'], 'job-2', async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      expect(await claims.stillClaimed(['dead', 'alive'])).toEqual(['alive']);
    });
    expect(await claims.stillClaimed(['alive'])).toEqual([]);
  });
});
