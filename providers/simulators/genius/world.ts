/**
 * The Genius side of the simulated catalogue, indexed once per simulator: songs, artists (names
 * come from the Spotify artist each Genius artist is), each artist's songs (as primary or featured
 * artist), Genius album ids for the catalogue's albums, and the search index over song titles and
 * artist names.
 */
import type { SimAlbum, SimArtist, SimCatalogue, SimGeniusSong } from '../catalogue/types.js';
import { TokenIndex, tokenise } from '../youtube/text-match.js';

/** Genius keeps features out of `title` ("SICKO MODE") and writes them in `title_with_featured`. */
export function bareTitle(title: string): string {
  return title.replace(/\s*\((?:Ft|Feat|Featuring)\.?\s[^)]*\)\s*$/i, '').trim() || title;
}

export class GeniusWorld {
  readonly songList: SimGeniusSong[];
  private readonly byArtist = new Map<number, SimGeniusSong[]>();
  private readonly albumIds = new Map<string, number>();
  private readonly albumsById = new Map<number, SimAlbum>();
  private index?: TokenIndex;

  constructor(readonly catalogue: SimCatalogue) {
    this.songList = [...catalogue.geniusSongs.values()];
    for (const song of this.songList) {
      for (const artistId of [song.primaryArtistId, ...song.featuredArtistIds]) {
        const list = this.byArtist.get(artistId);
        if (list) list.push(song);
        else this.byArtist.set(artistId, [song]);
      }
    }
    // Genius album ids: stable numbers in catalogue order (the generator's order is seeded).
    let next = 100_001;
    for (const album of catalogue.albums.values()) {
      this.albumIds.set(album.id, next);
      this.albumsById.set(next++, album);
    }
  }

  song(id: number): SimGeniusSong | undefined {
    return this.catalogue.geniusSongs.get(id);
  }

  /** The Spotify artist behind a Genius artist id. */
  artist(geniusArtistId: number): SimArtist | undefined {
    const entry = this.catalogue.geniusArtists.get(geniusArtistId);
    return entry ? this.catalogue.artists.get(entry.artistId) : undefined;
  }

  artistName(geniusArtistId: number): string {
    return this.artist(geniusArtistId)?.name ?? `Artist ${geniusArtistId}`;
  }

  songsOf(geniusArtistId: number): SimGeniusSong[] {
    return this.byArtist.get(geniusArtistId) ?? [];
  }

  /** The album of the song's first (studio) track, with its Genius id. */
  albumOf(song: SimGeniusSong): { id: number; album: SimAlbum } | undefined {
    const trackId = song.trackIds[0];
    const track = trackId ? this.catalogue.tracks.get(trackId) : undefined;
    const album = track ? this.catalogue.albums.get(track.albumId) : undefined;
    const id = album ? this.albumIds.get(album.id) : undefined;
    return album && id ? { id, album } : undefined;
  }

  album(id: number): SimAlbum | undefined {
    return this.albumsById.get(id);
  }

  geniusIdOfArtist(spotifyArtistId: string): number | undefined {
    return this.catalogue.artists.get(spotifyArtistId)?.geniusArtistId;
  }

  /** Built on the first search: title above primary artist above featured artists. */
  searchIndex(): TokenIndex {
    if (!this.index) {
      const index = new TokenIndex();
      this.songList.forEach((song, doc) =>
        index.add(doc, [
          { tokens: tokenise(bareTitle(song.title)), weight: 1 },
          { tokens: tokenise(this.artistName(song.primaryArtistId)), weight: 0.9 },
          { tokens: song.featuredArtistIds.flatMap((id) => tokenise(this.artistName(id))), weight: 0.7 },
        ]),
      );
      this.index = index;
    }
    return this.index;
  }
}
