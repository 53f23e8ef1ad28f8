/**
 * The simulated project's YouTube Data API budget: 10,000 units a day for videos / channels /
 * playlistItems / playlists (1 each), and, since June 2026, a separate bucket of 100 search.list
 * calls that costs no units. Both empty at midnight Pacific time. A call refused for quota costs
 * nothing; every other call that reaches the API (invalid ones too, as at Google) pays.
 */
import { nextPacificMidnight } from './pacific-midnight.js';

export type QuotaBucket = 'units' | 'search';
export type YouTubeMethod = 'videos.list' | 'search.list' | 'channels.list' | 'playlistItems.list' | 'playlists.list';

export const METHOD_COST: Record<YouTubeMethod, { bucket: QuotaBucket; cost: number }> = {
  'videos.list': { bucket: 'units', cost: 1 },
  'channels.list': { bucket: 'units', cost: 1 },
  'playlistItems.list': { bucket: 'units', cost: 1 },
  'playlists.list': { bucket: 'units', cost: 1 },
  'search.list': { bucket: 'search', cost: 1 },
};

export interface QuotaLimits {
  unitsLimit: number;
  searchLimit: number;
}

export const DEFAULT_QUOTA_LIMITS: QuotaLimits = { unitsLimit: 10_000, searchLimit: 100 };

export class QuotaLedger {
  private unitsUsed = 0;
  private searchCallsUsed = 0;
  private callsByMethod: Partial<Record<YouTubeMethod, number>> = {};
  private resetsAt: number;

  constructor(
    private readonly now: () => number,
    private limits: QuotaLimits = { ...DEFAULT_QUOTA_LIMITS },
  ) {
    this.resetsAt = nextPacificMidnight(now());
  }

  /** Pays for one call of `method`; false (and nothing spent) when its bucket cannot cover it. */
  charge(method: YouTubeMethod): boolean {
    this.rollOver();
    const { bucket, cost } = METHOD_COST[method];
    if (bucket === 'units') {
      if (this.unitsUsed + cost > this.limits.unitsLimit) return false;
      this.unitsUsed += cost;
    } else {
      if (this.searchCallsUsed + cost > this.limits.searchLimit) return false;
      this.searchCallsUsed += cost;
    }
    this.callsByMethod[method] = (this.callsByMethod[method] ?? 0) + 1;
    return true;
  }

  /** Sets usage or limits (the control API); unset fields keep their value. */
  set(values: Partial<QuotaLimits & { unitsUsed: number; searchCallsUsed: number }>): void {
    this.rollOver();
    if (values.unitsLimit !== undefined) this.limits.unitsLimit = values.unitsLimit;
    if (values.searchLimit !== undefined) this.limits.searchLimit = values.searchLimit;
    if (values.unitsUsed !== undefined) this.unitsUsed = values.unitsUsed;
    if (values.searchCallsUsed !== undefined) this.searchCallsUsed = values.searchCallsUsed;
  }

  /** Back to an untouched day (limits stay as configured). */
  clear(): void {
    this.unitsUsed = 0;
    this.searchCallsUsed = 0;
    this.callsByMethod = {};
    this.resetsAt = nextPacificMidnight(this.now());
  }

  snapshot(): {
    unitsUsed: number;
    searchCallsUsed: number;
    unitsLimit: number;
    searchLimit: number;
    resetsAt: string;
    callsByMethod: Partial<Record<YouTubeMethod, number>>;
  } {
    this.rollOver();
    return {
      unitsUsed: this.unitsUsed,
      searchCallsUsed: this.searchCallsUsed,
      unitsLimit: this.limits.unitsLimit,
      searchLimit: this.limits.searchLimit,
      resetsAt: new Date(this.resetsAt).toISOString(),
      callsByMethod: { ...this.callsByMethod },
    };
  }

  // A new Pacific day starts with empty buckets.
  private rollOver(): void {
    const now = this.now();
    if (now < this.resetsAt) return;
    this.clear();
  }
}
