/**
 * Replacing a playlist's items with a desired list (Spotify syncs) and importing Spotify playlists,
 * against a real PostgreSQL: ids are kept by track and occurrence, a repeated sync changes nothing
 * and keeps the version, and concurrent imports of one source make one playlist.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { editPlaylist, syncPlaylistItems, type DesiredPlaylistItem } from './playlist-edits.js';
import { createPlaylist, findPlaylist } from './playlists.js';
import { findImport, importPlaylist, importsByPlaylists, markSynced, playlistSource } from './spotify-imports.js';
import { useLibraryTestStore } from './testing.js';

const store = useLibraryTestStore('sync');

const ADDED_AT = new Date('2025-06-01T12:00:00.000Z');
const desired = (...tracks: (string | [string, number])[]): DesiredPlaylistItem[] =>
  tracks.map((t) => ({
    trackId: typeof t === 'string' ? t : t[0],
    durationMs: typeof t === 'string' ? 1000 : t[1],
    addedBy: 'importer',
    addedAt: ADDED_AT,
  }));

/** Track id and item id of each item, in order, checking positions are 0..n-1. */
async function itemsOf(playlistId: string): Promise<[string, string][]> {
  const rows: { id: string; position: number; track_id: string }[] = await store().query(
    'SELECT id, position, track_id FROM playlist_items WHERE playlist_id = $1 ORDER BY position',
    [playlistId],
  );
  expect(rows.map((row) => row.position)).toEqual(rows.map((_, index) => index));
  return rows.map((row) => [row.track_id, row.id]);
}

const newPlaylist = () =>
  createPlaylist(store(), { ownerId: randomUUID(), name: 'Synced', description: null, isPublic: false });

describe('replacing items', () => {
  it('keeps matching items (by track and occurrence), removes, adds and reorders', async () => {
    const playlist = await newPlaylist();
    await syncPlaylistItems(store(), playlist.id, desired('a', 'b', 'a', 'c'));
    const [a1, b, a2, c] = (await itemsOf(playlist.id)).map(([, id]) => id);
    const result = await editPlaylist(store(), playlist.id, 2, async (edit) => {
      expect(await edit.replaceItems(desired('c', 'a', 'd', 'a', 'a'))).toEqual({ added: 2, removed: 1, kept: 3, updated: 3 });
    });
    const after = await itemsOf(playlist.id);
    expect(after.map(([track]) => track)).toEqual(['c', 'a', 'd', 'a', 'a']);
    // c kept; the first two a's are the old first and second a; b went; d and the third a are new.
    expect([after[0]![1], after[1]![1], after[3]![1]]).toEqual([c, a1, a2]);
    expect(after.map(([, id]) => id)).not.toContain(b);
    expect(result).toMatchObject({ version: 3, trackCount: 5, durationMs: 5000 });
  });

  it('bumps the version only when a sync changes something', async () => {
    const playlist = await newPlaylist();
    const first = await syncPlaylistItems(store(), playlist.id, desired('a', 'b', 'c'));
    expect(first).toMatchObject({ added: 3, removed: 0, kept: 0, changed: true, playlist: { version: 2, trackCount: 3 } });
    const ids = await itemsOf(playlist.id);

    const again = await syncPlaylistItems(store(), playlist.id, desired('a', 'b', 'c'));
    expect(again).toEqual({ added: 0, removed: 0, kept: 3, updated: 0, changed: false, playlist: first.playlist });
    expect(await findPlaylist(store(), playlist.id)).toEqual(first.playlist);
    expect(await itemsOf(playlist.id)).toEqual(ids);

    const reordered = await syncPlaylistItems(store(), playlist.id, desired('c', 'a', 'b'));
    expect(reordered).toMatchObject({ added: 0, removed: 0, kept: 3, changed: true, playlist: { version: 3 } });
    expect((await itemsOf(playlist.id)).map(([, id]) => id)).toEqual([ids[2]![1], ids[0]![1], ids[1]![1]]);

    const longer = await syncPlaylistItems(store(), playlist.id, desired('c', ['a', 5000], 'b'));
    expect(longer).toMatchObject({ added: 0, removed: 0, updated: 1, changed: true, playlist: { version: 4, durationMs: 7000 } });

    const emptied = await syncPlaylistItems(store(), playlist.id, []);
    expect(emptied).toMatchObject({ removed: 3, changed: true, playlist: { version: 5, trackCount: 0, durationMs: 0 } });
  });

  it('answers NOT_FOUND for a missing playlist and refuses more than 10,000 items', async () => {
    await expect(syncPlaylistItems(store(), randomUUID(), [])).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const playlist = await newPlaylist();
    const tooMany = desired(...Array.from({ length: 10_001 }, (_, i) => `t${i}`));
    await expect(syncPlaylistItems(store(), playlist.id, tooMany)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'trackIds' },
    });
  });
});

