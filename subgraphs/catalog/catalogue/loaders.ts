/**
 * The catalogue as one request sees it: tracks, albums and artists by Spotify id, with this
 * precedence (docs/decisions.md, issue 4):
 *
 *   1. an admin-curated snapshot in MongoDB (one `$in` per batch) wins over anything Spotify says;
 *   2. else Spotify, through the provider loaders (batched, cached in L1/L2), including what came
 *      embedded in this request's other answers (a track's album and artists, search results),
 *      so `track { album { name } }` costs no second call;
 *   3. else, when Spotify fails (PROVIDER_UNAVAILABLE, QUOTA_EXHAUSTED), the Spotify snapshot kept in
 *      MongoDB, served with `origin: SNAPSHOT`; without one, the typed error on that field.
 *
 * Every Spotify object read goes to the SnapshotWriter (background bulk upserts). A request does
 * not stop asking Spotify after one failure: the provider cache may still answer the next object,
 * and in a lasting outage the provider's circuit breaker makes the calls fail at once.
 */
import DataLoader from 'dataloader';
import type { Collection } from 'mongodb';
import { ProviderUnavailableError, QuotaExhaustedError, type ProviderLoaders } from '../../../providers/index.js';
import type { SpotifyAlbum, SpotifyArtist, SpotifySimplifiedAlbum, SpotifySimplifiedTrack, SpotifyTrack } from '../../../providers/spotify/schemas.js';
import type { CatalogCollections } from '../store/collections.js';
import type { AlbumDocument, ArtistDocument, TrackDocument } from '../store/documents.js';
import { albumFromSpotify, artistFromSpotify, simplifiedArtistFromSpotify, simplifiedTrackFromSpotify, trackFromSpotify } from './from-spotify.js';
import type { SnapshotKind, SnapshotOf, SnapshotWriter } from './snapshot-writer.js';

export type CatalogueOrigin = 'SPOTIFY' | 'SNAPSHOT' | 'CURATED';
type Doc<K extends SnapshotKind> = SnapshotOf[K];
type Answer<T> = T | null | Error;

/** Curated snapshots (and documents written before Spotify snapshots existed) are the admin's. */
export const isCurated = (doc: { source?: string }): boolean => doc.source !== 'spotify';
const isComplete = (doc: { source?: string; complete?: boolean }): boolean => isCurated(doc) || doc.complete === true;

/** The failures after which a snapshot may stand in for Spotify. */
export const isSpotifyOutage = (error: unknown): error is ProviderUnavailableError | QuotaExhaustedError =>
  error instanceof ProviderUnavailableError || error instanceof QuotaExhaustedError;

export class CatalogueLoaders {
  /** Complete objects by id (or, while Spotify fails, the best snapshot); null: no such object. */
  readonly track: DataLoader<string, TrackDocument | null>;
  readonly album: DataLoader<string, AlbumDocument | null>;
  readonly artist: DataLoader<string, ArtistDocument | null>;
  /** What MongoDB holds for an id: a curated or a Spotify snapshot. */
  readonly stored: { [K in SnapshotKind]: DataLoader<string, Doc<K> | null> };

  /** Spotify's version of each object seen in this request, the most complete one. */
  private readonly seen: { [K in SnapshotKind]: Map<string, Doc<K>> } = { track: new Map(), album: new Map(), artist: new Map() };
  /** Snapshots served in Spotify's place, with the failure that made it so. */
  private readonly standIns = new WeakMap<object, Error>();
  /** Spotify's first failure in this request. */
  private outage: Error | undefined;

  constructor(
    store: CatalogCollections,
    /** This request's provider loaders (paged answers use them directly). */
    readonly providers: ProviderLoaders,
    private readonly snapshots?: SnapshotWriter,
  ) {
    this.stored = { track: storedLoader(store.tracks), album: storedLoader(store.albums), artist: storedLoader(store.artists) };
    this.track = new DataLoader((ids) =>
      this.loadBatch('track', ids, async (missing) => (await providers.spotifyTrack.loadMany(missing)).map((t) => (t instanceof Error || !t ? t : this.seeTrack(t)))),
    );
    this.album = new DataLoader((ids) =>
      this.loadBatch('album', ids, async (missing) => (await providers.spotifyAlbum.loadMany(missing)).map((a) => (a instanceof Error || !a ? a : this.seeAlbum(a)))),
    );
    this.artist = new DataLoader((ids) =>
      this.loadBatch('artist', ids, async (missing) => (await providers.spotifyArtist.loadMany(missing)).map((a) => (a instanceof Error || !a ? a : this.seeArtist(a)))),
    );
  }

  /** Where a document's data comes from, for `origin`. */
  origin(doc: object & { source?: string }): CatalogueOrigin {
    if (isCurated(doc)) return 'CURATED';
    return this.standIns.has(doc) ? 'SNAPSHOT' : 'SPOTIFY';
  }

  /** Marks documents read from MongoDB as standing in for Spotify. */
  standIn<T extends object>(docs: T[], because: Error): T[] {
    for (const doc of docs) if (!isCurated(doc as { source?: string })) this.standIns.set(doc, because);
    return docs;
  }

  /**
   * An object as a listing shows it (the artists of a track, the album of a track): the curated
   * snapshot, else what Spotify sent along with the listing, else loaded.
   */
  async summary<K extends SnapshotKind>(kind: K, id: string): Promise<Doc<K> | null> {
    const stored = await this.stored[kind].load(id);
    if (stored && isCurated(stored)) return stored;
    return (this.seen[kind].get(id) as Doc<K> | undefined) ?? (this.loader(kind).load(id) as Promise<Doc<K> | null>);
  }

