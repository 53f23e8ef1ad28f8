/**
 * How one subgraph's own work reads another subgraph's data "through the graph" (DESIGN.md): a
 * GraphQL request straight to the other subgraph, under a service identity that names the caller and
 * the user it acts for. Straight to the subgraph rather than through the gateway because the fields
 * services use are `@inaccessible` (kept out of the public schema, so the gateway refuses them), and
 * because background work has no user access token to show the gateway.
 *
 * Errors keep their meaning: an error the callee answered with one of our codes is re-thrown with
 * that code (an unknown track stays BAD_USER_INPUT); a subgraph that cannot be reached, or answers
 * something else, is an error of its own (`SubgraphUnavailableError`) so jobs retry it.
 */
import { AppError, ErrorCode } from '../errors.js';
import { subgraphUrl } from '../config.js';
import { IDENTITY_HEADER, signServiceIdentity } from '../identity.js';
import type { SubgraphName } from '../services.js';

const TIMEOUT_MS = 15_000;
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

export class SubgraphUnavailableError extends Error {
  override name = 'SubgraphUnavailableError';
  constructor(
    readonly subgraph: SubgraphName,
    detail: string,
  ) {
    super(`the ${subgraph} subgraph is unavailable: ${detail}`);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface ServiceClient {
  /** Runs `query` at `subgraph`; resolves with `data`, or throws the first error the callee reported. */
  request<T>(subgraph: SubgraphName, query: string, variables?: Record<string, unknown>, options?: { onBehalfOf?: string }): Promise<T>;
}

export function serviceClient(caller: SubgraphName, url: (subgraph: SubgraphName) => string = subgraphUrl): ServiceClient {
  return {
    async request<T>(subgraph: SubgraphName, query: string, variables: Record<string, unknown> = {}, options: { onBehalfOf?: string } = {}) {
      let response: Response;
      try {
        response = await fetch(url(subgraph), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [IDENTITY_HEADER]: await signServiceIdentity(caller, options.onBehalfOf),
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        throw new SubgraphUnavailableError(subgraph, (error as Error).message);
      }
      const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
      const first = answer.errors?.[0];
      if (first) {
        const { code, ...extensions } = first.extensions ?? {};
        if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
          throw new AppError(code as ErrorCode, first.message, extensions);
        }
        throw new SubgraphUnavailableError(subgraph, `${String(code ?? response.status)}: ${first.message}`);
      }
      if (!response.ok || !answer.data) throw new SubgraphUnavailableError(subgraph, `HTTP ${response.status}`);
      return answer.data;
    },
  };
}
