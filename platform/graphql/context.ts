/** What every subgraph resolver receives: the caller's identity (as the gateway vouched) and a logger. */
import type { Logger } from 'pino';
import { unauthenticated } from '../errors.js';
import type { RequestIdentity } from '../identity.js';

export interface SubgraphContext {
  identity: RequestIdentity;
  log: Logger;
}

/** The signed-in caller's id. The shield has usually required it already; this keeps the type honest. */
export function callerId(ctx: SubgraphContext): string {
  if (!ctx.identity.userId) throw unauthenticated();
  return ctx.identity.userId;
}
