/** Reading catalogue snapshots by Spotify id. */
import type { CatalogCollections } from './collections.js';
import type { AlbumDocument, ArtistDocument, TrackDocument } from './documents.js';

export const findTrack = (c: CatalogCollections, id: string): Promise<TrackDocument | null> => c.tracks.findOne({ _id: id });

export const findAlbum = (c: CatalogCollections, id: string): Promise<AlbumDocument | null> => c.albums.findOne({ _id: id });

export const findArtist = (c: CatalogCollections, id: string): Promise<ArtistDocument | null> =>
  c.artists.findOne({ _id: id });

/** The artists with these ids, in the order given (billing order); ids without a snapshot are left out. */
export async function findArtists(c: CatalogCollections, ids: readonly string[]): Promise<ArtistDocument[]> {
  if (ids.length === 0) return [];
  const found = await c.artists.find({ _id: { $in: [...ids] } }).toArray();
  const byId = new Map(found.map((artist) => [artist._id, artist]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
