/**
 * GET /youtube/v3/playlistItems and /youtube/v3/playlists (1 unit each). A channel's uploads
 * playlist ("UU" + the channel id without "UC") lists its uploads newest first, 50 at most per page:
 * for a "- Topic" channel that is every topic upload of the artist, the cheapest way to find many
 * tracks' audio at once. The simulated user's playlists are listed with `mine=true`; their private
 * ones are visible to them only.
 */
import type { Router } from 'express';
import type { SimVideo } from '../../catalogue/types.js';
import { listEnvelope } from '../envelope.js';
import { GoogleApiError, youtubeErrors } from '../errors.js';
import type { UserPlaylist } from '../google-user.js';
import { PageTokens, parseBoolean, parseIds, parseMaxResults, parseParts, stringParam } from '../params.js';
import {
  parsePlaylistItemId,
  PLAYLIST_ITEM_PARTS,
  PLAYLIST_PARTS,
  playlistItemResource,
  playlistResource,
  type PlaylistView,
} from '../playlist-resources.js';
import { dataApiRoute, requireUser, type Caller, type DataApiContext } from './context.js';

const notAccessible = () =>
  new GoogleApiError(403, 'The request is not properly authorized to retrieve the specified playlist.', {
    domain: 'youtube.playlistItem',
    reason: 'playlistItemsNotAccessible',
    location: 'id',
    locationType: 'parameter',
  });

/** Finds a playlist by id: an uploads playlist of a catalogue channel, or one of the user's. */
function findPlaylist(ctx: DataApiContext, id: string): PlaylistView | undefined {
  const channel = ctx.world.channelOfUploadsPlaylist(id);
  if (channel) {
    const videos = ctx.world.uploadsOf(channel.id);
    return {
      id,
      title: `Uploads from ${channel.title}`,
      description: '',
      publishedAt: ctx.world.channelPublishedAt(channel),
      channelId: channel.id,
      channelTitle: channel.title,
      privacyStatus: 'public',
      videos,
    };
  }
  const user = ctx.user();
  if (id === user.channel.uploadsPlaylistId) {
    const uploads = { id, title: `Uploads from ${user.channel.title}`, description: '', publishedAt: user.channelPublishedAt };
    return userPlaylistView(ctx, { ...uploads, privacyStatus: 'public', videoIds: [] }); // the user uploads nothing
  }
  const own = user.playlists.find((p) => p.id === id);
  return own ? userPlaylistView(ctx, own) : undefined;
}

function userPlaylistView(ctx: DataApiContext, playlist: UserPlaylist): PlaylistView {
  const user = ctx.user();
  return {
    ...playlist,
    channelId: user.channel.id,
    channelTitle: user.channel.title,
    videos: playlist.videoIds.map((id) => ctx.world.video(id)).filter((v): v is SimVideo => Boolean(v)),
  };
}

function visibleTo(playlist: PlaylistView, caller: Caller, ctx: DataApiContext): boolean {
  return playlist.privacyStatus !== 'private' || (caller.kind === 'user' && playlist.channelId === ctx.user().channel.id);
}

export function registerPlaylistRoutes(router: Router, ctx: DataApiContext): void {
  const itemPages = new PageTokens('playlistItems');
  const playlistPages = new PageTokens('playlists');

  router.get(
    '/youtube/v3/playlistItems',
    dataApiRoute(ctx, 'playlistItems.list', (req, caller) => {
      const parts = parseParts(req.query, PLAYLIST_ITEM_PARTS);
      const playlistId = stringParam(req.query, 'playlistId');
      const itemIds = parseIds(req.query, 'id');
      if (!playlistId && !itemIds) throw youtubeErrors.noFilter(['playlistId', 'id']);
      if (playlistId && itemIds) throw youtubeErrors.incompatibleFilters(['playlistId', 'id']);
      const maxResults = parseMaxResults(req.query, { min: 0, max: 50, fallback: 5 });

      if (itemIds) {
        const items = itemIds.flatMap((itemId) => {
          const ref = parsePlaylistItemId(itemId);
          const playlist = ref && findPlaylist(ctx, ref.playlistId);
          const position = playlist ? playlist.videos.findIndex((v) => v.id === ref.videoId) : -1;
          if (!playlist || position < 0 || !visibleTo(playlist, caller, ctx)) return [];
          return [playlistItemResource(playlist, playlist.videos[position]!, position, parts, ctx.world)];
        });
        return listEnvelope('youtube#playlistItemListResponse', items, { totalResults: items.length, resultsPerPage: maxResults });
      }

      const playlist = findPlaylist(ctx, playlistId!);
      if (!playlist) throw youtubeErrors.playlistNotFound();
      if (!visibleTo(playlist, caller, ctx)) throw notAccessible();
      const videoId = stringParam(req.query, 'videoId');
      const entries = playlist.videos.map((video, position) => ({ video, position })).filter((e) => !videoId || e.video.id === videoId);
      const offset = itemPages.decode(req.query);
      const items = entries
        .slice(offset, offset + maxResults)
        .map(({ video, position }) => playlistItemResource(playlist, video, position, parts, ctx.world));
      return listEnvelope(
        'youtube#playlistItemListResponse',
        items,
        { totalResults: entries.length, resultsPerPage: maxResults },
        itemPages.links(offset, maxResults, entries.length, req.query),
      );
    }),
  );

  router.get(
    '/youtube/v3/playlists',
    dataApiRoute(ctx, 'playlists.list', (req, caller) => {
      const parts = parseParts(req.query, PLAYLIST_PARTS);
      const ids = parseIds(req.query, 'id');
      const channelId = stringParam(req.query, 'channelId');
      const mine = parseBoolean(req.query, 'mine');
      const filters = [ids && 'id', channelId !== undefined && 'channelId', mine && 'mine'].filter(Boolean) as string[];
      if (filters.length === 0) throw youtubeErrors.noFilter(['channelId', 'id', 'mine']);
      if (filters.length > 1) throw youtubeErrors.incompatibleFilters(filters);
      const maxResults = parseMaxResults(req.query, { min: 0, max: 50, fallback: 5 });
      const user = ctx.user();

      let playlists: PlaylistView[];
      if (mine) {
        requireUser(caller);
        playlists = user.playlists.map((p) => userPlaylistView(ctx, p));
      } else if (ids) {
        playlists = ids.flatMap((id) => findPlaylist(ctx, id) ?? []).filter((p) => visibleTo(p, caller, ctx));
      } else {
        // Artists' channels publish no playlists in the simulation; the user's channel shows its public ones.
        playlists = channelId === user.channel.id ? user.playlists.map((p) => userPlaylistView(ctx, p)).filter((p) => visibleTo(p, caller, ctx)) : [];
      }
      const offset = ids ? 0 : playlistPages.decode(req.query);
      const page = ids ? playlists : playlists.slice(offset, offset + maxResults);
      return listEnvelope(
        'youtube#playlistListResponse',
        page.map((p) => playlistResource(p, parts)),
        { totalResults: playlists.length, resultsPerPage: maxResults },
        ids ? {} : playlistPages.links(offset, maxResults, playlists.length, req.query),
      );
    }),
  );
}
