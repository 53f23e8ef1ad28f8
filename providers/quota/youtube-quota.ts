/**
 * YouTube Data API budgets, kept in Redis so that every process and replica spends from the same
 * day: 10,000 units (1 per `videos.list` / `channels.list` / `playlistItems.list` / `playlists.list`
 * page) and, since June 2026, a separate bucket of 100 `search.list` calls. Both reset at midnight
 * Pacific time. A call is paid for before it is sent (an atomic check-and-add in Lua, so two
 * replicas cannot both take the last unit); background callers stop at the interactive reserve.
 */
import type { Redis } from 'ioredis';
import { redisKey } from '../../platform/redis/connection.js';
import { QuotaExhaustedError } from '../http/errors.js';
import { quotaRemaining } from '../metrics.js';
import { nextPacificMidnight, pacificDay } from './pacific-day.js';
import type { CallerPriority } from './priority.js';

export type YouTubeMethod = 'videos.list' | 'channels.list' | 'playlistItems.list' | 'playlists.list' | 'search.list';
export type YouTubeBucket = 'units' | 'search';

/** What one call costs, and from which bucket. */
export const YOUTUBE_COST: Record<YouTubeMethod, { bucket: YouTubeBucket; cost: number }> = {
  'videos.list': { bucket: 'units', cost: 1 },
  'channels.list': { bucket: 'units', cost: 1 },
  'playlistItems.list': { bucket: 'units', cost: 1 },
  'playlists.list': { bucket: 'units', cost: 1 },
  'search.list': { bucket: 'search', cost: 1 },
};

export interface YouTubeQuotaLimits {
  dailyUnits: number;
  searchCalls: number;
  /** Share of each bucket background callers leave to interactive ones (0-1). */
  interactiveReserve: number;
}

// Adds the cost unless that would pass the caller's limit; the key lives until the day is over.
const SPEND = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
if used + cost > tonumber(ARGV[2]) then return -1 end
local total = redis.call('INCRBY', KEYS[1], cost)
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return total`;

export class YouTubeQuota {
  constructor(
    private readonly redis: Redis,
    private readonly limits: YouTubeQuotaLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Pays for one call of `method`, or throws QUOTA_EXHAUSTED with the time of the reset. */
  async spend(method: YouTubeMethod, priority: CallerPriority): Promise<void> {
    const { bucket, cost } = YOUTUBE_COST[method];
    const now = this.now();
    const resetsAt = nextPacificMidnight(now);
    const limit = this.limitFor(bucket, priority);
    const total = (await this.redis.eval(SPEND, 1, this.key(bucket, now), cost, limit, resetsAt.getTime() + 3_600_000)) as number;
    if (total < 0) throw new QuotaExhaustedError('youtube', bucket, resetsAt);
    quotaRemaining.set({ provider: 'youtube', bucket }, Math.max(0, this.total(bucket) - total));
  }

  /** YouTube said `quotaExceeded` although our count had room (another app on the same key): believe it until the reset. */
  async markSpent(bucket: YouTubeBucket): Promise<QuotaExhaustedError> {
    const now = this.now();
    const resetsAt = nextPacificMidnight(now);
    await this.redis.set(this.key(bucket, now), this.total(bucket), 'PXAT', resetsAt.getTime() + 3_600_000);
    quotaRemaining.set({ provider: 'youtube', bucket }, 0);
    return new QuotaExhaustedError('youtube', bucket, resetsAt);
  }

  /** Spent and left today, per bucket. */
  async usage(): Promise<Record<YouTubeBucket, { used: number; left: number }> & { resetsAt: Date }> {
    const now = this.now();
    const [units, search] = await this.redis.mget(this.key('units', now), this.key('search', now));
    const entry = (bucket: YouTubeBucket, used: number) => ({ used, left: Math.max(0, this.total(bucket) - used) });
    return { units: entry('units', Number(units ?? 0)), search: entry('search', Number(search ?? 0)), resetsAt: nextPacificMidnight(now) };
  }

  private total(bucket: YouTubeBucket): number {
    return bucket === 'units' ? this.limits.dailyUnits : this.limits.searchCalls;
  }

  private limitFor(bucket: YouTubeBucket, priority: CallerPriority): number {
    const total = this.total(bucket);
    return priority === 'interactive' ? total : Math.floor(total * (1 - this.limits.interactiveReserve));
  }

  private key(bucket: YouTubeBucket, now: Date): string {
    return redisKey('quota', 'youtube', bucket, pacificDay(now));
  }
}
