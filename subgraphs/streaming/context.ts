/** What streaming resolvers receive: the shared context, the Redis connection, and the other subgraphs. */
import type { Redis } from 'ioredis';
import type { SubgraphContext } from '../../platform/graphql/context.js';
import type { ServiceClient } from '../../platform/graphql/service-client.js';
import type { PreparePlaybackLimit } from './playback-sessions/prepare-limit.js';
import type { ContextTracks } from './playback-state/context-tracks.js';
import type { ListeningReports } from './listening/queue.js';

export interface StreamingContext extends SubgraphContext {
  redis: Redis;
  /** Other subgraphs, under streaming's service identity: catalog for tracks and mappings, library for playlists. */
  graph: ServiceClient;
  /** The tracks of what `play` is given, through `graph`. */
  contextTracks: ContextTracks;
  preparePlaybackLimit: PreparePlaybackLimit;
  /** The producer of `analytics-listening` (listening/queue.ts). */
  listening: ListeningReports;
}
