/**
 * Editing a playlist under optimistic concurrency: every edit names the version it was based on,
 * claims the next one with a single conditional UPDATE (which also row-locks the playlist, so
 * concurrent edits queue and all but the first fail with CONFLICT), changes the items with
 * set-based statements and recomputes the totals, all in one transaction.
 * Positions stay 0..n-1 without gaps; UNIQUE (playlist_id, position) is checked at commit, which
 * lets one UPDATE shift many rows through positions that are briefly taken twice.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, badInput, ErrorCode, notFound } from '../../../platform/errors.js';
import { PlaylistEntity, PlaylistItemEntity, type PlaylistItemRecord, type PlaylistRecord } from './entities.js';
import { hydrate, hydrateAll, isUuid, run } from './sql.js';

export const MAX_PLAYLIST_ITEMS = 10_000;

/** CONFLICT for an edit based on an old version; the client re-reads and retries. */
export function staleVersion(currentVersion: number, expectedVersion?: number): AppError {
  const message =
    expectedVersion === undefined
      ? `The playlist changed since it was read; it is now at version ${currentVersion}`
      : `The playlist changed since version ${expectedVersion} was read`;
  return new AppError(ErrorCode.CONFLICT, message, { currentVersion });
}

export type PlaylistDetailsPatch = Partial<
  Pick<PlaylistRecord, 'name' | 'description' | 'isPublic' | 'coverImageUrl' | 'tags'>
>;

export interface NewPlaylistItem {
  trackId: string;
  /** Whole milliseconds (rounded if not). */
  durationMs: number;
  addedBy: string;
  /** Defaults to the transaction's time. */
  addedAt?: Date;
}

export interface DesiredPlaylistItem extends NewPlaylistItem {
  addedAt: Date;
}

export interface ReplaceResult {
  added: number;
  removed: number;
  /** Items that kept their id (matched by track and occurrence). */
  kept: number;
  /** Of the kept items, those whose position or track length changed. */
  updated: number;
}

export interface SyncResult extends ReplaceResult {
  /** False when the items already were exactly the desired list: then the version was not bumped. */
  changed: boolean;
  playlist: PlaylistRecord;
}

/** What an edit may do, bound to its transaction. Call the operations one after another. */
export interface PlaylistEdit {
  /** The playlist before the change, with the version already claimed (expected + 1). */
  playlist: PlaylistRecord;
  updateDetails(patch: PlaylistDetailsPatch): Promise<void>;
  /** At `position` (clamped to 0..n), or appended when null. Returns the new items in order. */
  insertItems(items: NewPlaylistItem[], position: number | null): Promise<PlaylistItemRecord[]>;
  /** All or nothing: an id that is not an item of this playlist rejects the whole call. */
  removeItems(itemIds: string[]): Promise<void>;
  /** To `toPosition` clamped to 0..n-1; the items in between shift by one. */
  moveItem(itemId: string, toPosition: number): Promise<void>;
  /** The items become exactly `desired`, in order, keeping the ids of matching items. */
  replaceItems(desired: DesiredPlaylistItem[]): Promise<ReplaceResult>;
}

const DETAIL_COLUMNS = {
  name: 'name',
  description: 'description',
  isPublic: 'is_public',
  coverImageUrl: 'cover_image_url',
  tags: 'tags',
} as const satisfies Record<keyof PlaylistDetailsPatch, string>;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(Math.trunc(value), min), max);

function checkItemLimit(count: number): void {
  if (count > MAX_PLAYLIST_ITEMS) {
    throw badInput(`A playlist holds at most 10,000 items; this change would make it ${count}`, 'trackIds');
  }
}

function checkVersion(expectedVersion: number): void {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 1 || expectedVersion > 2 ** 31 - 1) {
    throw badInput('expectedVersion: must be a positive integer', 'expectedVersion');
  }
}

