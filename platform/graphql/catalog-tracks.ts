/**
 * Which track ids the catalogue knows, and how long each track is, asked of the catalog subgraph
 * through the graph (`tracks(ids)` under the caller's service identity). Subgraphs that keep track
 * ids (library items, streaming's play contexts and queue) check them here before they write
 * anything; the lengths come back at the same time, for whoever stores them.
 */
import { badInput } from '../errors.js';
import type { ServiceClient } from './service-client.js';

/** What the catalog's `tracks` takes at once. */
const CATALOG_TRACKS_PER_CALL = 100;

const TRACKS = 'query CatalogueTrackCheck($ids: [ID!]!) { tracks(ids: $ids) { id durationMs } }';

export interface CatalogTracks {
  /**
   * Length in ms of every id; BAD_USER_INPUT on `field` naming the ids the catalogue does not know.
   * `onBehalfOf`: the user the caller acts for, when there is one.
   */
  durations(trackIds: readonly string[], field: string, onBehalfOf?: string): Promise<Map<string, number>>;
}

export function catalogTracks(graph: ServiceClient): CatalogTracks {
  return {
    async durations(trackIds, field, onBehalfOf) {
      const distinct = [...new Set(trackIds)];
      const known = new Map<string, number>();
      for (let start = 0; start < distinct.length; start += CATALOG_TRACKS_PER_CALL) {
        const ids = distinct.slice(start, start + CATALOG_TRACKS_PER_CALL);
        const { tracks } = await graph.request<{ tracks: ({ id: string; durationMs: number } | null)[] }>('catalog', TRACKS, { ids }, { onBehalfOf });
        for (const track of tracks) if (track) known.set(track.id, track.durationMs);
      }
      const unknown = distinct.filter((id) => !known.has(id));
      if (unknown.length > 0) throw badInput(`${field}: no such track in the catalogue: ${unknown.slice(0, 10).join(', ')}`, field);
      return known;
    },
  };
}
