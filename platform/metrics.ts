/** Prometheus metrics of this process (`/metrics`), and an Apollo plugin that times operations. */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metrics = new Registry();
collectDefaultMetrics({ register: metrics });

const operationDuration = new Histogram({
  name: 'graphql_operation_duration_seconds',
  help: 'GraphQL operation latency by operation name and type',
  labelNames: ['operation', 'type'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metrics],
});

const operationErrors = new Counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors by code',
  labelNames: ['code'] as const,
  registers: [metrics],
});

export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = operationDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          stop({ operation: operationName ?? 'anonymous', type: operation?.operation ?? 'unknown' });
          for (const error of errors ?? []) operationErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}