/** The items as parallel arrays for unnest(), one round trip however many there are. */
function itemArrays(items: NewPlaylistItem[]): [string[], number[], string[], (Date | null)[]] {
  return [
    items.map((item) => item.trackId),
    items.map((item) => Math.round(item.durationMs)),
    items.map((item) => item.addedBy),
    items.map((item) => item.addedAt ?? null),
  ];
}

async function itemCount(m: EntityManager, playlistId: string): Promise<number> {
  const { rows } = await run<{ n: number }>(m, 'SELECT count(*)::int AS n FROM playlist_items WHERE playlist_id = $1', [
    playlistId,
  ]);
  return rows[0]!.n;
}

async function currentVersion(m: EntityManager | DataSource, playlistId: string): Promise<number | null> {
  const { rows } = await run<{ version: number }>(m, 'SELECT version FROM playlists WHERE id = $1', [playlistId]);
  return rows[0]?.version ?? null;
}

/** Sets track_count and duration_ms from the items (and bumps the version if asked); the playlist after. */
async function refreshTotals(m: EntityManager, playlistId: string, bumpVersion: boolean): Promise<PlaylistRecord> {
  const { rows } = await run(
    m,
    `UPDATE playlists p SET track_count = t.n, duration_ms = t.d
       ${bumpVersion ? ', version = p.version + 1, updated_at = now()' : ''}
     FROM (SELECT count(*)::int AS n, coalesce(sum(duration_ms), 0) AS d FROM playlist_items WHERE playlist_id = $1) t
     WHERE p.id = $1
     RETURNING p.*`,
    [playlistId],
  );
  if (!rows[0]) throw notFound('Playlist');
  return hydrate(m, PlaylistEntity, rows[0]);
}

/** Closes the gaps a removal left: positions become 0..n-1 in their current order. */
async function compactPositions(m: EntityManager, playlistId: string): Promise<void> {
  await run(
    m,
    `UPDATE playlist_items i SET position = r.position
     FROM (SELECT id, (row_number() OVER (ORDER BY position) - 1)::int AS position
           FROM playlist_items WHERE playlist_id = $1) r
     WHERE i.id = r.id AND i.playlist_id = $1 AND i.position <> r.position`,
    [playlistId],
  );
}

/**
 * Makes the items exactly `desired`, in one statement. The k-th occurrence of a track among the
 * existing items (by position) is the same item as its k-th occurrence in `desired`: it keeps its
 * id, added_by and added_at and takes its new position and length. The rest are deleted or inserted.
 */
async function diffItems(m: EntityManager, playlistId: string, desired: DesiredPlaylistItem[]): Promise<ReplaceResult> {
  const { rows } = await run<ReplaceResult>(
    m,
    `WITH desired AS (
       SELECT (d.ord - 1)::int AS position, d.track_id, d.duration_ms, d.added_by, d.added_at,
              row_number() OVER (PARTITION BY d.track_id ORDER BY d.ord) AS occurrence
       FROM unnest($2::text[], $3::int[], $4::text[], $5::timestamptz[])
            WITH ORDINALITY AS d(track_id, duration_ms, added_by, added_at, ord)
     ), existing AS (
       SELECT id, track_id, row_number() OVER (PARTITION BY track_id ORDER BY position) AS occurrence
       FROM playlist_items WHERE playlist_id = $1
     ), matched AS (
       SELECT e.id, d.position, d.duration_ms FROM existing e JOIN desired d USING (track_id, occurrence)
     ), removed AS (
       DELETE FROM playlist_items i
       WHERE i.playlist_id = $1 AND NOT EXISTS (SELECT 1 FROM matched k WHERE k.id = i.id)
       RETURNING 1
     ), updated AS (
       UPDATE playlist_items i SET position = k.position, duration_ms = k.duration_ms
       FROM matched k
       WHERE i.id = k.id AND (i.position <> k.position OR i.duration_ms <> k.duration_ms)
       RETURNING 1
     ), added AS (
       INSERT INTO playlist_items (playlist_id, position, track_id, duration_ms, added_by, added_at)
       SELECT $1, d.position, d.track_id, d.duration_ms, d.added_by, coalesce(d.added_at, now())
       FROM desired d
       WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.track_id = d.track_id AND e.occurrence = d.occurrence)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM added)::int AS added, (SELECT count(*) FROM removed)::int AS removed,
            (SELECT count(*) FROM matched)::int AS kept, (SELECT count(*) FROM updated)::int AS updated`,
    [playlistId, ...itemArrays(desired)],
  );
  return rows[0]!;
}