describe('Spotify imports', () => {
  const request = (userId: string, spotifyId: string, items: DesiredPlaylistItem[]) => ({
    userId,
    source: playlistSource(spotifyId),
    spotifyPlaylistId: spotifyId,
    details: { name: 'Discover Weekly', description: 'Made for you', isPublic: false },
    desired: items,
    snapshotId: 'snap-1',
  });

  it('creates the copy once, then syncs it', async () => {
    const userId = randomUUID();
    const created = await importPlaylist(store(), request(userId, '37i9dQZEVXcQ9COmYvdajy', desired('a', 'b')));
    expect(created).toMatchObject({
      created: true,
      added: 2,
      changed: true,
      playlist: { ownerId: userId, name: 'Discover Weekly', version: 1, trackCount: 2, durationMs: 2000 },
      spotifyImport: { userId, source: 'playlist:37i9dQZEVXcQ9COmYvdajy', snapshotId: 'snap-1' },
    });
    expect(created.spotifyImport.lastSyncedAt).toBeInstanceOf(Date);
    expect(await findPlaylist(store(), created.playlist.id)).toEqual(created.playlist);

    const same = await importPlaylist(store(), request(userId, '37i9dQZEVXcQ9COmYvdajy', desired('a', 'b')));
    expect(same).toMatchObject({ created: false, changed: false, added: 0, removed: 0, kept: 2 });
    expect(same.playlist).toEqual(created.playlist);

    const changed = await importPlaylist(store(), {
      ...request(userId, '37i9dQZEVXcQ9COmYvdajy', desired('b', 'c')),
      details: { name: 'Renamed on Spotify', description: null, isPublic: true },
    });
    expect(changed).toMatchObject({ created: false, added: 1, removed: 1, kept: 1, playlist: { version: 2, name: 'Discover Weekly' } });
  });

  it('makes one playlist when the same source is imported twice at once', async () => {
    const userId = randomUUID();
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => importPlaylist(store(), request(userId, 'concurrent', desired('a', 'b', 'c')))),
    );
    expect(runs.filter((run) => run.created)).toHaveLength(1);
    expect(new Set(runs.map((run) => run.playlist.id)).size).toBe(1);
    const owned: { n: number }[] = await store().query('SELECT count(*)::int AS n FROM playlists WHERE owner_id = $1', [userId]);
    expect(owned[0]!.n).toBe(1);
    expect((await itemsOf(runs[0]!.playlist.id)).map(([track]) => track)).toEqual(['a', 'b', 'c']);
    expect((await findPlaylist(store(), runs[0]!.playlist.id))!.version).toBe(1);
  });

  it('finds and marks imports; the table keeps source and playlist id in step; a deleted copy is imported afresh', async () => {
    const userId = randomUUID();
    const { playlist, spotifyImport } = await importPlaylist(store(), {
      userId,
      source: 'saved-tracks',
      spotifyPlaylistId: null,
      details: { name: 'Liked Songs', description: null, isPublic: false },
      desired: desired('a'),
    });
    expect(await findImport(store(), userId, 'saved-tracks')).toEqual(spotifyImport);
    expect(await importsByPlaylists(store(), [playlist.id, 'nope'])).toEqual([spotifyImport]);

    const marked = await markSynced(store(), spotifyImport.id, 'snap-2');
    expect(marked).toEqual(await findImport(store(), userId, 'saved-tracks'));
    expect(marked.snapshotId).toBe('snap-2');
    expect(marked.lastSyncedAt!.getTime()).toBeGreaterThanOrEqual(spotifyImport.lastSyncedAt!.getTime());

    await expect(
      store().query(
        `INSERT INTO spotify_imports (user_id, source, spotify_playlist_id, playlist_id) VALUES ($1, 'playlist:x', 'y', $2)`,
        [randomUUID(), playlist.id],
      ),
    ).rejects.toThrow(/spotify_imports_source_matches/);

    await store().query('DELETE FROM playlists WHERE id = $1', [playlist.id]);
    expect(await findImport(store(), userId, 'saved-tracks')).toBeNull();
    const again = await importPlaylist(store(), {
      userId,
      source: 'saved-tracks',
      spotifyPlaylistId: null,
      details: { name: 'Liked Songs', description: null, isPublic: false },
      desired: desired('a'),
    });
    expect(again.created).toBe(true);
  });
});
