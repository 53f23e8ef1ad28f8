/**
 * Who may see a playlist: its owner, an admin, or anyone (through the gateway) when it is public.
 * One function, used by the `playlist` query (which answers null rather than revealing that a private
 * playlist exists) and by the shield rule on the Playlist type (which also covers `_entities`).
 */
import type { RequestIdentity } from '../../platform/identity.js';
import type { PlaylistRecord } from './store/entities.js';

export function canViewPlaylist(playlist: Pick<PlaylistRecord, 'ownerId' | 'isPublic'>, identity: RequestIdentity): boolean {
  if (!identity.viaGateway) return false;
  if (playlist.isPublic) return true;
  return identity.userId === playlist.ownerId || identity.roles.includes('ADMIN');
}
