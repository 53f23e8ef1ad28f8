/**
 * `youtube#playlist` and `youtube#playlistItem` resources. A channel's uploads playlist ("UU...")
 * lists its uploads newest first; the simulated user's own playlists hold songs from the catalogue.
 * Playlist item ids are, as at YouTube, the base64 of "<playlistId>.<videoId>".
 */
import type { SimVideo } from '../catalogue/types.js';
import { etagOf, videoThumbnails } from './envelope.js';
import type { YouTubeWorld } from './world.js';

export const PLAYLIST_ITEM_PARTS = ['id', 'snippet', 'contentDetails', 'status'] as const;
export type PlaylistItemPart = (typeof PLAYLIST_ITEM_PARTS)[number];
export const PLAYLIST_PARTS = ['id', 'snippet', 'contentDetails', 'status', 'player', 'localizations'] as const;
export type PlaylistPart = (typeof PLAYLIST_PARTS)[number];

/** A playlist as the routes see it, whichever kind it is. */
export interface PlaylistView {
  id: string;
  title: string;
  description: string;
  publishedAt: string;
  channelId: string;
  channelTitle: string;
  privacyStatus: 'public' | 'private' | 'unlisted';
  videos: SimVideo[];
}

export function playlistItemId(playlistId: string, videoId: string): string {
  return Buffer.from(`${playlistId}.${videoId}`).toString('base64');
}

/** The playlist and video a playlist item id names, or undefined for anything else. */
export function parsePlaylistItemId(id: string): { playlistId: string; videoId: string } | undefined {
  const match = /^((?:UU|PL)[A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{11})$/.exec(Buffer.from(id, 'base64').toString());
  return match ? { playlistId: match[1]!, videoId: match[2]! } : undefined;
}

export function playlistItemResource(
  playlist: PlaylistView,
  video: SimVideo,
  position: number,
  parts: Set<PlaylistItemPart>,
  world: YouTubeWorld,
): Record<string, unknown> {
  const owner = world.channel(video.channelId);
  const resource: Record<string, unknown> = { kind: 'youtube#playlistItem', etag: '', id: playlistItemId(playlist.id, video.id) };
  // Uploads are "added" when published; a user's playlist items when the playlist was made.
  const addedAt = playlist.id.startsWith('UU') ? video.publishedAt : playlist.publishedAt;
  if (parts.has('snippet')) {
    resource.snippet = {
      publishedAt: addedAt,
      channelId: playlist.channelId,
      title: video.title,
      description: video.description,
      thumbnails: videoThumbnails(video.id, 'full'),
      channelTitle: playlist.channelTitle,
      playlistId: playlist.id,
      position,
      resourceId: { kind: 'youtube#video', videoId: video.id },
      videoOwnerChannelTitle: owner?.title ?? '',
      videoOwnerChannelId: video.channelId,
    };
  }
  if (parts.has('contentDetails')) resource.contentDetails = { videoId: video.id, videoPublishedAt: video.publishedAt };
  if (parts.has('status')) resource.status = { privacyStatus: 'public' };
  resource.etag = etagOf(resource);
  return resource;
}

export function playlistResource(playlist: PlaylistView, parts: Set<PlaylistPart>): Record<string, unknown> {
  const resource: Record<string, unknown> = { kind: 'youtube#playlist', etag: '', id: playlist.id };
  if (parts.has('snippet')) {
    const first = playlist.videos[0];
    resource.snippet = {
      publishedAt: playlist.publishedAt,
      channelId: playlist.channelId,
      title: playlist.title,
      description: playlist.description,
      thumbnails: first ? videoThumbnails(first.id, 'full') : {},
      channelTitle: playlist.channelTitle,
      localized: { title: playlist.title, description: playlist.description },
    };
  }
  if (parts.has('contentDetails')) resource.contentDetails = { itemCount: playlist.videos.length };
  if (parts.has('status')) resource.status = { privacyStatus: playlist.privacyStatus };
  if (parts.has('player')) {
    resource.player = {
      embedHtml: `<iframe width="640" height="360" src="http://www.youtube.com/embed/videoseries?list=${playlist.id}" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
    };
  }
  resource.etag = etagOf(resource);
  return resource;
}
