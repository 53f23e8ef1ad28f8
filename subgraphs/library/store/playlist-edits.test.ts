/**
 * Playlist edits against a real PostgreSQL: the version claim, rollback, the item operations and
 * the totals they keep. Concurrency has its own file (playlist-concurrency.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deletePlaylist, editPlaylist, MAX_PLAYLIST_ITEMS, type NewPlaylistItem } from './playlist-edits.js';
import { createPlaylist, findPlaylist } from './playlists.js';
import { useLibraryTestStore } from './testing.js';

const store = useLibraryTestStore('edits');

const item = (trackId: string, durationMs = 1000): NewPlaylistItem => ({ trackId, durationMs, addedBy: 'u1' });

/** A playlist at version 2 holding `tracks` (each 1000 ms unless given as [track, ms]). */
async function playlistWith(...tracks: (string | [string, number])[]) {
  const created = await createPlaylist(store(), { ownerId: randomUUID(), name: 'Mix', description: null, isPublic: false });
  const items = tracks.map((t) => (typeof t === 'string' ? item(t) : item(t[0], t[1])));
  return editPlaylist(store(), created.id, 1, (edit) => edit.insertItems(items, null).then(() => {}));
}

/** The items in order, as track ids, checking positions are exactly 0..n-1. */
async function tracksOf(playlistId: string): Promise<string[]> {
  const rows: { position: number; track_id: string }[] = await store().query(
    'SELECT position, track_id FROM playlist_items WHERE playlist_id = $1 ORDER BY position',
    [playlistId],
  );
  expect(rows.map((row) => row.position)).toEqual(rows.map((_, index) => index));
  return rows.map((row) => row.track_id);
}

async function itemIds(playlistId: string): Promise<string[]> {
  const rows: { id: string }[] = await store().query(
    'SELECT id FROM playlist_items WHERE playlist_id = $1 ORDER BY position',
    [playlistId],
  );
  return rows.map((row) => row.id);
}

