/** What streaming resolvers receive: the shared context plus the Redis connection. */
import type { Redis } from 'ioredis';
import type { SubgraphContext } from '../../platform/graphql/context.js';

export interface StreamingContext extends SubgraphContext {
  redis: Redis;
}
