/**
 * The track ids a `play` goes through, asked through the graph on the user's behalf (streaming's
 * service identity): a playlist's items from the library (so its access rules apply: a playlist the
 * user may not see is NOT_FOUND), an album's tracks from the catalog, and a check that tracks given
 * by id exist in the catalogue. Lists are read up to MAX_CONTEXT_TRACKS; the rest is left out.
 */
import { notFound } from '../../../platform/errors.js';
import { catalogTracks } from '../../../platform/graphql/catalog-tracks.js';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';
import type { Logger } from 'pino';
import { MAX_CONTEXT_TRACKS } from '../store/keys.js';

const PLAYLIST_PAGE = `query StreamingPlaylistTracks($id: ID!, $after: String) {
  playlist(id: $id) { items(first: 100, after: $after) { nodes { track { id } } pageInfo { hasNextPage endCursor } } }
}`;
const ALBUM_PAGE = `query StreamingAlbumTracks($id: ID!, $after: String) {
  album(id: $id) { tracks(first: 50, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }
}`;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ContextTracks {
  playlist(playlistId: string, userId: string): Promise<string[]>;
  album(albumId: string, userId: string): Promise<string[]>;
  /** BAD_USER_INPUT on `field` naming ids the catalogue does not know (at most 100 ids). */
  check(trackIds: readonly string[], field: string, userId: string): Promise<void>;
}

export function contextTracks(graph: ServiceClient, log: Pick<Logger, 'info'>): ContextTracks {
  const catalogue = catalogTracks(graph);
  /** Pages through a list until its end or MAX_CONTEXT_TRACKS; null when the list's owner is null. */
  async function readAll(what: string, id: string, page: (after: string | null) => Promise<{ ids: string[]; pageInfo: PageInfo } | null>) {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await page(after);
      if (!answer) return null;
      ids.push(...answer.ids);
      if (!answer.pageInfo.hasNextPage || !answer.pageInfo.endCursor) return ids.slice(0, MAX_CONTEXT_TRACKS);
      if (ids.length >= MAX_CONTEXT_TRACKS) {
        log.info({ [what]: id, kept: MAX_CONTEXT_TRACKS }, `${what} longer than a playback context; the rest is left out`);
        return ids.slice(0, MAX_CONTEXT_TRACKS);
      }
      after = answer.pageInfo.endCursor;
    }
  }

  return {
    async playlist(playlistId, userId) {
      type Answer = { playlist: { items: { nodes: { track: { id: string } }[]; pageInfo: PageInfo } } | null };
      const ids = await readAll('playlistId', playlistId, async (after) => {
        const { playlist } = await graph.request<Answer>('library', PLAYLIST_PAGE, { id: playlistId, after }, { onBehalfOf: userId });
        return playlist && { ids: playlist.items.nodes.map((node) => node.track.id), pageInfo: playlist.items.pageInfo };
      });
      if (!ids) throw notFound('Playlist');
      return ids;
    },
    async album(albumId, userId) {
      type Answer = { album: { tracks: { nodes: { id: string }[]; pageInfo: PageInfo } | null } | null };
      const ids = await readAll('albumId', albumId, async (after) => {
        const { album } = await graph.request<Answer>('catalog', ALBUM_PAGE, { id: albumId, after }, { onBehalfOf: userId });
        if (!album) return null;
        // Null tracks come with the catalog's own error, which the service client has thrown already.
        return { ids: album.tracks?.nodes.map((node) => node.id) ?? [], pageInfo: album.tracks?.pageInfo ?? { hasNextPage: false, endCursor: null } };
      });
      if (!ids) throw notFound('Album');
      return ids;
    },
    async check(trackIds, field, userId) {
      await catalogue.durations(trackIds, field, userId);
    },
  };
}
