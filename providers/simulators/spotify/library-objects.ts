/**
 * Users' objects of the Web API: PrivateUserObject, SimplifiedPlaylistObject, PlaylistObject and
 * its PlaylistTrackObject items (both the new `item` and the deprecated `track` field, and both
 * `items` and `tracks` on playlists, as Spotify sends during the 2026 migration), SavedTrackObject.
 */
import type { SpotifyContext } from './context.js';
import { pageUrl, paging, trackObject, type ApiBase, type RenderOptions } from './objects.js';
import type { PlaylistItem, SimPlaylist, SimUser } from './users.js';

function userRef(id: string, base: ApiBase) {
  return {
    external_urls: { spotify: `https://open.spotify.com/user/${id}` },
    href: `${base}/users/${id}`,
    id,
    type: 'user' as const,
    uri: `spotify:user:${id}`,
  };
}

export function privateUser(user: SimUser, base: ApiBase) {
  return {
    country: user.country,
    display_name: user.displayName,
    email: `${user.id}@users.simulator.invalid`,
    explicit_content: { filter_enabled: false, filter_locked: false },
    ...userRef(user.id, base),
    followers: { href: null, total: 0 },
    images: [],
    product: 'premium',
  };
}

function owner(ctx: SpotifyContext, playlist: SimPlaylist, base: ApiBase) {
  return { ...userRef(playlist.ownerId, base), display_name: ctx.users.users.get(playlist.ownerId)?.displayName ?? null };
}

function playlistCommon(ctx: SpotifyContext, playlist: SimPlaylist, base: ApiBase) {
  return {
    collaborative: playlist.collaborative,
    description: playlist.description,
    external_urls: { spotify: `https://open.spotify.com/playlist/${playlist.id}` },
    href: `${base}/playlists/${playlist.id}`,
    id: playlist.id,
    images: [],
    name: playlist.name,
    owner: owner(ctx, playlist, base),
    public: playlist.public,
    snapshot_id: playlist.snapshotId,
    type: 'playlist',
    uri: `spotify:playlist:${playlist.id}`,
  };
}

export function simplifiedPlaylist(ctx: SpotifyContext, playlist: SimPlaylist, base: ApiBase) {
  const ref = { href: `${base}/playlists/${playlist.id}/items`, total: playlist.items.length };
  return { ...playlistCommon(ctx, playlist, base), items: ref, tracks: { href: `${base}/playlists/${playlist.id}/tracks`, total: playlist.items.length } };
}

export function playlistItem(ctx: SpotifyContext, item: PlaylistItem, options: RenderOptions) {
  const track = ctx.catalogue.tracks.get(item.trackId);
  const rendered = track ? trackObject(ctx.catalogue, track, options) : null;
  return { added_at: item.addedAt, added_by: userRef(item.addedBy, options.base), is_local: false, item: rendered, track: rendered };
}

export function playlistItems(ctx: SpotifyContext, playlist: SimPlaylist, path: 'items' | 'tracks', offset: number, limit: number, options: RenderOptions) {
  return paging(playlist.items, offset, limit, pageUrl(options.base, `/playlists/${playlist.id}/${path}`, { market: options.market }), (item) => playlistItem(ctx, item, options));
}

export function playlistObject(ctx: SpotifyContext, playlist: SimPlaylist, options: RenderOptions) {
  return {
    ...playlistCommon(ctx, playlist, options.base),
    followers: { href: null, total: 0 },
    items: playlistItems(ctx, playlist, 'items', 0, 100, options),
    tracks: playlistItems(ctx, playlist, 'tracks', 0, 100, options),
  };
}
