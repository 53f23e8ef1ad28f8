/**
 * Batched reads (for DataLoaders), keyset pages, collaborators and followers against a real
 * PostgreSQL. Pages fetch `first + 1` rows; walking them must return every row exactly once even
 * when sort timestamps tie.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collaboratorRoles, collaboratorsPage, removeCollaborator, setCollaborator } from './collaborators.js';
import type { PlaylistItemRecord, PlaylistRecord, SavedTrackRecord } from './entities.js';
import { followedPlaylistsPage, followPlaylist, followsOf, unfollowPlaylist, type FollowedPlaylist } from './followers.js';
import { editPlaylist } from './playlist-edits.js';
import { itemsPage } from './playlist-items.js';
import { createPlaylist, findPlaylist, playlistsByIds, playlistsPageFor } from './playlists.js';
import { savedTracksPage, saveTrack } from './saved-tracks.js';
import { MAX_PAGE_SIZE, splitPage } from './sql.js';
import { useLibraryTestStore } from './testing.js';

const store = useLibraryTestStore('pages');

const newPlaylist = (ownerId = randomUUID(), name = 'P') =>
  createPlaylist(store(), { ownerId, name, description: null, isPublic: true });

/** Walks every page of `first` rows, checking each page's size and the next-page signal. */
async function walk<T, C>(first: number, fetch: (after: C | null) => Promise<T[]>, cursorOf: (row: T) => C): Promise<T[]> {
  const all: T[] = [];
  let after: C | null = null;
  for (;;) {
    const { nodes, hasNextPage } = splitPage(await fetch(after), first);
    all.push(...nodes);
    if (!hasNextPage) return all;
    expect(nodes).toHaveLength(first);
    after = cursorOf(nodes.at(-1)!);
  }
}

const SAME_MS = new Date('2025-01-01T00:00:00.123Z');

