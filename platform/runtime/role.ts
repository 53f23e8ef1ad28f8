/**
 * The one entry point of the image: `node dist/platform/runtime/role.js <role>` (here:
 * `tsx platform/runtime/role.ts <role>`) runs one process of the supergraph:
 *   gateway               the public GraphQL endpoint (gateway/main.ts)
 *   <subgraph>            a subgraph (subgraphs/<subgraph>/main.ts), with its workers unless WORKERS=off
 *   <subgraph>-workers    only that subgraph's BullMQ workers, probes on WORKERS_PORT (users, catalog,
 *                         library, lyrics, analytics; streaming has none)
 * Extra arguments pass through (`<subgraph> --migrate` prepares its stores and exits).
 * `npm start` and the tests start the main modules directly (stack.ts); this file only chooses one.
 */
import { fileURLToPath } from 'node:url';
import { runAsWorkers } from '../graphql/subgraph-process.js';
import { logger } from '../logger.js';
import { SUBGRAPHS, type SubgraphName } from '../services.js';

/** Subgraphs that have BullMQ workers (a `workers` in their main), so a `<subgraph>-workers` role. */
export const WORKER_SUBGRAPHS = ['users', 'catalog', 'library', 'lyrics', 'analytics'] as const satisfies readonly SubgraphName[];

/** Every process role of the image, e.g. for validating manifests against it. */
export const ROLES = ['gateway', ...SUBGRAPHS, ...WORKER_SUBGRAPHS.map((name) => `${name}-workers` as const)] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** The main module a role runs, relative to this file (the same layout in the sources and in dist/). */
export function roleModule(role: Role): string {
  if (role === 'gateway') return '../../gateway/main.js';
  return `../../subgraphs/${role.replace(/-workers$/, '')}/main.js`;
}

/** Runs `role` in this process. */
export async function runRole(role: Role): Promise<void> {
  logger(role); // the first call names the service on every line
  if (role.endsWith('-workers')) runAsWorkers();
  await import(roleModule(role));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const role = process.argv[2];
  if (!isRole(role)) {
    console.error(`usage: role.ts <role>\nroles: ${ROLES.join(', ')}`);
    process.exit(64); // EX_USAGE
  }
  // The main modules read their flags (`--migrate`) from argv, as when started directly.
  process.argv.splice(2, 1);
  await runRole(role);
}
