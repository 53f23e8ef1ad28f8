/**
 * Claims on units of work shared by different jobs (a track in two mapping batches, later a playlist
 * in an import and a sync), so that two jobs never do the same unit at the same time. A claim is a
 * Redis key set only if absent (`SET NX PX`), holding the claiming job's id, renewed while the job
 * works and removed by it afterwards (compare-and-delete, so a job never drops another's claim); if
 * the job's process dies, the claim expires by itself. A job that finds units claimed does the rest
 * first, then waits for those claims to go and takes the units again: by then their work is done.
 *
 * Keys are claimed one command each (pipelined), never in one multi-key script, so that the claims
 * of one batch may live on different Redis Cluster slots.
 */
import type { Redis } from 'ioredis';
import { redisKey } from '../redis/connection.js';

// Deletes the claim only if this holder still has it.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// Extends the claim only if this holder still has it.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface ClaimOutcome {
  /** Units this holder now has (including ones it already held: claims are re-entrant). */
  claimed: string[];
  /** Units another holder has. */
  busy: string[];
}

export class WorkClaims {
  constructor(
    private readonly redis: Redis,
    /** e.g. `catalog:mapping-claim`: claims of one kind of unit. */
    private readonly namespace: string,
    readonly ttlMs = 60_000,
  ) {}

  async claim(units: readonly string[], holder: string): Promise<ClaimOutcome> {
    if (units.length === 0) return { claimed: [], busy: [] };
    const pipeline = this.redis.pipeline();
    for (const unit of units) pipeline.set(this.key(unit), holder, 'PX', this.ttlMs, 'NX');
    for (const unit of units) pipeline.get(this.key(unit));
    const replies = (await pipeline.exec()) ?? [];
    const claimed: string[] = [];
    const busy: string[] = [];
    units.forEach((unit, index) => {
      const owner = replies[units.length + index]?.[1];
      (owner === holder ? claimed : busy).push(unit);
    });
    if (claimed.length) await this.renew(claimed, holder); // re-entrant claims get a fresh TTL too
    return { claimed, busy };
  }

  async renew(units: readonly string[], holder: string): Promise<void> {
    if (units.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const unit of units) pipeline.eval(RENEW, 1, this.key(unit), holder, this.ttlMs);
    await pipeline.exec();
  }

  async release(units: readonly string[], holder: string): Promise<void> {
    if (units.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const unit of units) pipeline.eval(RELEASE, 1, this.key(unit), holder);
    await pipeline.exec();
  }

  /** The units some holder still claims. */
  async stillClaimed(units: readonly string[]): Promise<string[]> {
    if (units.length === 0) return [];
    const owners = await this.redis.mget(...units.map((unit) => this.key(unit)));
    return units.filter((_unit, index) => owners[index] !== null);
  }

  /** Waits until at least one of `units` is free (or all are), polling; resolves with the free ones. */
  async untilAnyFree(units: readonly string[], options: { pollMs?: number; signal?: AbortSignal } = {}): Promise<string[]> {
    const pollMs = options.pollMs ?? 250;
    for (;;) {
      const held = new Set(await this.stillClaimed(units));
      const free = units.filter((unit) => !held.has(unit));
      if (free.length > 0 || units.length === 0) return free;
      options.signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /**
   * Runs `work` on the claimed units while keeping their claims alive, and releases them afterwards
   * whatever happens.
   */
  async holding<T>(units: readonly string[], holder: string, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => void this.renew(units, holder).catch(() => undefined), Math.max(1000, Math.floor(this.ttlMs / 3)));
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await this.release(units, holder);
    }
  }

  private key(unit: string): string {
    return redisKey(this.namespace, unit);
  }
}