function editOf(m: EntityManager, playlist: PlaylistRecord, onItemsChanged: () => void): PlaylistEdit {
  const id = playlist.id;
  return {
    playlist,

    async updateDetails(patch) {
      const params: unknown[] = [id];
      const sets: string[] = [];
      for (const [key, column] of Object.entries(DETAIL_COLUMNS) as [keyof PlaylistDetailsPatch, string][]) {
        if (patch[key] === undefined) continue;
        params.push(patch[key]);
        sets.push(`${column} = $${params.length}`);
      }
      if (sets.length) await run(m, `UPDATE playlists SET ${sets.join(', ')} WHERE id = $1`, params);
    },

    async insertItems(items, position) {
      if (!items.length) return [];
      const count = await itemCount(m, id);
      checkItemLimit(count + items.length);
      const at = position === null ? count : clamp(position, 0, count);
      if (at < count) {
        await run(m, 'UPDATE playlist_items SET position = position + $3 WHERE playlist_id = $1 AND position >= $2', [
          id,
          at,
          items.length,
        ]);
      }
      const { rows } = await run(
        m,
        `INSERT INTO playlist_items (playlist_id, position, track_id, duration_ms, added_by, added_at)
         SELECT $1, $2 + u.ord - 1, u.track_id, u.duration_ms, u.added_by, coalesce(u.added_at, now())
         FROM unnest($3::text[], $4::int[], $5::text[], $6::timestamptz[])
              WITH ORDINALITY AS u(track_id, duration_ms, added_by, added_at, ord)
         RETURNING *`,
        [id, at, ...itemArrays(items)],
      );
      onItemsChanged();
      return hydrateAll(m, PlaylistItemEntity, rows).sort((a, b) => a.position - b.position);
    },

    async removeItems(itemIds) {
      const wanted = [...new Set(itemIds)];
      if (!wanted.length) return;
      const { rows } = await run<{ id: string }>(
        m,
        'SELECT id FROM playlist_items WHERE playlist_id = $1 AND id = ANY($2::uuid[])',
        [id, wanted.filter(isUuid)],
      );
      const found = new Set(rows.map((row) => row.id));
      const unknown = wanted.filter((itemId) => !found.has(itemId.toLowerCase()));
      if (unknown.length) {
        throw badInput(`itemIds: not items of this playlist: ${unknown.slice(0, 5).join(', ')}`, 'itemIds');
      }
      await run(m, 'DELETE FROM playlist_items WHERE playlist_id = $1 AND id = ANY($2::uuid[])', [id, wanted]);
      await compactPositions(m, id);
      onItemsChanged();
    },

    async moveItem(itemId, toPosition) {
      const { rows } = isUuid(itemId)
        ? await run<{ position: number; n: number }>(
            m,
            `SELECT position, (SELECT count(*)::int FROM playlist_items WHERE playlist_id = $1) AS n
             FROM playlist_items WHERE playlist_id = $1 AND id = $2`,
            [id, itemId],
          )
        : { rows: [] };
      const item = rows[0];
      if (!item) throw badInput(`itemId: not an item of this playlist: ${itemId}`, 'itemId');
      const from = item.position;
      const to = clamp(toPosition, 0, item.n - 1);
      if (from === to) return;
      // The item jumps; everything between its old and new place shifts one step towards the gap.
      await run(
        m,
        `UPDATE playlist_items SET position = CASE WHEN id = $2 THEN $3::int ELSE position + $4::int END
         WHERE playlist_id = $1 AND position BETWEEN $5 AND $6`,
        [id, itemId, to, from < to ? -1 : 1, Math.min(from, to), Math.max(from, to)],
      );
    },

    async replaceItems(desired) {
      checkItemLimit(desired.length);
      const result = await diffItems(m, id, desired);
      onItemsChanged();
      return result;
    },
  };
}

