/**
 * The library's privacy export and erase against a real PostgreSQL (test_helper_privacy_library):
 * the user's own playlists go with their items, follows go with the follower counts lowered, items
 * added to someone else's playlist stay with `addedBy` anonymised, and a second erase finds nothing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DELETED_USER_ID } from '../../../platform/privacy/contract.js';
import { useLibraryTestStore } from '../store/testing.js';
import { eraseLibraryUserData, exportLibraryUserData } from './user-data.js';

const store = useLibraryTestStore('privacy');

describe('library privacy', () => {
  it('exports the user\'s library and erases it idempotently, keeping other people\'s playlists whole', async () => {
    const db = store();
    const [ada, bob] = [randomUUID(), randomUUID()];
    const [[own], [shared]] = [
      await db.query(`INSERT INTO playlists (owner_id, name, track_count) VALUES ($1, 'Ada', 1) RETURNING id`, [ada]),
      await db.query(`INSERT INTO playlists (owner_id, name, track_count, follower_count) VALUES ($1, 'Bob', 2, 1) RETURNING id`, [bob]),
    ];
    await db.query(`INSERT INTO playlist_items (playlist_id, position, track_id, added_by) VALUES ($1, 0, 't-own', $2), ($3, 0, 't-bob', $4), ($3, 1, 't-ada', $2)`, [
      own.id,
      ada,
      shared.id,
      bob,
    ]);
    await db.query(`INSERT INTO playlist_collaborators (playlist_id, user_id, role, invited_by) VALUES ($1, $2, 'EDIT', $3)`, [shared.id, ada, bob]);
    await db.query(`INSERT INTO playlist_followers (playlist_id, user_id) VALUES ($1, $2)`, [shared.id, ada]);
    await db.query(`INSERT INTO saved_tracks (user_id, track_id) VALUES ($1, 't-saved')`, [ada]);

    const exported = await exportLibraryUserData(db, ada);
    expect((exported.playlists as { id: string; items: unknown[] }[]).map((p) => [p.id, p.items.length])).toEqual([[own.id, 1]]);
    expect(exported.itemsAddedToOthersPlaylists).toEqual([expect.objectContaining({ playlistId: shared.id, trackId: 't-ada' })]);
    expect(exported.follows).toHaveLength(1);
    expect(exported.collaborations).toHaveLength(1);
    expect(exported.savedTracks).toEqual([expect.objectContaining({ trackId: 't-saved' })]);

    expect(await eraseLibraryUserData(db, ada)).toEqual({
      playlistsDeleted: 1,
      followsDeleted: 1,
      collaborationsDeleted: 1,
      invitationsAnonymised: 0,
      itemsAnonymised: 1,
      savedTracksDeleted: 1,
      importsDeleted: 0,
    });
    const items = await db.query(`SELECT track_id, added_by FROM playlist_items WHERE playlist_id = $1 ORDER BY position`, [shared.id]);
    expect(items).toEqual([
      { track_id: 't-bob', added_by: bob },
      { track_id: 't-ada', added_by: DELETED_USER_ID },
    ]);
    expect((await db.query(`SELECT follower_count, track_count FROM playlists WHERE id = $1`, [shared.id]))[0]).toEqual({ follower_count: 0, track_count: 2 });
    expect(await db.query(`SELECT id FROM playlists WHERE owner_id = $1`, [ada])).toEqual([]);

    const again = await eraseLibraryUserData(db, ada);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(await exportLibraryUserData(db, ada)).toMatchObject({ playlists: [], follows: [], savedTracks: [], collaborations: [], itemsAddedToOthersPlaylists: [] });
  });
});
