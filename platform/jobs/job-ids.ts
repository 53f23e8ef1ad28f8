/**
 * Job ids. Inside BullMQ a job id is deterministic (a hash of what the job is about), so asking twice
 * for the same work finds the job already there instead of adding a second one. Outside, clients see
 * a public id that also names the queue, `catalog-mapping:map-3f…`, so anything holding only the id
 * (a `job(id)` field, a later `jobUpdated(id)` subscription at the gateway) can tell which queue, and
 * so which subgraph, owns the job without asking around.
 */
import { createHash } from 'node:crypto';
import { SUBGRAPHS, type SubgraphName } from '../services.js';

/** Queue names are `<subgraph>-<purpose>`: lower-case words joined by dashes, no `:` (BullMQ's separator). */
const QUEUE_NAME = /^[a-z]+(?:-[a-z0-9]+)+$/;
/** BullMQ refuses `:` and integer-looking custom ids; ours are `<kind>-<hex>`. */
const BULL_JOB_ID = /^[a-z]+-[0-9a-f]{32}$/;

export function jobQueueName(subgraph: SubgraphName, purpose: string): string {
  const name = `${subgraph}-${purpose}`;
  if (!QUEUE_NAME.test(name)) throw new Error(`bad queue name ${name}`);
  return name;
}

/**
 * The BullMQ id of the job that does `kind` for `key`: the same key, the same id. 128 bits of
 * SHA-256 keep accidental collisions out of reach for any number of jobs we will ever hold.
 */
export function deterministicJobId(kind: string, key: readonly string[]): string {
  if (!/^[a-z]+$/.test(kind)) throw new Error(`bad job kind ${kind}`);
  const digest = createHash('sha256').update(key.join('\n')).digest('hex').slice(0, 32);
  return `${kind}-${digest}`;
}

/** A set of ids as a job key: order and repeats do not change the work, so they do not change the id. */
export const setKey = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

export function publicJobId(queue: string, bullJobId: string): string {
  return `${queue}:${bullJobId}`;
}

export interface ParsedJobId {
  queue: string;
  /** The subgraph that owns the queue, and so the job. */
  subgraph: SubgraphName;
  bullJobId: string;
}

/** The parts of a public job id, or null when it cannot be one of ours. */
export function parseJobId(id: string): ParsedJobId | null {
  const separator = id.indexOf(':');
  if (separator < 0 || id.length > 200) return null;
  const queue = id.slice(0, separator);
  const bullJobId = id.slice(separator + 1);
  if (!QUEUE_NAME.test(queue) || !BULL_JOB_ID.test(bullJobId)) return null;
  const subgraph = SUBGRAPHS.find((name) => queue.startsWith(`${name}-`));
  return subgraph ? { queue, subgraph, bullJobId } : null;
}
