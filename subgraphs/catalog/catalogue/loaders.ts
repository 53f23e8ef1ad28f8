/**
 * Per-request loaders of catalogue objects: an admin-curated snapshot in MongoDB wins (one `$in`
 * query per batch), everything else comes from Spotify through the provider loaders, batched and
 * cached (providers/loaders.ts). A track from Spotify carries its album, which primes the album
 * loader so that `track { album { … } }` costs no second call.
 */
import DataLoader from 'dataloader';
import type { Collection } from 'mongodb';
import type { ProviderLoaders } from '../../../providers/index.js';
import type { CatalogCollections } from '../store/collections.js';
import type { AlbumDocument, ArtistDocument, TrackDocument } from '../store/documents.js';
import { albumFromSpotify, artistFromSpotify, trackFromSpotify } from './from-spotify.js';

export interface CatalogueLoaders {
  track: DataLoader<string, TrackDocument | null>;
  album: DataLoader<string, AlbumDocument | null>;
  artist: DataLoader<string, ArtistDocument | null>;
}

export function createCatalogueLoaders(store: CatalogCollections, providers: ProviderLoaders): CatalogueLoaders {
  const album: CatalogueLoaders['album'] = new DataLoader(
    snapshotsThen(store.albums, async (ids) => (await providers.spotifyAlbum.loadMany(ids)).map((a) => (a && !(a instanceof Error) ? albumFromSpotify(a) : rethrow(a)))),
  );
  const artist: CatalogueLoaders['artist'] = new DataLoader(
    snapshotsThen(store.artists, async (ids) => (await providers.spotifyArtist.loadMany(ids)).map((a) => (a && !(a instanceof Error) ? artistFromSpotify(a) : rethrow(a)))),
  );
  const track: CatalogueLoaders['track'] = new DataLoader(
    snapshotsThen(store.tracks, async (ids) =>
      (await providers.spotifyTrack.loadMany(ids)).map((t) => {
        if (!t || t instanceof Error) return rethrow(t);
        album.prime(t.album.id, albumFromSpotify(t.album));
        return trackFromSpotify(t);
      }),
    ),
  );
  return { track, album, artist };
}

/** A batch function: snapshots first, then `fromSpotify` for the ids without one, in the order asked. */
function snapshotsThen<T extends { _id: string }>(
  collection: Collection<T>,
  fromSpotify: (ids: string[]) => Promise<(T | null)[]>,
): (ids: readonly string[]) => Promise<(T | null | Error)[]> {
  return async (ids) => {
    const snapshots = (await collection.find({ _id: { $in: [...ids] } } as never).toArray()) as T[];
    const byId = new Map(snapshots.map((doc) => [doc._id, doc]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) {
      try {
        const fetched = await fromSpotify(missing);
        missing.forEach((id, index) => byId.set(id, fetched[index] as T));
      } catch (error) {
        // Spotify failed: curated snapshots still answer, the rest carry the typed error.
        return ids.map((id) => byId.get(id) ?? (error as Error));
      }
    }
    return ids.map((id) => byId.get(id) ?? null);
  };
}

/** loadMany gives errors in place; a null stays "no such object". */
function rethrow(value: Error | null | undefined): null {
  if (value instanceof Error) throw value;
  return null;
}
