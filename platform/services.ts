/**
 * The processes of the supergraph and where they listen by default.
 * One table, so the gateway, the supervisor, the tests and the docs agree on names and ports.
 */
export const SUBGRAPHS = ['users', 'catalog', 'library', 'lyrics', 'streaming', 'analytics'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  users: 4001,
  catalog: 4002,
  library: 4003,
  lyrics: 4004,
  streaming: 4005,
  analytics: 4006,
};

/** Subgraphs whose store is a PostgreSQL database of the same name. */
/**
 * A `<subgraph>-workers` process serves its probes on the subgraph's port plus this, unless WORKERS_PORT
 * says otherwise: not 100, which would meet the simulators' 4101–4104 under `npm start`.
 */
export const WORKERS_PORT_OFFSET = 50;

export const POSTGRES_SUBGRAPHS = ['users', 'library', 'analytics'] as const satisfies readonly SubgraphName[];
export type PostgresSubgraph = (typeof POSTGRES_SUBGRAPHS)[number];

/** Subgraphs whose store is a MongoDB database of the same name. */
export const MONGO_SUBGRAPHS = ['catalog', 'lyrics'] as const satisfies readonly SubgraphName[];
