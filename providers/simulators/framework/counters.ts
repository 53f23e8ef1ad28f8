/**
 * Request counts per endpoint key and per status, for `GET /_simulator/stats`: what tests assert
 * ("the client batched: one GET /v1/tracks, no GET /v1/tracks/{id}").
 */

export interface EndpointCount {
  requests: number;
  /** Answered statuses ("200": 9, "429": 1); "disconnected" for dropped connections. */
  statuses: Record<string, number>;
  /** Requests arrived and not yet answered; the most there ever were at once (a client's concurrency). */
  inFlight: number;
  maxInFlight: number;
}

export interface RequestStats {
  total: number;
  /** Requests per endpoint key, the short form of `endpoints`. */
  requests: Record<string, number>;
  endpoints: Record<string, EndpointCount>;
  /** Answers with status >= 400, whoever made them. */
  errors: number;
  /** All 429 answers: rate limiter, injected faults and provider quotas alike. */
  tooManyRequests: number;
  /** 429s the framework's rate limiter gave. */
  rateLimited: number;
  faultsInjected: number;
  disconnects: number;
  /** In flight across all endpoints, now and at most. */
  inFlight: number;
  maxInFlight: number;
}

export class RequestCounters {
  private stats = RequestCounters.empty();

  private static empty(): RequestStats {
    return { total: 0, requests: {}, endpoints: {}, errors: 0, tooManyRequests: 0, rateLimited: 0, faultsInjected: 0, disconnects: 0, inFlight: 0, maxInFlight: 0 };
  }

  private entry(endpoint: string): EndpointCount {
    return (this.stats.endpoints[endpoint] ??= { requests: 0, statuses: {}, inFlight: 0, maxInFlight: 0 });
  }

  /** A request came in; answers what to call when it is answered or dropped (once). */
  arrived(endpoint: string): { answered(status: number): void; dropped(): void } {
    const stats = this.stats;
    const entry = this.entry(endpoint);
    stats.total += 1;
    stats.requests[endpoint] = (stats.requests[endpoint] ?? 0) + 1;
    entry.requests += 1;
    entry.inFlight += 1;
    entry.maxInFlight = Math.max(entry.maxInFlight, entry.inFlight);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let settled = false;
    // A reset while the request is in flight starts new books: the old entry is no longer counted.
    const settle = (): boolean => {
      if (settled || this.stats !== stats) return false;
      settled = true;
      entry.inFlight -= 1;
      stats.inFlight -= 1;
      return true;
    };
    return {
      answered: (status) => {
        if (settle()) this.answered(entry, status);
      },
      dropped: () => {
        if (!settle()) return;
        entry.statuses.disconnected = (entry.statuses.disconnected ?? 0) + 1;
        stats.disconnects += 1;
      },
    };
  }

  private answered(entry: EndpointCount, status: number): void {
    const statuses = entry.statuses;
    statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    if (status >= 400) this.stats.errors += 1;
    if (status === 429) this.stats.tooManyRequests += 1;
  }

  rateLimited(): void {
    this.stats.rateLimited += 1;
  }

  faultInjected(): void {
    this.stats.faultsInjected += 1;
  }

  snapshot(): RequestStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = RequestCounters.empty();
  }
}
