/** A user's saved tracks. Saving twice or removing what is not saved is a no-op, so retries are safe. */
import type { DataSource } from 'typeorm';
import { SavedTrackEntity, type SavedTrackRecord } from './entities.js';
import { fetchLimit, hydrateAll, run } from './sql.js';

export async function saveTrack(db: DataSource, userId: string, trackId: string): Promise<void> {
  await db.createQueryBuilder().insert().into(SavedTrackEntity).values({ userId, trackId }).orIgnore().execute();
}

export async function unsaveTrack(db: DataSource, userId: string, trackId: string): Promise<void> {
  await db.getRepository(SavedTrackEntity).delete({ userId, trackId });
}

export function savedTrackCount(db: DataSource, userId: string): Promise<number> {
  return db.getRepository(SavedTrackEntity).countBy({ userId });
}

export interface SavedTrackCursor {
  savedAt: Date;
  trackId: string;
}

/** Newest first, then by track id; the page after `after`. Returns up to `first + 1` rows (see splitPage). */
export async function savedTracksPage(
  db: DataSource,
  userId: string,
  page: { after: SavedTrackCursor | null; first: number },
): Promise<SavedTrackRecord[]> {
  const params: unknown[] = [userId, fetchLimit(page.first)];
  let keyset = '';
  if (page.after) {
    params.push(page.after.savedAt, page.after.trackId);
    keyset = 'AND (saved_at < $3 OR (saved_at = $3 AND track_id > $4))';
  }
  const { rows } = await run(
    db,
    `SELECT * FROM saved_tracks WHERE user_id = $1 ${keyset} ORDER BY saved_at DESC, track_id ASC LIMIT $2`,
    params,
  );
  return hydrateAll(db, SavedTrackEntity, rows);
}
