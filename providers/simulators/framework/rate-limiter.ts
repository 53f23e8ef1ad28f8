/**
 * Per-server rate limiting as a token bucket: `requestsPerSecond` tokens a second, a burst of the
 * same size. Over the limit the framework answers 429 with Retry-After in whole seconds, as the
 * real APIs do. Real time (not the simulated clock): it limits how fast clients actually call.
 */
import { z } from 'zod';

export const rateLimitSchema = z.object({
  requestsPerSecond: z.number().positive(),
  burst: z.number().int().positive().optional(),
  /** Overrides the computed Retry-After (seconds until a token is back, at least 1). */
  retryAfterSeconds: z.number().int().min(0).optional(),
});

export type RateLimit = z.infer<typeof rateLimitSchema>;

export class RateLimiter {
  private limit: RateLimit | null = null;
  private tokens = 0;
  private updatedAt = 0;

  configure(limit: RateLimit | null): void {
    this.limit = limit;
    this.tokens = limit ? (limit.burst ?? Math.max(1, Math.ceil(limit.requestsPerSecond))) : 0;
    this.updatedAt = performance.now();
  }

  current(): RateLimit | null {
    return this.limit;
  }

  /** null when the request may go on; else the Retry-After seconds to answer. */
  take(): number | null {
    const limit = this.limit;
    if (!limit) return null;
    const now = performance.now();
    const capacity = limit.burst ?? Math.max(1, Math.ceil(limit.requestsPerSecond));
    this.tokens = Math.min(capacity, this.tokens + ((now - this.updatedAt) / 1000) * limit.requestsPerSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    return limit.retryAfterSeconds ?? Math.max(1, Math.ceil((1 - this.tokens) / limit.requestsPerSecond));
  }
}
