/**
 * The catalog's collections and their indexes. `prepareCatalogStore` is idempotent: `main.ts --migrate`
 * and every start run it, so a fresh database is usable without a separate step.
 */
import type { Collection, Db } from 'mongodb';
import { ensureCollection } from '../../../platform/mongo/client.js';
import type { AlbumDocument, ArtistChannelsDocument, ArtistDocument, ContentMappingDocument, TrackDocument } from './documents.js';

export interface CatalogCollections {
  tracks: Collection<TrackDocument>;
  albums: Collection<AlbumDocument>;
  artists: Collection<ArtistDocument>;
  contentMappings: Collection<ContentMappingDocument>;
  /** YouTube channels per Spotify artist, discovered by the mapping engine (keyed by artist id). */
  artistChannels: Collection<ArtistChannelsDocument>;
}

export function catalogCollections(db: Db): CatalogCollections {
  return {
    tracks: db.collection<TrackDocument>('tracks'),
    albums: db.collection<AlbumDocument>('albums'),
    artists: db.collection<ArtistDocument>('artists'),
    contentMappings: db.collection<ContentMappingDocument>('content_mappings'),
    artistChannels: db.collection<ArtistChannelsDocument>('artist_channels'),
  };
}

/** Creates the collections and indexes if missing. */
export async function prepareCatalogStore(db: Db): Promise<void> {
  for (const name of ['tracks', 'albums', 'artists', 'content_mappings', 'artist_channels']) await ensureCollection(db, name);
  const c = catalogCollections(db);
  // "Tracks of this album / by this artist", and ISRC lookups when matching YouTube or Genius.
  await c.tracks.createIndex({ albumId: 1 }, { name: 'albumId' });
  await c.tracks.createIndex({ artistIds: 1 }, { name: 'artistIds' });
  await c.tracks.createIndex({ isrc: 1 }, { name: 'isrc' });
  await c.albums.createIndex({ artistIds: 1 }, { name: 'artistIds' });
  // One mapping per Spotify track; the reverse lookup serves "which track is this video".
  await c.contentMappings.createIndex({ spotifyTrackId: 1 }, { name: 'spotifyTrackId_unique', unique: true });
  await c.contentMappings.createIndex({ youtubeVideoId: 1 }, { name: 'youtubeVideoId' });
  // The review queue: uncertain mappings, least confident first.
  await c.contentMappings.createIndex({ status: 1, confidence: 1 }, { name: 'status_confidence' });
}