/**
 * Runs `change` in one transaction after claiming version `expectedVersion + 1`. NOT_FOUND when
 * there is no such playlist, CONFLICT (staleVersion) when it is no longer at `expectedVersion`;
 * if `change` throws, nothing is written. Returns the playlist as committed.
 */
export async function editPlaylist(
  db: DataSource,
  playlistId: string,
  expectedVersion: number,
  change: (edit: PlaylistEdit) => Promise<void>,
): Promise<PlaylistRecord> {
  if (!isUuid(playlistId)) throw notFound('Playlist');
  checkVersion(expectedVersion);
  return db.transaction(async (m) => {
    // Under READ COMMITTED a concurrent edit waits here for the row lock, then re-checks the
    // version against the committed row and finds it moved on.
    const claimed = await run(
      m,
      'UPDATE playlists SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING *',
      [playlistId, expectedVersion],
    );
    if (!claimed.rows[0]) {
      const current = await currentVersion(m, playlistId);
      throw current === null ? notFound('Playlist') : staleVersion(current, expectedVersion);
    }
    let itemsChanged = false;
    await change(editOf(m, hydrate(m, PlaylistEntity, claimed.rows[0]), () => (itemsChanged = true)));
    if (itemsChanged) return refreshTotals(m, playlistId, false);
    const { rows } = await run(m, 'SELECT * FROM playlists WHERE id = $1', [playlistId]);
    return hydrate(m, PlaylistEntity, rows[0]!);
  });
}

/** Deletes the playlist (its items, collaborators, followers and import link go with it) if still at `expectedVersion`. */
export async function deletePlaylist(db: DataSource, playlistId: string, expectedVersion: number): Promise<void> {
  if (!isUuid(playlistId)) throw notFound('Playlist');
  checkVersion(expectedVersion);
  const { rowCount } = await run(db, 'DELETE FROM playlists WHERE id = $1 AND version = $2', [playlistId, expectedVersion]);
  if (rowCount) return;
  const current = await currentVersion(db, playlistId);
  throw current === null ? notFound('Playlist') : staleVersion(current, expectedVersion);
}

/** Locks the playlist row the way an edit's version claim does, so the two serialise. */
export async function lockPlaylist(m: EntityManager, playlistId: string): Promise<PlaylistRecord | null> {
  const { rows } = await run(m, 'SELECT * FROM playlists WHERE id = $1 FOR NO KEY UPDATE', [playlistId]);
  return rows[0] ? hydrate(m, PlaylistEntity, rows[0]) : null;
}

/**
 * Store-internal: the diff of syncPlaylistItems on a playlist this transaction has locked.
 * `created` playlists get their first items without a version bump.
 */
export async function syncLockedPlaylist(
  m: EntityManager,
  playlist: PlaylistRecord,
  desired: DesiredPlaylistItem[],
  options: { created?: boolean } = {},
): Promise<SyncResult> {
  checkItemLimit(desired.length);
  const result = await diffItems(m, playlist.id, desired);
  const changed = result.added + result.removed + result.updated > 0;
  if (!changed) return { ...result, changed, playlist };
  return { ...result, changed, playlist: await refreshTotals(m, playlist.id, !options.created) };
}

/**
 * For Spotify syncs: makes the items exactly `desired` without an expected version (Spotify is the
 * source of truth), bumping the version only if something changed, so a repeated sync is free.
 */
export async function syncPlaylistItems(
  db: DataSource,
  playlistId: string,
  desired: DesiredPlaylistItem[],
): Promise<SyncResult> {
  if (!isUuid(playlistId)) throw notFound('Playlist');
  checkItemLimit(desired.length);
  return db.transaction(async (m) => {
    const playlist = await lockPlaylist(m, playlistId);
    if (!playlist) throw notFound('Playlist');
    return syncLockedPlaylist(m, playlist, desired);
  });
}