describe('the version claim', () => {
  it('bumps the version once per edit and returns the playlist as stored', async () => {
    const created = await createPlaylist(store(), { ownerId: randomUUID(), name: 'A', description: null, isPublic: false });
    expect(created).toMatchObject({ version: 1, trackCount: 0, durationMs: 0, followerCount: 0, tags: [], coverImageUrl: null });
    let seen: number | undefined;
    const edited = await editPlaylist(store(), created.id, 1, async (edit) => {
      seen = edit.playlist.version;
      await edit.updateDetails({ name: 'B', tags: ['chill', 'late night'], coverImageUrl: 'https://img.example/c.jpg' });
      await edit.updateDetails({ description: 'quiet', isPublic: true });
    });
    expect(seen).toBe(2);
    expect(edited).toMatchObject({ version: 2, name: 'B', description: 'quiet', isPublic: true, tags: ['chill', 'late night'] });
    expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect(await findPlaylist(store(), created.id)).toEqual(edited);
  });

  it('answers a stale version with CONFLICT and the current version, without running the change', async () => {
    const playlist = await playlistWith('t1');
    let ran = false;
    const stale = editPlaylist(store(), playlist.id, 1, async () => {
      ran = true;
    });
    await expect(stale).rejects.toMatchObject({
      message: 'The playlist changed since version 1 was read',
      extensions: { code: 'CONFLICT', currentVersion: 2 },
    });
    expect(ran).toBe(false);
    await expect(deletePlaylist(store(), playlist.id, 1)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await findPlaylist(store(), playlist.id)).toEqual(playlist);
  });

  it('writes nothing when the change throws', async () => {
    const playlist = await playlistWith('t1', 't2');
    const failing = editPlaylist(store(), playlist.id, 2, async (edit) => {
      await edit.updateDetails({ name: 'Renamed' });
      await edit.insertItems([item('t3')], 0);
      throw new Error('catalogue down');
    });
    await expect(failing).rejects.toThrow('catalogue down');
    expect(await findPlaylist(store(), playlist.id)).toEqual(playlist);
    expect(await tracksOf(playlist.id)).toEqual(['t1', 't2']);
  });

  it('answers NOT_FOUND for unknown and malformed ids', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      await expect(editPlaylist(store(), id, 1, async () => {})).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      await expect(deletePlaylist(store(), id, 1)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('deletes at the expected version, items included', async () => {
    const playlist = await playlistWith('t1');
    await deletePlaylist(store(), playlist.id, 2);
    expect(await findPlaylist(store(), playlist.id)).toBeNull();
    expect(await tracksOf(playlist.id)).toEqual([]);
  });
});

describe('item operations', () => {
  it('inserts at a position, shifting what follows; null appends; positions are clamped', async () => {
    const playlist = await playlistWith('a', 'b', 'c');
    const inserted = await editPlaylist(store(), playlist.id, 2, async (edit) => {
      const added = await edit.insertItems([item('x'), item('y')], 1);
      expect(added.map((i) => [i.trackId, i.position])).toEqual([['x', 1], ['y', 2]]);
      await edit.insertItems([item('end')], null);
      await edit.insertItems([item('far')], 99);
      await edit.insertItems([item('first')], -3);
    });
    expect(await tracksOf(playlist.id)).toEqual(['first', 'a', 'x', 'y', 'b', 'c', 'end', 'far']);
    expect(inserted).toMatchObject({ version: 3, trackCount: 8, durationMs: 8000 });
  });

  it('removes items and compacts positions', async () => {
    const playlist = await playlistWith('a', ['b', 2000], 'c', ['d', 3000], 'e');
    const ids = await itemIds(playlist.id);
    const edited = await editPlaylist(store(), playlist.id, 2, (edit) => edit.removeItems([ids[1]!, ids[3]!, ids[1]!]));
    expect(await tracksOf(playlist.id)).toEqual(['a', 'c', 'e']);
    expect(edited).toMatchObject({ trackCount: 3, durationMs: 3000 });
  });

  it('rejects unknown item ids and removes nothing', async () => {
    const playlist = await playlistWith('a', 'b');
    const other = await playlistWith('z');
    const [a] = await itemIds(playlist.id);
    const [z] = await itemIds(other.id);
    for (const bad of [randomUUID(), 'not-a-uuid', z!]) {
      const edit = editPlaylist(store(), playlist.id, 2, (e) => e.removeItems([a!, bad]));
      await expect(edit).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'itemIds' } });
    }
    expect(await tracksOf(playlist.id)).toEqual(['a', 'b']);
    expect(await tracksOf(other.id)).toEqual(['z']);
    expect((await findPlaylist(store(), playlist.id))!.version).toBe(2);
  });

  it('moves an item forwards and backwards, clamping the target, without gaps', async () => {
    const playlist = await playlistWith('a', 'b', 'c', 'd', 'e');
    const [a, , , d] = await itemIds(playlist.id);
    await editPlaylist(store(), playlist.id, 2, (edit) => edit.moveItem(a!, 3));
    expect(await tracksOf(playlist.id)).toEqual(['b', 'c', 'd', 'a', 'e']);
    await editPlaylist(store(), playlist.id, 3, (edit) => edit.moveItem(d!, 0));
    expect(await tracksOf(playlist.id)).toEqual(['d', 'b', 'c', 'a', 'e']);
    const moved = await editPlaylist(store(), playlist.id, 4, async (edit) => {
      await edit.moveItem(d!, 100);
      await edit.moveItem(a!, -1);
    });
    expect(await tracksOf(playlist.id)).toEqual(['a', 'b', 'c', 'e', 'd']);
    expect(moved).toMatchObject({ version: 5, trackCount: 5, durationMs: 5000 });
    const unknown = editPlaylist(store(), playlist.id, 5, (edit) => edit.moveItem(randomUUID(), 0));
    await expect(unknown).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'itemId' } });
  });

  it('allows the same track twice, as two items with their own ids', async () => {
    const playlist = await playlistWith('a', 'a', 'b', 'a');
    const ids = await itemIds(playlist.id);
    expect(new Set(ids).size).toBe(4);
    await editPlaylist(store(), playlist.id, 2, (edit) => edit.removeItems([ids[1]!]));
    expect(await tracksOf(playlist.id)).toEqual(['a', 'b', 'a']);
    expect(await itemIds(playlist.id)).toEqual([ids[0], ids[2], ids[3]]);
  });

  it('keeps totals right through every kind of edit', async () => {
    const playlist = await playlistWith(['a', 100], ['b', 200]);
    expect(playlist).toMatchObject({ trackCount: 2, durationMs: 300 });
    const [a] = await itemIds(playlist.id);
    const steps: [string, Parameters<typeof editPlaylist>[3], number, number][] = [
      ['details', (e) => e.updateDetails({ name: 'Totals' }), 2, 300],
      ['insert', (e) => e.insertItems([item('c', 400), item('d', 2_000_000_000)], 0).then(() => {}), 4, 2_000_000_700],
      ['move', (e) => e.moveItem(a!, 3), 4, 2_000_000_700],
      ['remove', (e) => e.removeItems([a!]), 3, 2_000_000_600],
      ['replace', (e) => e.replaceItems([{ ...item('b', 250), addedAt: new Date() }]).then(() => {}), 1, 250],
      ['empty', (e) => e.replaceItems([]).then(() => {}), 0, 0],
    ];
    let version = 2;
    for (const [label, change, trackCount, durationMs] of steps) {
      const edited = await editPlaylist(store(), playlist.id, version++, change);
      expect({ label, trackCount: edited.trackCount, durationMs: edited.durationMs }).toEqual({ label, trackCount, durationMs });
    }
  });

  it(`holds at most ${MAX_PLAYLIST_ITEMS} items`, async () => {
    const playlist = await createPlaylist(store(), { ownerId: randomUUID(), name: 'Huge', description: null, isPublic: false });
    const many = Array.from({ length: MAX_PLAYLIST_ITEMS }, (_, i) => item(`track${i % 2500}`, 180_000));
    const full = await editPlaylist(store(), playlist.id, 1, (edit) => edit.insertItems(many, null).then(() => {}));
    expect(full).toMatchObject({ trackCount: MAX_PLAYLIST_ITEMS, durationMs: MAX_PLAYLIST_ITEMS * 180_000 });
    const one = editPlaylist(store(), playlist.id, 2, (edit) => edit.insertItems([item('more')], 0).then(() => {}));
    await expect(one).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'trackIds' } });
    await expect(one).rejects.toThrow(/at most 10,000 items/);
    // Set-based: moving the last item to the front shifts 9,999 rows in one statement.
    const ids = await itemIds(playlist.id);
    await editPlaylist(store(), playlist.id, 2, (edit) => edit.moveItem(ids.at(-1)!, 0));
    expect((await itemIds(playlist.id))[0]).toBe(ids.at(-1));
    expect((await tracksOf(playlist.id)).length).toBe(MAX_PLAYLIST_ITEMS);
  });
});