describe('playlists', () => {
  it('loads many by id in one call, ignoring unknown and malformed ids', async () => {
    const [a, b] = [await newPlaylist(), await newPlaylist()];
    const found = await playlistsByIds(store(), [b.id, a.id, randomUUID(), 'junk', a.id]);
    expect(found.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(found.find((p) => p.id === a.id)).toEqual(a);
    expect(await playlistsByIds(store(), [])).toEqual([]);
  });

  it('pages through owned and collaborated playlists, newest first, ties by id', async () => {
    const userId = randomUUID();
    const owned = await Promise.all([1, 2, 3, 4].map((i) => newPlaylist(userId, `own${i}`)));
    const shared = await newPlaylist(randomUUID(), 'shared');
    await setCollaborator(store(), { playlistId: shared.id, userId, role: 'VIEW', invitedBy: shared.ownerId });
    await newPlaylist(randomUUID(), 'not mine');
    // Three share one millisecond; the newest is an edit of the shared one.
    await store().query('UPDATE playlists SET updated_at = $2 WHERE id = ANY($1::uuid[])', [
      owned.slice(0, 3).map((p) => p.id),
      SAME_MS,
    ]);
    await editPlaylist(store(), shared.id, 1, (edit) => edit.updateDetails({ name: 'shared, edited' }));

    const pages = await walk(2, (after) => playlistsPageFor(store(), userId, { after, first: 2 }), (p: PlaylistRecord) => p);
    const tied = owned.slice(0, 3).map((p) => p.id).sort();
    expect(pages.map((p) => p.id)).toEqual([shared.id, owned[3]!.id, ...tied]);
    expect(pages[0]!.name).toBe('shared, edited');
  });
});

describe('items and saved tracks', () => {
  it('pages items by position', async () => {
    const playlist = await newPlaylist();
    const tracks = ['a', 'b', 'c', 'd', 'e'].map((trackId) => ({ trackId, durationMs: 1, addedBy: 'u' }));
    await editPlaylist(store(), playlist.id, 1, (edit) => edit.insertItems(tracks, null).then(() => {}));
    const firstPage = await itemsPage(store(), playlist.id, { afterPosition: null, first: 2 });
    expect(firstPage.map((i) => i.trackId)).toEqual(['a', 'b', 'c']); // first + 1
    const all = await walk(2, (after) => itemsPage(store(), playlist.id, { afterPosition: after, first: 2 }), (i: PlaylistItemRecord) => i.position);
    expect(all.map((i) => [i.trackId, i.position])).toEqual(tracks.map((t, i) => [t.trackId, i]));
    expect(await itemsPage(store(), 'junk', { afterPosition: null, first: 2 })).toEqual([]);
    await expect(itemsPage(store(), playlist.id, { afterPosition: null, first: MAX_PAGE_SIZE + 1 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  it('pages saved tracks newest first, ties by track id', async () => {
    const userId = randomUUID();
    for (const trackId of ['t1', 't2', 't3', 't4', 't5']) await saveTrack(store(), userId, trackId);
    await saveTrack(store(), randomUUID(), 't1');
    await store().query(`UPDATE saved_tracks SET saved_at = $2 WHERE user_id = $1 AND track_id IN ('t1', 't3', 't4')`, [
      userId,
      SAME_MS,
    ]);
    await store().query(`UPDATE saved_tracks SET saved_at = now() + interval '1 hour' WHERE user_id = $1 AND track_id = 't3'`, [
      userId,
    ]);
    const all = await walk(2, (after) => savedTracksPage(store(), userId, { after, first: 2 }), (s: SavedTrackRecord) => s);
    expect(all.map((s) => s.trackId)).toEqual(['t3', 't5', 't2', 't1', 't4']);
  });
});

describe('collaborators', () => {
  it('upserts roles, loads them in batch, pages and removes', async () => {
    const playlist = await newPlaylist();
    const [u1, u2, u3] = ['user-1', 'user-2', 'user-3'];
    const first = await setCollaborator(store(), { playlistId: playlist.id, userId: u1!, role: 'VIEW', invitedBy: 'owner' });
    await setCollaborator(store(), { playlistId: playlist.id, userId: u2!, role: 'EDIT', invitedBy: 'owner' });
    await setCollaborator(store(), { playlistId: playlist.id, userId: u3!, role: 'VIEW', invitedBy: u2! });
    const promoted = await setCollaborator(store(), { playlistId: playlist.id, userId: u1!, role: 'MANAGE', invitedBy: u2! });
    expect(promoted).toEqual({ ...first, role: 'MANAGE' }); // same inviter and date: the list order holds

    const other = await newPlaylist();
    await setCollaborator(store(), { playlistId: other.id, userId: u1!, role: 'EDIT', invitedBy: 'owner' });
    const roles = await collaboratorRoles(store(), [playlist.id, other.id, randomUUID(), 'junk'], u1!);
    expect(roles).toEqual(new Map([[playlist.id, 'MANAGE'], [other.id, 'EDIT']]));

    await store().query('UPDATE playlist_collaborators SET created_at = $2 WHERE playlist_id = $1', [playlist.id, SAME_MS]);
    const page = (after: { createdAt: Date; userId: string } | null) => collaboratorsPage(store(), playlist.id, { after, first: 1 });
    expect((await walk(1, page, (c) => c)).map((c) => c.userId)).toEqual([u1, u2, u3]);

    expect(await removeCollaborator(store(), playlist.id, u2!)).toBe(true);
    expect(await removeCollaborator(store(), playlist.id, u2!)).toBe(false);
    expect((await walk(5, page, (c) => c)).map((c) => c.userId)).toEqual([u1, u3]);
    expect((await findPlaylist(store(), playlist.id))!.version).toBe(1); // not an edit
  });

  it('answers NOT_FOUND for a playlist that does not exist', async () => {
    for (const playlistId of [randomUUID(), 'junk']) {
      const set = setCollaborator(store(), { playlistId, userId: 'u', role: 'VIEW', invitedBy: 'o' });
      await expect(set).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    }
  });
});

describe('followers', () => {
  it('follows and unfollows idempotently, keeping the count exact without a version bump', async () => {
    const playlist = await newPlaylist();
    expect(await followPlaylist(store(), playlist.id, 'fan-1')).toMatchObject({ followerCount: 1, version: 1 });
    expect(await followPlaylist(store(), playlist.id, 'fan-1')).toMatchObject({ followerCount: 1 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => followPlaylist(store(), playlist.id, `crowd-${i}`)));
    await Promise.all(Array.from({ length: 10 }, () => followPlaylist(store(), playlist.id, 'crowd-0')));
    expect(await unfollowPlaylist(store(), playlist.id, 'crowd-1')).toMatchObject({ followerCount: 10 });
    const after = await unfollowPlaylist(store(), playlist.id, 'crowd-1');
    expect(after).toMatchObject({ followerCount: 10, version: 1, updatedAt: playlist.updatedAt });
    const counted: { n: number }[] = await store().query(
      'SELECT count(*)::int AS n FROM playlist_followers WHERE playlist_id = $1',
      [playlist.id],
    );
    expect(counted[0]!.n).toBe(10);
    await expect(followPlaylist(store(), randomUUID(), 'fan-1')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('tells which playlists a user follows and pages them, most recent first', async () => {
    const userId = randomUUID();
    const playlists = await Promise.all([1, 2, 3, 4].map(() => newPlaylist()));
    for (const p of playlists) await followPlaylist(store(), p.id, userId);
    await followPlaylist(store(), playlists[0]!.id, randomUUID());
    const follows = await followsOf(store(), [...playlists.map((p) => p.id), randomUUID(), 'junk'], userId);
    expect(follows).toEqual(new Set(playlists.map((p) => p.id)));

    const [newest, ...tied] = playlists;
    await store().query('UPDATE playlist_followers SET followed_at = $2 WHERE user_id = $1', [userId, SAME_MS]);
    await store().query(`UPDATE playlist_followers SET followed_at = now() WHERE user_id = $1 AND playlist_id = $2`, [
      userId,
      newest!.id,
    ]);
    const all = await walk(
      1,
      (after) => followedPlaylistsPage(store(), userId, { after, first: 1 }),
      (f: FollowedPlaylist) => ({ followedAt: f.followedAt, playlistId: f.playlist.id }),
    );
    expect(all.map((f) => f.playlist.id)).toEqual([newest!.id, ...tied.map((p) => p.id).sort()]);
    expect(all[0]!.playlist).toMatchObject({ id: newest!.id, followerCount: 2 });
    expect(all[1]!.followedAt).toEqual(SAME_MS);
  });
});
