/**
 * Two-level cache of provider objects: an in-process LRU (L1, lru-cache) in front of Redis (L2,
 * shared by every process and replica), with a time-to-live per kind of object.
 *
 * Stale-while-revalidate: past `freshSeconds` an entry is still served for `staleSeconds` more, and
 * one background refresh per key replaces it. Misses are cached too ("Spotify has no such track"),
 * for `missSeconds`, so an unknown id does not cost a call per request.
 * `invalidate` drops a key from both levels here and, through Redis pub/sub, from every other
 * process's L1.
 */
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { logger } from '../../platform/logger.js';
import { redisKey } from '../../platform/redis/connection.js';
import { cacheLookups } from '../metrics.js';

export interface CacheKind {
  /** Served as is for this long after the fetch. */
  freshSeconds: number;
  /** Then served while one background refresh runs, for this long. */
  staleSeconds: number;
  /** How long "the provider has no such object" is remembered. */
  missSeconds: number;
  /** In-process entries of this kind at most. */
  l1Max: number;
}

interface Entry<T> {
  /** null: the provider said it has no such object. */
  value: T | null;
  fetchedAt: number;
}

export type Level = 'l1' | 'l2';
export interface LevelStats {
  fresh: number;
  stale: number;
  miss: number;
}

/** Loads the given keys from the provider; a key absent from the map (or null) does not exist there. */
export type FetchMany<T> = (keys: string[]) => Promise<Map<string, T | null>>;

const INVALIDATION_CHANNEL = 'provider-cache:invalidate';

export class ProviderCache {
  private readonly l1 = new Map<string, LRUCache<string, Entry<unknown>>>();
  private readonly refreshing = new Set<string>();
  private readonly counts: Record<Level, LevelStats> = { l1: { fresh: 0, stale: 0, miss: 0 }, l2: { fresh: 0, stale: 0, miss: 0 } };
  private readonly log = logger().child({ component: 'provider-cache' });
  private subscriber: Redis | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly kinds: Record<string, CacheKind>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Listens for other processes' invalidations (a second connection: a subscribed one can do nothing else). */
  async listenForInvalidations(): Promise<void> {
    if (this.subscriber) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('error', () => {}); // the command connection already logs outages
    this.subscriber.on('message', (_channel: string, message: string) => {
      const [kind, key] = JSON.parse(message) as [string, string];
      this.l1.get(kind)?.delete(key);
    });
    await this.subscriber.subscribe(redisKey(INVALIDATION_CHANNEL));
  }

  async close(): Promise<void> {
    await this.subscriber?.quit();
  }

  /**
   * The objects of `kind` for `keys` (each key once), fetching only what neither level holds fresh
   * or stale enough. The returned map holds null for objects the provider does not have.
   */
  async getMany<T>(kind: string, keys: readonly string[], fetch: FetchMany<T>): Promise<Map<string, T | null>> {
    const spec = this.spec(kind);
    const result = new Map<string, T | null>();
    const stale: string[] = [];
    const l1 = this.level1(kind);

    let missing: string[] = [];
    for (const key of new Set(keys)) {
      const entry = l1.get(key) as Entry<T> | undefined;
      const state = this.state(entry, spec);
      this.count(kind, 'l1', state);
      if (entry && state !== 'miss') {
        result.set(key, entry.value);
        if (state === 'stale') stale.push(key);
      } else missing.push(key);
    }

    if (missing.length) {
      const stored = await this.readL2<T>(kind, missing);
      const stillMissing: string[] = [];
      for (const key of missing) {
        const entry = stored.get(key);
        const state = this.state(entry, spec);
        this.count(kind, 'l2', state);
        if (entry && state !== 'miss') {
          result.set(key, entry.value);
          l1.set(key, entry, { ttl: this.remainingMs(entry, spec) });
          if (state === 'stale') stale.push(key);
        } else stillMissing.push(key);
      }
      missing = stillMissing;
    }

    if (missing.length) {
      const fetched = await this.fetchAndStore(kind, missing, fetch);
      for (const [key, value] of fetched) result.set(key, value);
    }
    if (stale.length) this.revalidate(kind, stale, fetch);
    return result;
  }

  /** Drops a key of `kind` from both levels, in every process. */
  async invalidate(kind: string, key: string): Promise<void> {
    this.level1(kind).delete(key);
    await this.redis.del(this.l2Key(kind, key));
    await this.redis.publish(redisKey(INVALIDATION_CHANNEL), JSON.stringify([kind, key]));
  }

