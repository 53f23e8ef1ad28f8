/**
 * Concurrent edits against a real PostgreSQL: the version claim row-locks the playlist, so edits
 * based on the same version serialise and all but one fail with CONFLICT; retried edits leave the
 * items intact and gap-free.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../platform/errors.js';
import { editPlaylist, type PlaylistEdit } from './playlist-edits.js';
import { createPlaylist, findPlaylist } from './playlists.js';
import { useLibraryTestStore } from './testing.js';

const store = useLibraryTestStore('concurrency');

async function playlistWith(count: number) {
  const created = await createPlaylist(store(), { ownerId: randomUUID(), name: 'Busy', description: null, isPublic: true });
  const items = Array.from({ length: count }, (_, i) => ({ trackId: `t${i}`, durationMs: 1000 + i, addedBy: 'u' }));
  return editPlaylist(store(), created.id, 1, (edit) => edit.insertItems(items, null).then(() => {}));
}

async function items(playlistId: string): Promise<{ id: string; position: number; track_id: string }[]> {
  return store().query('SELECT id, position, track_id FROM playlist_items WHERE playlist_id = $1 ORDER BY position', [
    playlistId,
  ]);
}

const isConflict = (error: unknown) =>
  (error as { extensions?: { code?: string } }).extensions?.code === ErrorCode.CONFLICT;

/** Reads the version and edits on it, again on CONFLICT, as a client would. */
async function withRetries(playlistId: string, change: (edit: PlaylistEdit) => Promise<void>): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const { version } = (await findPlaylist(store(), playlistId))!;
    try {
      await editPlaylist(store(), playlistId, version, change);
      return attempt;
    } catch (error) {
      if (!isConflict(error) || attempt > 100) throw error;
    }
  }
}

describe('concurrent edits', () => {
  it('lets exactly one of two edits on the same version win', async () => {
    const playlist = await playlistWith(3);
    const edit = (name: string) =>
      editPlaylist(store(), playlist.id, playlist.version, async (e) => {
        await e.updateDetails({ name });
        await sleep(50); // both are inside their transactions at once
      });
    const results = await Promise.allSettled([edit('First'), edit('Second')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: playlist.version + 1 } });
    const stored = (await findPlaylist(store(), playlist.id))!;
    expect(stored).toEqual(won[0]!.value);
    expect(stored.version).toBe(playlist.version + 1);
  });

  it('keeps positions 0..n-1 and the same items through 20 concurrent moves with retries', async () => {
    const playlist = await playlistWith(12);
    const before = await items(playlist.id);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withRetries(playlist.id, (edit) => edit.moveItem(before[(i * 7) % before.length]!.id, (i * 5) % 13)),
      ),
    );
    expect(attempts.some((n) => n > 1)).toBe(true); // they really did collide
    const after = await items(playlist.id);
    expect(after.map((item) => item.position)).toEqual(before.map((_, index) => index));
    const multiset = (rows: typeof before) => rows.map((row) => `${row.id}:${row.track_id}`).sort();
    expect(multiset(after)).toEqual(multiset(before));
    expect(await findPlaylist(store(), playlist.id)).toMatchObject({
      version: playlist.version + 20,
      trackCount: 12,
      durationMs: playlist.durationMs,
    });
  });

  it('serialises concurrent inserts and removals into a consistent playlist', async () => {
    const playlist = await playlistWith(4);
    const before = await items(playlist.id);
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        withRetries(playlist.id, (edit) =>
          edit.insertItems([{ trackId: `new${i}`, durationMs: 10, addedBy: 'u' }], i % 3).then(() => {}),
        ),
      ),
      withRetries(playlist.id, (edit) => edit.removeItems([before[0]!.id, before[2]!.id])),
    ]);
    const after = await items(playlist.id);
    expect(after.map((item) => item.position)).toEqual(after.map((_, index) => index));
    expect(after.map((item) => item.track_id).sort()).toEqual(['new0', 'new1', 'new2', 'new3', 'new4', 'new5', 't1', 't3']);
    expect(await findPlaylist(store(), playlist.id)).toMatchObject({ trackCount: 8, durationMs: 1001 + 1003 + 60 });
  });
});
