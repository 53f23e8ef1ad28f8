import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../platform/errors.js';
import { QuotaExhaustedError } from '../http/errors.js';
import { isolatedRedisPrefix } from '../testing/redis-prefix.js';
import { YouTubeQuota } from './youtube-quota.js';

const isolation = isolatedRedisPrefix();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(async () => {
  redis.disconnect();
  await isolation.cleanup();
});

let day = 0;
const quotaAt = (instant: string, limits = { dailyUnits: 10, searchCalls: 5, interactiveReserve: 0.4 }) => {
  day += 1; // each test its own Pacific days
  const base = new Date(instant).getTime() + day * 86_400_000 * 10;
  const clock = { now: base };
  return { quota: new YouTubeQuota(redis, limits, () => new Date(clock.now)), clock };
};

describe('YouTubeQuota', () => {
  it('charges search.list to its own bucket of calls, not to the units', async () => {
    const { quota } = quotaAt('2026-12-01T12:00:00Z');
    await quota.spend('search.list', 'interactive');
    await quota.spend('videos.list', 'interactive');
    await quota.spend('playlistItems.list', 'interactive');
    const usage = await quota.usage();
    expect(usage.search).toEqual({ used: 1, left: 4 });
    expect(usage.units).toEqual({ used: 2, left: 8 });
  });

  it('stops background callers at the interactive reserve, and interactive ones at the limit', async () => {
    const { quota } = quotaAt('2026-12-01T12:00:00Z');
    for (let i = 0; i < 3; i++) await quota.spend('search.list', 'background'); // floor(5 × 0.6) = 3
    const refused = await quota.spend('search.list', 'background').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QuotaExhaustedError);
    await quota.spend('search.list', 'interactive');
    await quota.spend('search.list', 'interactive');
    const spent = (await quota.spend('search.list', 'interactive').catch((error: unknown) => error)) as QuotaExhaustedError;
    expect(spent.extensions).toMatchObject({ code: ErrorCode.QUOTA_EXHAUSTED, provider: 'youtube', bucket: 'search' });
    expect((await quota.usage()).search).toEqual({ used: 5, left: 0 });
  });

  it('says when the budget comes back: the next midnight Pacific, when it does', async () => {
    const { quota, clock } = quotaAt('2026-12-01T20:00:00Z');
    for (let i = 0; i < 5; i++) await quota.spend('search.list', 'interactive');
    const error = (await quota.spend('search.list', 'interactive').catch((e: unknown) => e)) as QuotaExhaustedError;
    const midnight = error.resetsAt.getTime();
    expect(new Date(midnight).getUTCHours()).toBe(8); // winter: midnight PST is 08:00 UTC
    expect(midnight).toBeGreaterThan(clock.now);
    expect(midnight - clock.now).toBeLessThanOrEqual(86_400_000);

    clock.now = midnight - 1;
    await expect(quota.spend('search.list', 'interactive')).rejects.toBeInstanceOf(QuotaExhaustedError);
    clock.now = midnight;
    await quota.spend('search.list', 'interactive');
    expect((await quota.usage()).search.used).toBe(1);
  });

  it('is shared: two clients (two replicas) never spend more than the budget together', async () => {
    const { quota: one, clock } = quotaAt('2026-12-01T12:00:00Z', { dailyUnits: 20, searchCalls: 1, interactiveReserve: 0 });
    const two = new YouTubeQuota(redis, { dailyUnits: 20, searchCalls: 1, interactiveReserve: 0 }, () => new Date(clock.now));
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).spend('videos.list', 'interactive')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect((await one.usage()).units).toEqual({ used: 20, left: 0 });
  });

  it('believes YouTube when it says quotaExceeded before our count does', async () => {
    const { quota } = quotaAt('2026-12-01T12:00:00Z');
    await quota.spend('videos.list', 'interactive');
    const error = await quota.markSpent('units');
    expect(error.extensions.code).toBe(ErrorCode.QUOTA_EXHAUSTED);
    await expect(quota.spend('videos.list', 'interactive')).rejects.toBeInstanceOf(QuotaExhaustedError);
    await quota.spend('search.list', 'interactive'); // the other bucket is untouched
  });
});