  /** Lookups per level since start (or the last reset): what the hit ratios are computed from. */
  stats(): Record<Level, LevelStats & { hitRatio: number }> {
    const ratio = (s: LevelStats) => (s.fresh + s.stale + s.miss === 0 ? 0 : (s.fresh + s.stale) / (s.fresh + s.stale + s.miss));
    return { l1: { ...this.counts.l1, hitRatio: ratio(this.counts.l1) }, l2: { ...this.counts.l2, hitRatio: ratio(this.counts.l2) } };
  }

  resetStats(): void {
    for (const level of Object.values(this.counts)) Object.assign(level, { fresh: 0, stale: 0, miss: 0 });
  }

  /** Forgets this process's L1 (tests and benchmarks: what a new replica would see). */
  clearL1(): void {
    this.l1.clear();
  }

  /** Runs once stale entries have been refreshed; for tests. */
  async settled(): Promise<void> {
    while (this.refreshing.size) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async fetchAndStore<T>(kind: string, keys: string[], fetch: FetchMany<T>): Promise<Map<string, T | null>> {
    const fetched = await fetch(keys);
    const spec = this.spec(kind);
    const fetchedAt = this.now();
    const pipeline = this.redis.pipeline();
    const result = new Map<string, T | null>();
    for (const key of keys) {
      const entry: Entry<T> = { value: fetched.get(key) ?? null, fetchedAt };
      result.set(key, entry.value);
      const ttlMs = this.remainingMs(entry, spec);
      this.level1(kind).set(key, entry, { ttl: ttlMs });
      pipeline.set(this.l2Key(kind, key), JSON.stringify(entry), 'PX', ttlMs);
    }
    // A cache that cannot write still answers: the objects were fetched.
    await pipeline.exec().catch((error: Error) => this.log.warn({ err: error.message, kind }, 'cache write failed'));
    return result;
  }

  /** One background refresh per stale key at a time; failures keep serving the stale entry. */
  private revalidate<T>(kind: string, keys: string[], fetch: FetchMany<T>): void {
    const due = keys.filter((key) => !this.refreshing.has(`${kind}:${key}`));
    if (!due.length) return;
    for (const key of due) this.refreshing.add(`${kind}:${key}`);
    this.fetchAndStore(kind, due, fetch)
      .catch((error: Error) => this.log.warn({ err: error.message, kind, keys: due.length }, 'stale entries not refreshed'))
      .finally(() => due.forEach((key) => this.refreshing.delete(`${kind}:${key}`)));
  }

  private async readL2<T>(kind: string, keys: string[]): Promise<Map<string, Entry<T>>> {
    const found = new Map<string, Entry<T>>();
    try {
      const values = await this.redis.mget(keys.map((key) => this.l2Key(kind, key)));
      values.forEach((value, index) => {
        if (value) found.set(keys[index]!, JSON.parse(value) as Entry<T>);
      });
    } catch (error) {
      // Redis down: behave as a miss and let the provider answer.
      this.log.warn({ err: (error as Error).message, kind }, 'cache read failed');
    }
    return found;
  }

  private state(entry: Entry<unknown> | undefined, spec: CacheKind): 'fresh' | 'stale' | 'miss' {
    if (!entry) return 'miss';
    const age = (this.now() - entry.fetchedAt) / 1000;
    if (entry.value === null) return age < spec.missSeconds ? 'fresh' : 'miss';
    if (age < spec.freshSeconds) return 'fresh';
    return age < spec.freshSeconds + spec.staleSeconds ? 'stale' : 'miss';
  }

  private remainingMs(entry: Entry<unknown>, spec: CacheKind): number {
    const lifetime = entry.value === null ? spec.missSeconds : spec.freshSeconds + spec.staleSeconds;
    return Math.max(1, Math.round(lifetime * 1000 - (this.now() - entry.fetchedAt)));
  }

  private count(kind: string, level: Level, result: 'fresh' | 'stale' | 'miss'): void {
    this.counts[level][result] += 1;
    cacheLookups.inc({ kind, level, result });
  }

  private level1(kind: string): LRUCache<string, Entry<unknown>> {
    let cache = this.l1.get(kind);
    if (!cache) {
      cache = new LRUCache<string, Entry<unknown>>({ max: this.spec(kind).l1Max, ttlAutopurge: false });
      this.l1.set(kind, cache);
    }
    return cache;
  }

  private spec(kind: string): CacheKind {
    const spec = this.kinds[kind];
    if (!spec) throw new Error(`unknown cache kind ${kind}`);
    return spec;
  }

  private l2Key(kind: string, key: string): string {
    return redisKey(`provider-cache:${kind}:${key}`);
  }
}
