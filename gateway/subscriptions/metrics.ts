/** The subscription server's metrics on the gateway's /metrics (platform/metrics.ts registry). */
import { Counter, Gauge } from 'prom-client';
import { metrics } from '../../platform/metrics.js';

/** Accepted subscriptions currently open on this process, by subscription field. */
export const subscriptionsOpen = new Gauge({
  name: 'subscriptions_open',
  help: 'Subscriptions open on this gateway process, by field',
  labelNames: ['field'] as const,
  registers: [metrics],
});

/** Live events heard for topics someone here subscribes to, by topic kind (playback, job, playlist). */
export const subscriptionEvents = new Counter({
  name: 'subscription_events_total',
  help: 'Live events received for subscribed topics, by topic kind',
  labelNames: ['kind'] as const,
  registers: [metrics],
});

/**
 * Queries run for subscriptions: `check` at subscribe time, `event` once per group and coalesced
 * burst of events; outcome `error` when the resolution itself failed (not for GraphQL errors in it).
 */
export const subscriptionResolutions = new Counter({
  name: 'subscription_resolutions_total',
  help: 'Subscription selections resolved through the gateway, by field, reason and outcome',
  labelNames: ['field', 'reason', 'outcome'] as const,
  registers: [metrics],
});
