import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isolatedRedisPrefix } from '../testing/redis-prefix.js';
import { ProviderCache, type CacheKind } from './provider-cache.js';

const isolation = isolatedRedisPrefix();
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(async () => {
  redis.disconnect();
  await isolation.cleanup();
});

const KIND: CacheKind = { freshSeconds: 60, staleSeconds: 600, missSeconds: 30, l1Max: 100 };
let now = 1_000_000;
let calls: string[][] = [];
const fetch = async (keys: string[]) => {
  calls.push(keys);
  return new Map(keys.filter((key) => !key.startsWith('unknown')).map((key) => [key, `${key}@${now}`]));
};
const cacheFor = () => new ProviderCache(redis, { thing: KIND }, () => now);

beforeEach(() => {
  calls = [];
  now += 10_000_000; // every test starts on keys nobody holds fresh
});

describe('ProviderCache', () => {
  it('fetches each key once, then serves it from L1, and another process from L2', async () => {
    const cache = cacheFor();
    const first = await cache.getMany('thing', ['a', 'b', 'a'], fetch);
    expect(calls).toEqual([['a', 'b']]);
    expect(first.get('a')).toBe(`a@${now}`);

    await cache.getMany('thing', ['a', 'b'], fetch);
    expect(calls).toHaveLength(1);
    expect(cache.stats().l1).toMatchObject({ fresh: 2, miss: 2 });

    const otherProcess = cacheFor();
    const fromRedis = await otherProcess.getMany('thing', ['a', 'b'], fetch);
    expect(calls).toHaveLength(1);
    expect(fromRedis.get('b')).toBe(first.get('b'));
    expect(otherProcess.stats()).toMatchObject({ l1: { miss: 2, hitRatio: 0 }, l2: { fresh: 2, hitRatio: 1 } });
  });

  it('remembers misses for missSeconds only', async () => {
    const cache = cacheFor();
    expect((await cache.getMany('thing', ['unknown-1'], fetch)).get('unknown-1')).toBeNull();
    await cache.getMany('thing', ['unknown-1'], fetch);
    expect(calls).toHaveLength(1);
    now += 31_000;
    await cache.getMany('thing', ['unknown-1'], fetch);
    expect(calls).toHaveLength(2);
  });

  it('serves a stale entry at once and refreshes it once in the background', async () => {
    const cache = cacheFor();
    const fetchedAt = now;
    await cache.getMany('thing', ['s'], fetch);
    now += 61_000; // stale, not expired
    const [one, two] = await Promise.all([cache.getMany('thing', ['s'], fetch), cache.getMany('thing', ['s'], fetch)]);
    expect(one.get('s')).toBe(`s@${fetchedAt}`);
    expect(two.get('s')).toBe(`s@${fetchedAt}`);
    await cache.settled();
    expect(calls).toEqual([['s'], ['s']]); // one refresh for two stale reads
    expect((await cache.getMany('thing', ['s'], fetch)).get('s')).toBe(`s@${now}`);
    expect(cache.stats().l1.stale).toBe(2);
  });

  it('fetches again once an entry is past its stale window', async () => {
    const cache = cacheFor();
    await cache.getMany('thing', ['e'], fetch);
    now += 661_000;
    expect((await cache.getMany('thing', ['e'], fetch)).get('e')).toBe(`e@${now}`);
    expect(calls).toHaveLength(2);
  });

  it('invalidates a key in both levels and in other processes', async () => {
    const here = cacheFor();
    const there = cacheFor();
    await there.listenForInvalidations();
    await here.getMany('thing', ['i'], fetch);
    await there.getMany('thing', ['i'], fetch); // now in there's L1 too
    expect(calls).toHaveLength(1);

    await here.invalidate('thing', 'i');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the pub/sub message travels
    await there.getMany('thing', ['i'], fetch);
    expect(calls).toHaveLength(2);
    await there.close();
  });

  it('keeps serving stale data when the refresh fails', async () => {
    const cache = cacheFor();
    await cache.getMany('thing', ['f'], fetch);
    now += 61_000;
    const failing = async () => {
      throw new Error('provider down');
    };
    expect((await cache.getMany('thing', ['f'], failing)).get('f')).toMatch(/^f@/);
    await cache.settled();
    expect((await cache.getMany('thing', ['f'], failing)).get('f')).toMatch(/^f@/);
  });
});
