/**
 * The user's Spotify access token, asked of the users subgraph (which owns linked accounts and
 * refreshes their tokens) through the graph, on the user's behalf. Asked when an import is
 * requested, so that a user without a linked account gets the error at once, and again by the
 * worker, so that no token is ever stored in a job.
 */
import type { ServiceClient } from '../../../platform/graphql/service-client.js';

const TOKEN = 'query LibrarySpotifyToken { linkedAccountAccessToken(provider: SPOTIFY) }';

export async function spotifyAccessToken(graph: ServiceClient, userId: string): Promise<string> {
  const { linkedAccountAccessToken } = await graph.request<{ linkedAccountAccessToken: string }>('users', TOKEN, {}, { onBehalfOf: userId });
  return linkedAccountAccessToken;
}
