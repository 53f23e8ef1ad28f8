/** Reading a playlist's items in order. Changing them is playlist-edits.ts's job. */
import type { DataSource } from 'typeorm';
import { PlaylistItemEntity, type PlaylistItemRecord } from './entities.js';
import { fetchLimit, hydrateAll, isUuid, run } from './sql.js';

/**
 * The items after position `afterPosition` (from the start when null), by position. Positions are
 * gap-free, so the position is the cursor. Returns up to `first + 1` rows: one more than `first`
 * means there is a next page (see splitPage in sql.ts).
 */
export async function itemsPage(
  db: DataSource,
  playlistId: string,
  page: { afterPosition: number | null; first: number },
): Promise<PlaylistItemRecord[]> {
  const limit = fetchLimit(page.first);
  if (!isUuid(playlistId)) return [];
  const { rows } = await run(
    db,
    'SELECT * FROM playlist_items WHERE playlist_id = $1 AND position > $2 ORDER BY position LIMIT $3',
    [playlistId, page.afterPosition ?? -1, limit],
  );
  return hydrateAll(db, PlaylistItemEntity, rows);
}
