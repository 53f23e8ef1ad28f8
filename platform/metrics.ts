/**
 * Prometheus metrics of this process (`/metrics`): one registry per process, Node's default metrics
 * (event-loop lag, heap, GC, CPU) labelled with the service, and an Apollo plugin that counts and
 * times operations and their errors by (capped) operation name. Metric names and labels are listed
 * in docs/metrics.md.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { operationLabel } from './observability/operation-label.js';

export const metrics = new Registry();

let defaultMetricsFor: string | undefined;

/**
 * Starts Node's default metrics once per process (`nodejs_eventloop_lag_seconds`, `process_*`, …),
 * labelled `service=<name>`. `mountProbes` calls it with the process's logger name, so every process
 * that serves `/metrics` has them.
 */
export function collectProcessMetrics(service: string): void {
  if (defaultMetricsFor) return;
  defaultMetricsFor = service;
  // Every series of the process carries `service` (gateway, a subgraph, `<subgraph>-workers`): the
  // dashboards and alerts (ops/) tell the gateway's requests from a subgraph's by it, whatever the
  // scrape's own target labels are.
  metrics.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metrics });
}

/** Request latency buckets, seconds: the same for operations and subgraph fetches, so p95s compare. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const operationDuration = new Histogram({
  name: 'graphql_operation_duration_seconds',
  help: 'GraphQL operation latency by operation name and type',
  labelNames: ['operation', 'type'] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [metrics],
});

const operationRequests = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL operations served, by operation name, type and outcome (ok, or error when the response has errors)',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers: [metrics],
});

const operationErrors = new Counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors in responses, by operation name and error code',
  labelNames: ['operation', 'code'] as const,
  registers: [metrics],
});

export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = operationDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, errors, request }) {
          const labels = { operation: operationLabel(operationName ?? request.operationName), type: operation?.operation ?? 'unknown' };
          stop(labels);
          operationRequests.inc({ ...labels, outcome: errors?.length ? 'error' : 'ok' });
          for (const error of errors ?? []) operationErrors.inc({ operation: labels.operation, code: String(error.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}
