/**
 * Spotify has no published daily budget, but answers 429 with reason `QUOTA_EXCEEDED` once an app
 * has used its allowance, with `Retry-After` saying for how long. Unlike a plain rate limit, that is
 * not worth retrying: every process and replica stops calling until then (the moment is shared in
 * Redis), interactive callers get QUOTA_EXHAUSTED (or cached data), and jobs wait for it.
 */
import type { Redis } from 'ioredis';
import { redisKey } from '../../platform/redis/connection.js';
import { QuotaExhaustedError } from '../http/errors.js';

/** Without a Retry-After, assume the allowance comes back within the hour. */
const DEFAULT_BLOCK_MS = 3_600_000;

export class SpotifyQuota {
  private blockedUntil = 0; // this process's copy, so a blocked Spotify costs no Redis round trip per call

  constructor(
    private readonly redis: Redis,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws QUOTA_EXHAUSTED while Spotify's allowance is spent. */
  async check(): Promise<void> {
    if (this.blockedUntil > this.now()) throw this.error();
    const stored = Number((await this.redis.get(this.key())) ?? 0);
    if (stored > this.now()) {
      this.blockedUntil = stored;
      throw this.error();
    }
  }

  /** Spotify said QUOTA_EXCEEDED: block every replica for `retryAfterMs`. */
  async markExceeded(retryAfterMs: number | undefined): Promise<QuotaExhaustedError> {
    this.blockedUntil = this.now() + (retryAfterMs ?? DEFAULT_BLOCK_MS);
    await this.redis.set(this.key(), this.blockedUntil, 'PXAT', this.blockedUntil);
    return this.error();
  }

  private error(): QuotaExhaustedError {
    return new QuotaExhaustedError('spotify', 'requests', new Date(this.blockedUntil));
  }

  private key(): string {
    return redisKey('quota', 'spotify', 'blocked-until');
  }
}