  /** Several summaries in order; ids Spotify does not know are left out. */
  async summaries<K extends SnapshotKind>(kind: K, ids: readonly string[]): Promise<Doc<K>[]> {
    const found: (Doc<K> | null)[] = await Promise.all(ids.map((id) => this.summary(kind, id)));
    return found.filter((doc): doc is Doc<K> => doc !== null);
  }

  /**
   * The complete version of `doc`, for fields a simplified object lacks (a track's ISRC, an album's
   * label, an artist's genres). Throws the typed error when Spotify cannot say and no complete
   * snapshot exists.
   */
  async complete<K extends SnapshotKind>(kind: K, doc: Doc<K>): Promise<Doc<K>> {
    if (isComplete(doc)) return doc;
    const full = (await this.loader(kind).load(doc._id)) as Doc<K> | null;
    if (!full) return doc; // Spotify no longer has it: what we have is all there is
    if (isComplete(full)) return full;
    throw this.standIns.get(full) ?? this.standIns.get(doc) ?? this.outage ?? new ProviderUnavailableError('spotify', 'SERVER_ERROR', `no complete ${kind}`);
  }

  /** Spotify objects of a paged answer, in order: curated snapshots take their place. */
  async adopt<K extends SnapshotKind>(kind: K, docs: Doc<K>[]): Promise<Doc<K>[]> {
    const stored = await this.stored[kind].loadMany(docs.map((doc) => doc._id));
    return docs.map((doc, index) => {
      const snapshot = stored[index];
      if (snapshot instanceof Error) throw snapshot;
      return snapshot && isCurated(snapshot) ? snapshot : doc;
    });
  }

  // Spotify objects → documents, remembered for this request and kept as snapshots.

  seeTrack(track: SpotifyTrack): TrackDocument {
    this.seeAlbum(track.album);
    this.seeArtists(track.artists);
    return this.see('track', trackFromSpotify(track));
  }

  seeSimplifiedTrack(track: SpotifySimplifiedTrack, albumId: string): TrackDocument {
    this.seeArtists(track.artists);
    return this.see('track', simplifiedTrackFromSpotify(track, albumId));
  }

  /** A full album also brings its first page of tracks. */
  seeAlbum(album: SpotifyAlbum | SpotifySimplifiedAlbum): AlbumDocument {
    this.seeArtists(album.artists);
    if ('tracks' in album) for (const track of album.tracks.items) this.seeSimplifiedTrack(track, album.id);
    return this.see('album', albumFromSpotify(album));
  }

  seeArtist(artist: SpotifyArtist): ArtistDocument {
    return this.see('artist', artistFromSpotify(artist));
  }

  private seeArtists(artists: readonly { id: string; name: string }[]): void {
    for (const artist of artists) if (!this.seen.artist.has(artist.id)) this.see('artist', simplifiedArtistFromSpotify(artist));
  }

  private see<K extends SnapshotKind>(kind: K, doc: Doc<K>): Doc<K> {
    const seen = this.seen[kind] as Map<string, Doc<K>>;
    const known = seen.get(doc._id);
    if (known && known.complete && !doc.complete) return known;
    seen.set(doc._id, doc);
    this.snapshots?.keep(kind, [doc]);
    return doc;
  }

  private loader<K extends SnapshotKind>(kind: K): DataLoader<string, Doc<K> | null> {
    return { track: this.track, album: this.album, artist: this.artist }[kind] as unknown as DataLoader<string, Doc<K> | null>;
  }

  /** A batch of complete objects: curated, else seen complete in this request, else Spotify, else a snapshot. */
  private async loadBatch<K extends SnapshotKind>(kind: K, ids: readonly string[], fetch: (ids: string[]) => Promise<Answer<Doc<K>>[]>): Promise<Answer<Doc<K>>[]> {
    const stored = new Map<string, Doc<K> | null>();
    (await this.stored[kind].loadMany(ids)).forEach((doc, index) => {
      if (doc instanceof Error) throw doc;
      stored.set(ids[index]!, doc);
    });
    const answers = new Map<string, Answer<Doc<K>>>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const snapshot = stored.get(id);
      const seen = this.seen[kind].get(id) as Doc<K> | undefined;
      if (snapshot && isCurated(snapshot)) answers.set(id, snapshot);
      else if (seen?.complete) answers.set(id, seen);
      else missing.push(id);
    }
    if (missing.length) {
      const fetched = await fetch(missing).catch((error: Error) => missing.map(() => error));
      missing.forEach((id, index) => {
        const answer = fetched[index] ?? null;
        if (!(answer instanceof Error) || !isSpotifyOutage(answer)) return void answers.set(id, answer);
        this.outage ??= answer;
        const snapshot = stored.get(id);
        answers.set(id, snapshot ? this.standIn([snapshot], answer)[0]! : answer);
      });
    }
    return ids.map((id) => answers.get(id) ?? null);
  }
}

export function createCatalogueLoaders(store: CatalogCollections, providers: ProviderLoaders, snapshots?: SnapshotWriter): CatalogueLoaders {
  return new CatalogueLoaders(store, providers, snapshots);
}

/** MongoDB snapshots by id, one `$in` per batch. */
function storedLoader<T extends { _id: string }>(collection: Collection<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const docs = (await collection.find({ _id: { $in: [...ids] } } as never).toArray()) as T[];
    const byId = new Map(docs.map((doc) => [doc._id, doc]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
