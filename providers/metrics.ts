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

export const cacheLookups = new Counter({
  name: 'provider_cache_lookups_total',
  help: 'Provider cache lookups by kind of object, level (l1 in-process, l2 Redis) and result (fresh, stale, miss)',
  labelNames: ['kind', 'level', 'result'] as const,
  registers: [metrics],
});

export const quotaRemaining = new Gauge({
  name: 'provider_quota_remaining',
  help: 'What is left of a provider budget today (YouTube units, YouTube searches)',
  labelNames: ['provider', 'bucket'] as const,
  registers: [metrics],
});
