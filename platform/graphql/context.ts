/** What every subgraph resolver receives: the caller's identity (as the gateway vouched) and a logger. */
import type { Logger } from 'pino';
import type { RequestIdentity } from '../identity.js';

export interface SubgraphContext {
  identity: RequestIdentity;
  log: Logger;
}
