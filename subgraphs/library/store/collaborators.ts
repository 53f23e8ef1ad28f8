/**
 * Who else may see or edit a playlist, and how much. What each role allows is decided by the
 * GraphQL side; the store only records it. Collaborator changes do not bump the playlist version.
 */
import type { DataSource } from 'typeorm';
import { notFound } from '../../../platform/errors.js';
import { CollaboratorEntity, type CollaboratorRecord, type CollaboratorRole } from './entities.js';
import { FOREIGN_KEY_VIOLATION, fetchLimit, hydrate, hydrateAll, isUuid, run, sqlState } from './sql.js';

export interface NewCollaborator {
  playlistId: string;
  userId: string;
  role: CollaboratorRole;
  invitedBy: string;
}

/**
 * Adds the collaborator or changes their role. A role change keeps the original invitedBy and
 * createdAt (createdAt is the list's order). NOT_FOUND when the playlist does not exist.
 */
export async function setCollaborator(db: DataSource, collaborator: NewCollaborator): Promise<CollaboratorRecord> {
  const { playlistId, userId, role, invitedBy } = collaborator;
  if (!isUuid(playlistId)) throw notFound('Playlist');
  try {
    const { rows } = await run(
      db,
      `INSERT INTO playlist_collaborators (playlist_id, user_id, role, invited_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (playlist_id, user_id) DO UPDATE SET role = EXCLUDED.role
       RETURNING *`,
      [playlistId, userId, role, invitedBy],
    );
    return hydrate(db, CollaboratorEntity, rows[0]!);
  } catch (error) {
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) throw notFound('Playlist');
    throw error;
  }
}

/** True if the user was a collaborator. */
export async function removeCollaborator(db: DataSource, playlistId: string, userId: string): Promise<boolean> {
  if (!isUuid(playlistId)) return false;
  const { rowCount } = await run(db, 'DELETE FROM playlist_collaborators WHERE playlist_id = $1 AND user_id = $2', [
    playlistId,
    userId,
  ]);
  return rowCount > 0;
}

/** For a DataLoader: the user's role on each of `playlistIds` they collaborate on, in one query. */
export async function collaboratorRoles(
  db: DataSource,
  playlistIds: readonly string[],
  userId: string,
): Promise<Map<string, CollaboratorRole>> {
  const ids = [...new Set(playlistIds.filter(isUuid))];
  if (!ids.length) return new Map();
  const { rows } = await run<{ playlist_id: string; role: CollaboratorRole }>(
    db,
    'SELECT playlist_id, role FROM playlist_collaborators WHERE user_id = $1 AND playlist_id = ANY($2::uuid[])',
    [userId, ids],
  );
  return new Map(rows.map((row) => [row.playlist_id, row.role]));
}

export interface CollaboratorCursor {
  createdAt: Date;
  userId: string;
}

/** Oldest first, then by user id. Returns up to `first + 1` rows (see splitPage in sql.ts). */
export async function collaboratorsPage(
  db: DataSource,
  playlistId: string,
  page: { after: CollaboratorCursor | null; first: number },
): Promise<CollaboratorRecord[]> {
  const params: unknown[] = [playlistId, fetchLimit(page.first)];
  if (!isUuid(playlistId)) return [];
  let keyset = '';
  if (page.after) {
    params.push(page.after.createdAt, page.after.userId);
    keyset = 'AND (created_at > $3 OR (created_at = $3 AND user_id > $4))';
  }
  const { rows } = await run(
    db,
    `SELECT * FROM playlist_collaborators WHERE playlist_id = $1 ${keyset}
     ORDER BY created_at ASC, user_id ASC LIMIT $2`,
    params,
  );
  return hydrateAll(db, CollaboratorEntity, rows);
}
