/**
 * The catalogue's precedence (curated > Spotify > snapshot) and its snapshots, against MongoDB
 * (MONGO_URL, else the embedded server) with a scripted Spotify behind fake provider loaders.
 */
import DataLoader from 'dataloader';
import pino from 'pino';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderUnavailableError, QuotaExhaustedError, type ProviderLoaders } from '../../../providers/index.js';
import type { SpotifyAlbum, SpotifyArtist, SpotifyTrack } from '../../../providers/spotify/schemas.js';
import type { CatalogCollections } from '../store/collections.js';
import { curateTrack } from '../store/curation.js';
import { useCatalogTestStore } from '../store/testing.js';
import { createCatalogueLoaders } from './loaders.js';
import { SnapshotWriter } from './snapshot-writer.js';

const openStore = useCatalogTestStore('catalogue');
let catalog: CatalogCollections;
const log = pino({ level: 'silent' });
beforeAll(() => void ({ catalog } = openStore()));

let n = 0;
/** A Spotify-shaped id of 22 base-62 characters, new on every call. */
const id = (prefix: string) => `${prefix}${String(++n).padStart(22 - prefix.length, '0')}`;

function spotifyTrack(trackId = id('t')): SpotifyTrack {
  const artist = { id: id('r'), name: 'Robyn' };
  return {
    id: trackId,
    name: 'Dancing On My Own',
    duration_ms: 288_000,
    explicit: false,
    track_number: 1,
    disc_number: 1,
    preview_url: null,
    artists: [artist],
    popularity: 70,
    external_ids: { isrc: 'sea111000001' },
    album: { id: id('a'), name: 'Body Talk', album_type: 'album', release_date: '2010-06', release_date_precision: 'month', total_tracks: 1, images: [], artists: [artist] },
  };
}

/** Provider loaders whose Spotify answers (or fails) as `spotify` says, counting calls per kind. */
function fakeProviders(spotify: { tracks?: Map<string, SpotifyTrack>; artists?: Map<string, SpotifyArtist>; albums?: Map<string, SpotifyAlbum>; failure?: Error }) {
  const calls = { track: 0, album: 0, artist: 0 };
  const loader = <V>(kind: keyof typeof calls, objects: Map<string, V> | undefined) =>
    new DataLoader<string, V | null>(async (ids) => {
      calls[kind] += 1;
      if (spotify.failure) throw spotify.failure;
      return ids.map((key) => objects?.get(key) ?? null);
    });
  const providers = {
    spotifyTrack: loader('track', spotify.tracks),
    spotifyAlbum: loader('album', spotify.albums),
    spotifyArtist: loader('artist', spotify.artists),
  } as unknown as ProviderLoaders;
  return { providers, calls };
}

let writer: SnapshotWriter;
beforeEach(() => {
  writer = new SnapshotWriter(catalog, log, { delayMs: 1 });
});

