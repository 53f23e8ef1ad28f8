/** The Spotify side of a mapping, as the scorer wants it, from the (batched, cached) Spotify track. */
import type { SpotifyTrack } from '../../../providers/spotify/schemas.js';
import type { SpotifyTrackFacts } from './scoring/index.js';
import type { ArtistRef } from './sources/artist-channels.js';

export interface TrackSubject {
  facts: SpotifyTrackFacts;
  /** Performing artists in billing order; the first owns the "- Topic" channel of the track's Art Track. */
  artists: ArtistRef[];
}

export function subjectOf(track: SpotifyTrack): TrackSubject {
  return {
    facts: {
      id: track.id,
      name: track.name,
      artists: track.artists.map((a) => a.name),
      album: track.album.name,
      durationMs: track.duration_ms,
      isrc: track.external_ids?.isrc ?? null,
      explicit: track.explicit,
    },
    artists: track.artists.map((a) => ({ id: a.id, name: a.name })),
  };
}
