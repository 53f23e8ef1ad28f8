/** Prometheus metrics of the provider layer, on the process registry that `/metrics` serves. */
import { Counter, Gauge, Histogram } from 'prom-client';
import { metrics } from '../platform/metrics.js';

export const providerCalls = new Counter({
  name: 'provider_requests_total',
  help: 'HTTP requests sent to external APIs, by provider, endpoint and outcome (HTTP status or error kind)',
  labelNames: ['provider', 'endpoint', 'outcome'] as const,
  registers: [metrics],
});

export const providerLatency = new Histogram({
  name: 'provider_request_duration_seconds',
  help: 'Latency of one HTTP request to an external API',
  labelNames: ['provider', 'endpoint'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metrics],
});

export const providerRetries = new Counter({
  name: 'provider_retries_total',
  help: 'Retries of provider requests, by provider',
  labelNames: ['provider'] as const,
  registers: [metrics],
});

export const providerBreakerOpen = new Gauge({
  name: 'provider_circuit_open',
  help: '1 while the circuit breaker of a provider refuses calls, 0 otherwise',
  labelNames: ['provider'] as const,
  registers: [metrics],
});

/** cockatiel's CircuitState numbering: 0 closed, 1 open, 2 half-open (3, isolated, is never used here). */
export const providerBreakerState = new Gauge({
  name: 'provider_circuit_state',
  help: 'Circuit breaker state of a provider: 0 closed, 1 open, 2 half-open',
  labelNames: ['provider'] as const,
  registers: [metrics],
});

export const providerFailures = new Counter({
  name: 'provider_failures_total',
  help: 'Provider calls that failed after the retries, by provider and reason (SERVER_ERROR, TIMEOUT, CIRCUIT_OPEN, …)',
  labelNames: ['provider', 'reason'] as const,
  registers: [metrics],
});

export const cacheLookups = new Counter({
  name: 'provider_cache_lookups_total',
  help: 'Provider cache lookups by kind of object, level (l1 in-process, l2 Redis) and result (fresh, stale, miss)',
  labelNames: ['kind', 'level', 'result'] as const,
  registers: [metrics],
});

/** Budgets whose Redis counters `provider_quota_remaining` reads when Prometheus scrapes. */
const quotaSources = new Set<() => Promise<{ provider: string; bucket: string; left: number }[]>>();

/** Reports a budget on every scrape (read from Redis, so every replica shows the same numbers) until the returned function is called. */
export function watchQuota(read: () => Promise<{ provider: string; bucket: string; left: number }[]>): () => void {
  quotaSources.add(read);
  return () => void quotaSources.delete(read);
}

export const quotaRemaining = new Gauge({
  name: 'provider_quota_remaining',
  help: 'What is left of a provider budget today (YouTube units, YouTube searches), read from Redis on scrape',
  labelNames: ['provider', 'bucket'] as const,
  registers: [metrics],
  async collect() {
    for (const read of quotaSources) {
      const buckets = await read().catch(() => []); // Redis away: keep the last values rather than fail the scrape
      for (const { provider, bucket, left } of buckets) this.set({ provider, bucket }, left);
    }
  },
});
