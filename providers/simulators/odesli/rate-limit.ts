/**
 * Odesli's own request limit: without an API key the public API allows about 10 requests a minute
 * per caller, more with one. The simulator keeps the same shape (a sliding one-minute window per
 * key, or per client address without one) with generous defaults so a test run is not throttled
 * unless it asks to be: `{"odesli": {"requestsPerMinute": 10}}` reproduces the real limit.
 */
export interface OdesliLimits {
  requestsPerMinute: number;
  requestsPerMinuteWithKey: number;
}

export const DEFAULT_ODESLI_LIMITS: OdesliLimits = { requestsPerMinute: 600, requestsPerMinuteWithKey: 6_000 };
const WINDOW_MS = 60_000;

export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Counts one request of `caller`; the seconds to wait when it is over `limit`, else undefined. */
  take(caller: string, limit: number): number | undefined {
    const now = this.now();
    const recent = (this.windows.get(caller) ?? []).filter((at) => at > now - WINDOW_MS);
    if (recent.length >= limit) {
      this.windows.set(caller, recent);
      // The wait until the oldest request in the window leaves it.
      return Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
    }
    recent.push(now);
    this.windows.set(caller, recent);
    return undefined;
  }

  clear(): void {
    this.windows.clear();
  }
}
