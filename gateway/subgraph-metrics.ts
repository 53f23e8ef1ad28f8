/**
 * What the gateway's fetches to subgraphs cost and how they end, per subgraph and client operation
 * name (capped, see platform/observability/operation-label.ts): a histogram of latency and a
 * counter by outcome — `ok`, `graphql_error` (the subgraph answered with errors) or `failed` (no
 * usable answer: network error, 5xx, unparseable body).
 */
import { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS_SECONDS, metrics } from '../platform/metrics.js';
import { operationLabel } from '../platform/observability/operation-label.js';

const fetchDuration = new Histogram({
  name: 'gateway_subgraph_request_duration_seconds',
  help: 'Latency of the gateway fetches to a subgraph, by subgraph and client operation name',
  labelNames: ['subgraph', 'operation'] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [metrics],
});

const fetches = new Counter({
  name: 'gateway_subgraph_requests_total',
  help: 'Gateway fetches to a subgraph, by subgraph, client operation name and outcome (ok, graphql_error, failed)',
  labelNames: ['subgraph', 'operation', 'outcome'] as const,
  registers: [metrics],
});

/** Times `fetch` (one subgraph request) and counts its outcome. */
export async function measureSubgraphFetch<T extends { errors?: readonly unknown[] | null }>(
  subgraph: string,
  operationName: string | undefined,
  fetch: () => Promise<T>,
): Promise<T> {
  const labels = { subgraph, operation: operationLabel(operationName) };
  const stop = fetchDuration.startTimer(labels);
  try {
    const response = await fetch();
    fetches.inc({ ...labels, outcome: response.errors?.length ? 'graphql_error' : 'ok' });
    return response;
  } catch (error) {
    fetches.inc({ ...labels, outcome: 'failed' });
    throw error;
  } finally {
    stop();
  }
}
