/**
 * Catalogue snapshots against MongoDB (store/testing.ts: MONGO_URL, else the embedded server, a
 * database of the file's own).
 */
import { MongoServerError, ObjectId, type Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCatalogStore, type CatalogCollections } from './collections.js';
import { curateTrack, type CuratedTrack } from './curation.js';
import { findAlbum, findArtist, findArtists, findTrack } from './reads.js';
import { useCatalogTestStore } from './testing.js';

const openStore = useCatalogTestStore('catalog');
let db: Db;
let catalog: CatalogCollections;
beforeAll(() => void ({ db, catalog } = openStore()));

const SIA = { id: '5WUlDfRSoLAfcVSX1WnrxN', name: 'Sia', genres: ['pop'] };
const SEAN = { id: '0vEsuISMWAKNctLlUAhSZC', name: 'Sean Paul', genres: ['dancehall'] };

const chandelier = (overrides: Partial<CuratedTrack> = {}): CuratedTrack => ({
  id: '4uLU6hMCjMI75M1A2tKUQC',
  name: 'Chandelier',
  durationMs: 216_120,
  explicit: false,
  isrc: 'USRC11400498',
  popularity: 80,
  artists: [SIA],
  album: { id: '3Uq5NMdRx4XfSzGEVgy0u3', name: '1000 Forms of Fear', releaseDate: '2014-07-04', images: [], artists: null },
  ...overrides,
});

describe('prepareCatalogStore', () => {
  it('is idempotent and makes content mappings unique per Spotify track', async () => {
    await prepareCatalogStore(db);
    const now = new Date();
    const mapping = {
      spotifyTrackId: '4uLU6hMCjMI75M1A2tKUQC',
      status: 'confident' as const,
      youtubeVideoId: '2vjPBrBU-TM',
      confidence: 90,
      source: 'odesli' as const,
      candidates: [],
      alternatives: [],
      usageCount: 0,
      feedback: { reports: [], wrongVideoIds: [] },
      excludedVideoIds: [],
      verifiedBy: null,
      verifiedAt: null,
      createdAt: now,
      updatedAt: now,
      mappedAt: now,
      engineVersion: 1,
    };
    await catalog.contentMappings.insertOne({ _id: new ObjectId(), ...mapping });
    const duplicate = catalog.contentMappings.insertOne({ _id: new ObjectId(), ...mapping });
    await expect(duplicate).rejects.toBeInstanceOf(MongoServerError);
    await expect(duplicate).rejects.toMatchObject({ code: 11000 });
  });
});

describe('curateTrack', () => {
  it('writes the track, its album and its artists, the album artists defaulting to the track’s', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const track = await curateTrack(catalog, chandelier(), now);
    expect(await findTrack(catalog, track._id)).toEqual({
      _id: '4uLU6hMCjMI75M1A2tKUQC',
      name: 'Chandelier',
      durationMs: 216_120,
      explicit: false,
      isrc: 'USRC11400498',
      popularity: 80,
      artistIds: [SIA.id],
      albumId: '3Uq5NMdRx4XfSzGEVgy0u3',
      source: 'curated',
      updatedAt: now,
    });
    expect(await findAlbum(catalog, '3Uq5NMdRx4XfSzGEVgy0u3')).toMatchObject({ artistIds: [SIA.id], releaseDate: '2014-07-04' });
    expect(await findArtist(catalog, SIA.id)).toEqual({ _id: SIA.id, name: 'Sia', genres: ['pop'], source: 'curated', updatedAt: now });
  });

  it('replaces an existing snapshot in place', async () => {
    await curateTrack(catalog, chandelier({ name: 'Chandelier (edit)', popularity: null, isrc: null }));
    const track = await findTrack(catalog, '4uLU6hMCjMI75M1A2tKUQC');
    expect(track).toMatchObject({ name: 'Chandelier (edit)', popularity: null, isrc: null });
    expect(await catalog.tracks.countDocuments({ _id: '4uLU6hMCjMI75M1A2tKUQC' })).toBe(1);
  });

  it('stores distinct album artists and keeps billing order when reading artists', async () => {
    const track = await curateTrack(
      catalog,
      chandelier({
        id: '6eT7xZZlB2mwyzJ2sUKG6w',
        name: 'Cheap Thrills',
        artists: [SIA, SEAN],
        album: { id: '2rKjtMEnSqSeyzFXDHmgpA', name: 'This Is Acting', releaseDate: '2016', images: [], artists: [SIA] },
      }),
    );
    expect((await findArtists(catalog, track.artistIds)).map((a) => a.name)).toEqual(['Sia', 'Sean Paul']);
    expect((await findArtists(catalog, [SEAN.id, 'missing0000000000000000', SIA.id])).map((a) => a.name)).toEqual([
      'Sean Paul',
      'Sia',
    ]);
    expect(await findAlbum(catalog, '2rKjtMEnSqSeyzFXDHmgpA')).toMatchObject({ artistIds: [SIA.id] });
  });
});
