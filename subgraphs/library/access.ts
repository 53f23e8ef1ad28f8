/**
 * What a caller may do with a playlist. One function decides it for every path: the `playlist`
 * query and `_entities` (which answer null, so a private playlist's existence is not revealed), the
 * shield rule on the Playlist type, and every edit. Roles are ranked: an owner may do everything, a
 * MANAGE collaborator all but delete, EDIT the items, VIEW only see; admins see everything (VIEW)
 * and may delete; anyone through the gateway sees a public playlist.
 */
import { forbidden, notFound } from '../../platform/errors.js';
import type { RequestIdentity } from '../../platform/identity.js';
import type { CollaboratorRole, PlaylistRecord } from './store/entities.js';

export type PlaylistAccess = 'OWNER' | CollaboratorRole | 'PUBLIC';

const RANK: Record<PlaylistAccess, number> = { PUBLIC: 0, VIEW: 1, EDIT: 2, MANAGE: 3, OWNER: 4 };

export function accessOf(
  playlist: Pick<PlaylistRecord, 'ownerId' | 'isPublic'>,
  identity: RequestIdentity,
  collaboratorRole: CollaboratorRole | undefined,
): PlaylistAccess | null {
  if (!identity.viaGateway) return null;
  if (identity.userId !== undefined && identity.userId === playlist.ownerId) return 'OWNER';
  if (collaboratorRole) return collaboratorRole;
  if (identity.roles.includes('ADMIN')) return 'VIEW';
  return playlist.isPublic ? 'PUBLIC' : null;
}

export const canView = (access: PlaylistAccess | null): access is PlaylistAccess => access !== null;

/**
 * Throws unless `access` reaches `needed`: NOT_FOUND for a playlist the caller cannot even see (as
 * for one that does not exist), FORBIDDEN for one they see but may not change that way.
 */
export function requireAccess(access: PlaylistAccess | null, needed: PlaylistAccess): PlaylistAccess {
  if (access === null) throw notFound('Playlist');
  if (RANK[access] < RANK[needed]) throw forbidden(`This needs ${needed} access to the playlist`);
  return access;
}