describe('catalogue loaders', () => {
  it('answer from Spotify and keep complete and simplified snapshots, marked spotify', async () => {
    const track = spotifyTrack();
    const { providers } = fakeProviders({ tracks: new Map([[track.id, track]]) });
    const catalogue = createCatalogueLoaders(catalog, providers, writer);
    const doc = (await catalogue.track.load(track.id))!;
    expect(doc).toMatchObject({ name: 'Dancing On My Own', isrc: 'SEA111000001', trackNumber: 1, complete: true });
    expect(catalogue.origin(doc)).toBe('SPOTIFY');
    // The album came with the track: no album call, a simplified summary.
    expect(await catalogue.summary('album', track.album.id)).toMatchObject({ name: 'Body Talk', complete: false, releaseDatePrecision: 'month' });

    await writer.flush();
    expect(await catalog.tracks.findOne({ _id: track.id })).toMatchObject({ source: 'spotify', complete: true, fetchedAt: expect.any(Date) });
    expect(await catalog.albums.findOne({ _id: track.album.id })).toMatchObject({ source: 'spotify', complete: false });
    expect(await catalog.artists.findOne({ _id: track.artists[0]!.id })).toMatchObject({ name: 'Robyn', source: 'spotify', complete: false });
  });

  it('let a curated snapshot win, without asking Spotify, and never overwrite it', async () => {
    const track = spotifyTrack();
    const artist = track.artists[0]!;
    await curateTrack(catalog, {
      id: track.id,
      name: 'Dancing On My Own (curated)',
      durationMs: 1000,
      explicit: false,
      isrc: null,
      popularity: null,
      artists: [{ id: artist.id, name: 'Robyn', genres: ['swedish pop'] }],
      album: { id: track.album.id, name: 'Body Talk', releaseDate: '2010', images: [], artists: null },
    });
    const { providers, calls } = fakeProviders({ tracks: new Map([[track.id, track]]) });
    const catalogue = createCatalogueLoaders(catalog, providers, writer);
    const doc = (await catalogue.track.load(track.id))!;
    expect(doc.name).toBe('Dancing On My Own (curated)');
    expect(catalogue.origin(doc)).toBe('CURATED');
    expect(calls.track).toBe(0);

    // Spotify's version of the same track, met in a listing, is kept away from the curated one.
    const [listed] = await catalogue.adopt('track', [catalogue.seeTrack(track)]);
    expect(listed!.name).toBe('Dancing On My Own (curated)');
    await writer.flush();
    expect(await catalog.tracks.findOne({ _id: track.id })).toMatchObject({ name: 'Dancing On My Own (curated)', source: 'curated' });
    expect(await catalog.artists.findOne({ _id: artist.id })).toMatchObject({ genres: ['swedish pop'], source: 'curated' });
  });

  it.each([
    ['PROVIDER_UNAVAILABLE', new ProviderUnavailableError('spotify', 'SERVER_ERROR')],
    ['QUOTA_EXHAUSTED', new QuotaExhaustedError('spotify', 'requests', new Date(Date.now() + 60_000))],
  ])('answer from snapshots when Spotify fails (%s), with the typed error for what is missing', async (code, failure) => {
    const kept = spotifyTrack();
    const first = createCatalogueLoaders(catalog, fakeProviders({ tracks: new Map([[kept.id, kept]]) }).providers, writer);
    await first.track.load(kept.id);
    await writer.flush();

    const { providers, calls } = fakeProviders({ failure });
    const catalogue = createCatalogueLoaders(catalog, providers, writer);
    const unknown = id('t');
    const [served, missing] = await catalogue.track.loadMany([kept.id, unknown]);
    expect(served).toMatchObject({ _id: kept.id, name: 'Dancing On My Own', isrc: 'SEA111000001' });
    expect(catalogue.origin(served as object)).toBe('SNAPSHOT');
    expect(missing).toMatchObject({ extensions: { code } });

    // The album snapshot is simplified: its summary answers, its label is the typed error.
    const album = (await catalogue.summary('album', kept.album.id))!;
    expect(album).toMatchObject({ name: 'Body Talk' });
    expect(catalogue.origin(album)).toBe('SNAPSHOT');
    await expect(catalogue.complete('album', album)).rejects.toMatchObject({ extensions: { code } });
    // Each object was still asked of Spotify (through its cache) before its snapshot stood in.
    const artists = await catalogue.summaries('artist', kept.artists.map((a) => a.id));
    expect(artists.map((a) => [a.name, catalogue.origin(a)])).toEqual([['Robyn', 'SNAPSHOT']]);
    expect(calls).toEqual({ track: 1, album: 1, artist: 1 });
  });
});

describe('snapshot writer', () => {
  it('does not let a simplified object replace a complete snapshot', async () => {
    const track = spotifyTrack();
    const artist: SpotifyArtist = { id: track.artists[0]!.id, name: 'Robyn', genres: ['dance pop'], images: [], popularity: 60, followers: { total: 10 } };
    const catalogue = createCatalogueLoaders(catalog, fakeProviders({ artists: new Map([[artist.id, artist]]) }).providers, writer);
    await catalogue.artist.load(artist.id);
    await writer.flush();
    const other = new SnapshotWriter(catalog, log, { delayMs: 1 });
    const next = createCatalogueLoaders(catalog, fakeProviders({}).providers, other);
    next.seeTrack(track); // brings the artist simplified
    await other.flush();
    expect(await catalog.artists.findOne({ _id: artist.id })).toMatchObject({ genres: ['dance pop'], complete: true, followers: 10 });
  });

  it('skips objects it wrote with the same content recently', async () => {
    const track = spotifyTrack();
    const catalogue = () => createCatalogueLoaders(catalog, fakeProviders({ tracks: new Map([[track.id, track]]) }).providers, writer);
    await catalogue().track.load(track.id);
    await writer.flush();
    const written = (await catalog.tracks.findOne({ _id: track.id }))!.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await catalogue().track.load(track.id);
    await writer.flush();
    expect((await catalog.tracks.findOne({ _id: track.id }))!.updatedAt).toEqual(written);
  });

  it('logs a failed write instead of throwing into the request', async () => {
    const errors: unknown[] = [];
    const failing = new SnapshotWriter(
      { ...catalog, tracks: { collectionName: 'tracks', bulkWrite: () => Promise.reject(new Error('store down')) } } as unknown as CatalogCollections,
      { error: (entry: unknown) => errors.push(entry), warn: () => {} } as unknown as pino.Logger,
      { delayMs: 1 },
    );
    const catalogue = createCatalogueLoaders(catalog, fakeProviders({}).providers, failing);
    catalogue.seeTrack(spotifyTrack());
    await failing.flush();
    expect(errors).toHaveLength(1);
  });
});
