/**
 * The `operation` label of request metrics, with bounded cardinality. Operation names come from
 * clients, so they are unbounded: a name gets its own label only if it looks like a GraphQL name
 * (at most 64 characters) and is one of the first METRICS_MAX_OPERATION_NAMES distinct names this
 * process has seen; after that, new names count as `other`. Unnamed operations are `anonymous`.
 * (The project has no persisted-document list to take the known names from; first come, first
 * kept is bounded and needs no coordination between replicas.)
 *
 * Subgraphs see the gateway's names for its fetches, `<client operation>__<subgraph>__<n>`: the
 * suffix is dropped, so every process labels a request with the client's operation name.
 */
import { config } from '../config.js';

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const GATEWAY_FETCH_SUFFIX = /__[a-z]+__\d+$/;

const kept = new Set<string>();

export function operationLabel(name: string | null | undefined, max = config().METRICS_MAX_OPERATION_NAMES): string {
  if (!name) return 'anonymous';
  const client = name.replace(GATEWAY_FETCH_SUFFIX, '');
  if (!NAME.test(client)) return 'other';
  if (kept.has(client)) return client;
  if (kept.size >= max) return 'other';
  kept.add(client);
  return client;
}
