/**
 * Whether a user id names an account, asked of the users subgraph through the graph: federation's
 * own `_entities` for a `User` reference, under the library's service identity (which reads no
 * private field). A collaborator must be someone, or every read of the playlist's collaborators
 * would meet a user the graph cannot resolve.
 */
import { badInput } from '../../../platform/errors.js';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';

const USER = 'query LibraryKnownUser($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id } } }';

export async function requireKnownUser(graph: ServiceClient, userId: string, field: string): Promise<void> {
  const { _entities } = await graph.request<{ _entities: ({ id: string } | null)[] }>('users', USER, { reps: [{ __typename: 'User', id: userId }] });
  if (!_entities[0]) throw badInput(`${field}: no such user`, field);
}
