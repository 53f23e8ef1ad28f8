/**
 * graphql-shield building blocks shared by every subgraph. Each subgraph's `permissions.ts` lists a
 * rule for every root field AND every entity type it owns or extends: `_entities` reaches entity fields
 * without passing through a root field, so a type without rules would be readable by anyone.
 */
import { allow, deny, rule, shield, type IRules } from 'graphql-shield';
import { forbidden, unauthenticated } from '../errors.js';
import type { SubgraphName } from '../services.js';
import type { SubgraphContext } from './context.js';

export { allow, deny, and, or, not, chain, rule } from 'graphql-shield';

export const isSignedIn = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
  ctx.identity.userId ? true : unauthenticated(),
);

export const isAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => {
  if (!ctx.identity.userId) return unauthenticated();
  return ctx.identity.roles.includes('ADMIN') ? true : forbidden();
});

/** The parent object is the caller's own `User` (or the caller is an admin). */
export const isSelfOrAdmin = rule({ cache: 'strict' })((parent: { id?: string }, _args, ctx: SubgraphContext) => {
  if (!ctx.identity.userId) return unauthenticated();
  if (parent.id === ctx.identity.userId || ctx.identity.roles.includes('ADMIN')) return true;
  return forbidden();
});

/** The caller came through the gateway (anonymous or not): direct calls to a subgraph get nothing. */
export const viaGateway = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
  ctx.identity.viaGateway ? true : forbidden('Requests must come through the gateway'),
);

/**
 * Subscription fields are declared in the owning subgraph's SDL, so that they are composed into
 * the public schema, but the gateway's graphql-ws server serves them (gateway/subscriptions/): a
 * subgraph never runs one, and says so.
 */
export const servedByGateway = deny;

/** A rule as `rule(...)(fn)` makes it. */
type ShieldRule = ReturnType<ReturnType<typeof rule>>;
const serviceRules = new Map<SubgraphName, ShieldRule>();

/**
 * The caller is the named subgraph's own work (a service identity), not a client through the gateway.
 * One rule per service, however often it is asked for: graphql-shield refuses two rules of one name.
 */
export const isService = (service: SubgraphName): ShieldRule => {
  let check = serviceRules.get(service);
  if (!check) {
    check = rule(`isService:${service}`, { cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
      ctx.identity.viaGateway && ctx.identity.service === service ? true : forbidden(),
    );
    serviceRules.set(service, check);
  }
  return check;
};

/**
 * Wraps a subgraph's rules: deny by default, federation's own fields allowed (the query planner
 * needs them; what `_entities` returns is still checked field by field), resolver errors pass through.
 */
export function subgraphShield(rules: IRules) {
  const { Query, ...types } = rules as Record<string, IRules>;
  return shield(
    {
      ...types,
      Query: { ...(Query as object), _service: allow, _entities: allow },
      _Service: allow,
    },
    {
      fallbackRule: deny,
      allowExternalErrors: true,
      fallbackError: () => forbidden(),
    },
  );
}
