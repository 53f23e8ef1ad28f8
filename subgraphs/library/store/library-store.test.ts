/**
 * Playlists and saved tracks against a real PostgreSQL (DATABASE_URL, default 127.0.0.1:5432), in
 * the database `test_helper_library`, migrated from scratch by the subgraph's own migrations.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_NAME_PREFIX = 'test_helper_';
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { libraryEntities, PlaylistEntity } = await import('./entities.js');
const { libraryMigrations } = await import('./migrations/index.js');
const { createPlaylist, findPlaylist, playlistsPageFor } = await import('./playlists.js');
const { savedTrackCount, saveTrack, unsaveTrack } = await import('./saved-tracks.js');

let db: DataSource;

beforeAll(async () => {
  db = await openPostgresStore({ subgraph: 'library', entities: libraryEntities, migrations: libraryMigrations });
  await db.query('TRUNCATE playlists, saved_tracks CASCADE');
});

afterAll(async () => {
  await db?.destroy();
});

describe('playlists', () => {
  it('creates a playlist with a database id, version 1 and timestamps', async () => {
    const ownerId = randomUUID();
    const playlist = await createPlaylist(db, { ownerId, name: 'Road trip', description: null, isPublic: false });
    expect(playlist).toMatchObject({ ownerId, name: 'Road trip', description: null, isPublic: false, version: 1 });
    expect(playlist.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(playlist.createdAt).toBeInstanceOf(Date);
    expect(await findPlaylist(db, playlist.id)).toEqual(playlist);
  });

  it('bumps the version on every save (optimistic concurrency)', async () => {
    const playlist = await createPlaylist(db, { ownerId: randomUUID(), name: 'Focus', description: null, isPublic: true });
    const saved = await db.getRepository(PlaylistEntity).save({ ...playlist, name: 'Deep focus' });
    expect(saved.version).toBe(2);
  });

  it('lists only the owner’s playlists, most recently updated first', async () => {
    const ownerId = randomUUID();
    const older = await createPlaylist(db, { ownerId, name: 'Older', description: null, isPublic: false });
    const newer = await createPlaylist(db, { ownerId, name: 'Newer', description: null, isPublic: false });
    await createPlaylist(db, { ownerId: randomUUID(), name: 'Someone else', description: null, isPublic: true });
    expect((await playlistsPageFor(db, ownerId, { after: null, first: 10 })).map((p) => p.id)).toEqual([newer.id, older.id]);
  });

  it('finds nothing for a malformed or unknown id without a database error', async () => {
    expect(await findPlaylist(db, 'not-a-uuid')).toBeNull();
    expect(await findPlaylist(db, randomUUID())).toBeNull();
  });

  it('refuses names over 100 characters in the table itself', async () => {
    await expect(
      createPlaylist(db, { ownerId: randomUUID(), name: 'x'.repeat(101), description: null, isPublic: false }),
    ).rejects.toThrow();
  });
});

describe('saved tracks', () => {
  it('saves idempotently, counts per user and removes', async () => {
    const userId = randomUUID();
    await saveTrack(db, userId, '4uLU6hMCjMI75M1A2tKUQC');
    await saveTrack(db, userId, '4uLU6hMCjMI75M1A2tKUQC');
    await saveTrack(db, userId, '7qiZfU4dY1lWllzX7mPBI3');
    await saveTrack(db, randomUUID(), '7qiZfU4dY1lWllzX7mPBI3');
    expect(await savedTrackCount(db, userId)).toBe(2);
    await unsaveTrack(db, userId, '4uLU6hMCjMI75M1A2tKUQC');
    await unsaveTrack(db, userId, '4uLU6hMCjMI75M1A2tKUQC');
    expect(await savedTrackCount(db, userId)).toBe(1);
  });
});
