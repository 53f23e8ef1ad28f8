/**
 * The wiring of the privacy contract (./contract.ts), once for every subgraph: the resolvers of its
 * two service-only fields, their shield rules, and the users subgraph's calls to them. A subgraph
 * adds `scalar JSON`, the two fields in its SDL, and spreads these:
 *
 *   const privacy = privacyResolvers('library', { exportUserData, eraseUserData });
 *   Query: { ...privacy.Query }, Mutation: { ...privacy.Mutation }, ...privacy.scalars
 *   permissions: Query: { ...privacyRules('library').Query }, Mutation: { ...privacyRules('library').Mutation }
 */
import { JSONResolver } from 'graphql-scalars';
import { z } from 'zod';
import type { SubgraphContext } from '../graphql/context.js';
import { parseInput, UUID } from '../graphql/inputs.js';
import { isService } from '../graphql/permissions.js';
import type { ServiceClient } from '../graphql/service-client.js';
import {
  privacyEraseField,
  privacyExportField,
  type ErasureReport,
  type PrivacyEraseField,
  type PrivacyExportField,
  type PrivacySection,
  type PrivacySubgraph,
} from './contract.js';

/** What a subgraph's `privacy/` module provides. */
export interface UserDataHandlers<Ctx extends SubgraphContext> {
  exportUserData(userId: string, ctx: Ctx): Promise<PrivacySection>;
  /** Removes or anonymises (replacing the user id by `anonymousId`) everything about the user; idempotent. */
  eraseUserData(userId: string, anonymousId: string, ctx: Ctx): Promise<ErasureReport>;
}

const uuid = z.string().regex(UUID, 'must be a UUID');
const exportArgs = z.object({ userId: uuid });
const eraseArgs = z.object({ userId: uuid, anonymousId: uuid });

type Field<Ctx> = (root: unknown, args: Record<string, unknown>, ctx: Ctx) => Promise<unknown>;

export function privacyResolvers<S extends PrivacySubgraph, Ctx extends SubgraphContext>(subgraph: S, handlers: UserDataHandlers<Ctx>) {
  const Query = {
    [privacyExportField(subgraph)]: async (_root: unknown, args: Record<string, unknown>, ctx: Ctx) => {
      const { userId } = parseInput(exportArgs, args);
      return handlers.exportUserData(userId.toLowerCase(), ctx);
    },
  } as Record<PrivacyExportField<S>, Field<Ctx>>;
  const Mutation = {
    [privacyEraseField(subgraph)]: async (_root: unknown, args: Record<string, unknown>, ctx: Ctx) => {
      const { userId, anonymousId } = parseInput(eraseArgs, args);
      const report = await handlers.eraseUserData(userId.toLowerCase(), anonymousId.toLowerCase(), ctx);
      ctx.log.info({ report }, 'user data erased');
      return report;
    },
  } as Record<PrivacyEraseField<S>, Field<Ctx>>;
  return { Query, Mutation, scalars: { JSON: JSONResolver } };
}

/** Only the users subgraph's privacy jobs may call the two fields. */
export function privacyRules<S extends PrivacySubgraph>(subgraph: S) {
  return {
    Query: { [privacyExportField(subgraph)]: isService('users') } as Record<PrivacyExportField<S>, ReturnType<typeof isService>>,
    Mutation: { [privacyEraseField(subgraph)]: isService('users') } as Record<PrivacyEraseField<S>, ReturnType<typeof isService>>,
  };
}

/** The users subgraph's side: one subgraph's section, and one subgraph's erase, through the graph. */
export function privacyCalls(graph: ServiceClient) {
  return {
    async exportSection(subgraph: PrivacySubgraph, userId: string): Promise<PrivacySection> {
      const field = privacyExportField(subgraph);
      const data = await graph.request<Record<string, PrivacySection>>(subgraph, `query ($userId: ID!) { ${field}(userId: $userId) }`, { userId });
      return data[field]!;
    },
    async erase(subgraph: PrivacySubgraph, userId: string, anonymousId: string): Promise<ErasureReport> {
      const field = privacyEraseField(subgraph);
      const data = await graph.request<Record<string, ErasureReport>>(
        subgraph,
        `mutation ($userId: ID!, $anonymousId: ID!) { ${field}(userId: $userId, anonymousId: $anonymousId) }`,
        { userId, anonymousId },
      );
      return data[field]!;
    },
  };
}

export type PrivacyCalls = ReturnType<typeof privacyCalls>;
