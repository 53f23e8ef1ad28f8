/**
 * The parts of Spotify Web API objects the supergraph uses, as zod schemas: every answer is
 * checked against them, so a malformed one becomes a typed error instead of a crash further down.
 * Unknown fields are dropped (smaller cache entries); optional ones are those Spotify may omit.
 */
import { z } from 'zod';

export const imageSchema = z.object({
  url: z.string(),
  width: z.number().int().nullable().optional(),
  height: z.number().int().nullable().optional(),
});

export const simplifiedArtistSchema = z.object({ id: z.string(), name: z.string() });

export const artistSchema = simplifiedArtistSchema.extend({
  genres: z.array(z.string()).default([]),
  popularity: z.number().int().optional(),
  images: z.array(imageSchema).default([]),
  followers: z.object({ total: z.number().int().nullable().optional() }).optional(),
});

export const simplifiedAlbumSchema = z.object({
  id: z.string(),
  name: z.string(),
  album_type: z.string(),
  release_date: z.string(),
  release_date_precision: z.enum(['year', 'month', 'day']),
  total_tracks: z.number().int().optional(),
  images: z.array(imageSchema).default([]),
  artists: z.array(simplifiedArtistSchema),
});

export const simplifiedTrackSchema = z.object({
  id: z.string(),
  name: z.string(),
  duration_ms: z.number().int().nonnegative(),
  explicit: z.boolean(),
  track_number: z.number().int().optional(),
  disc_number: z.number().int().optional(),
  // Deprecated by Spotify and mostly null since 2024; kept for the apps that still get one.
  preview_url: z.string().nullable().optional(),
  artists: z.array(simplifiedArtistSchema).min(1),
});

export const trackSchema = simplifiedTrackSchema.extend({
  album: simplifiedAlbumSchema,
  popularity: z.number().int().optional(),
  external_ids: z.object({ isrc: z.string().optional() }).optional(),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), next: z.string().nullable() });

export const albumSchema = simplifiedAlbumSchema.extend({
  genres: z.array(z.string()).default([]),
  label: z.string().optional(),
  popularity: z.number().int().optional(),
  tracks: page(simplifiedTrackSchema),
});

export const severalTracksSchema = z.object({ tracks: z.array(trackSchema.nullable()) });
export const severalArtistsSchema = z.object({ artists: z.array(artistSchema.nullable()) });
export const severalAlbumsSchema = z.object({ albums: z.array(albumSchema.nullable()) });
export const albumTracksSchema = page(simplifiedTrackSchema);
/** An artist's albums say how the artist relates to each (`album`, `single`, `compilation`, `appears_on`). */
export const artistAlbumsSchema = page(simplifiedAlbumSchema.extend({ album_group: z.string().optional() }));
export const topTracksSchema = z.object({ tracks: z.array(trackSchema) });

const simplifiedPlaylistSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  images: z.array(imageSchema).nullable().optional(),
  owner: z.object({ id: z.string(), display_name: z.string().nullable().optional() }),
  // How many items: `tracks` until Spotify's 2026 migration, `items` after; both are sent meanwhile.
  tracks: z.object({ total: z.number().int() }).nullable().optional(),
  items: z.object({ total: z.number().int() }).nullable().optional(),
});

/** A playlist as GET /playlists/{id} and /me/playlists give it (`public` may be null: "not relevant"). */
export const playlistSummarySchema = simplifiedPlaylistSchema.extend({
  public: z.boolean().nullable().optional(),
  collaborative: z.boolean(),
  snapshot_id: z.string(),
});
// Spotify has answered null entries in playlist lists elsewhere (search); skipped, not malformed.
export const myPlaylistsSchema = page(playlistSummarySchema.nullable());

/** What a library import keeps of a track; `episode: true` is the pre-`additional_types` way to send an episode. */
const libraryTrackSchema = trackSchema.pick({ id: true, name: true, duration_ms: true }).extend({
  type: z.literal('track'),
  episode: z.boolean().optional(),
});
// Episodes and whatever types Spotify adds later are skipped, as the spec asks clients to do; a broken track is still malformed.
const playableSchema = z.union([libraryTrackSchema, z.object({ type: z.string().refine((type) => type !== 'track') })]);
const spotifyTimestamp = z.string().datetime({ offset: true });

export const playlistItemsSchema = page(
  z.preprocess(
    // A local file's track has no Spotify id (nor album or artist ids): nothing to check or import.
    (raw) => (typeof raw === 'object' && raw !== null && (raw as { is_local?: unknown }).is_local === true ? { ...raw, item: null, track: null } : raw),
    z.object({
      // "Some very old playlists may return null" for both (the spec).
      added_at: spotifyTimestamp.nullable().optional(),
      added_by: z.object({ id: z.string() }).nullable().optional(),
      is_local: z.boolean().optional(),
      // `item` since Spotify's 2026 migration, the deprecated `track` before it; both are sent meanwhile.
      item: playableSchema.nullable().optional(),
      track: playableSchema.nullable().optional(),
    }),
  ),
);

export const savedTracksSchema = page(z.object({ added_at: spotifyTimestamp, track: libraryTrackSchema.nullable() }));

export const searchSchema = z.object({
  tracks: page(trackSchema).optional(),
  artists: page(artistSchema).optional(),
  albums: page(simplifiedAlbumSchema).optional(),
  // Spotify returns null entries in playlist search results.
  playlists: page(simplifiedPlaylistSchema.nullable()).optional(),
});

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
});

/** Spotify's error body: `{"error": {"status", "message", "reason"?}}`. */
export const errorBodySchema = z.object({ error: z.object({ status: z.number(), message: z.string(), reason: z.string().optional() }) });

export type SpotifyTrack = z.infer<typeof trackSchema>;
export type SpotifySimplifiedTrack = z.infer<typeof simplifiedTrackSchema>;
export type SpotifyArtist = z.infer<typeof artistSchema>;
export type SpotifyAlbum = z.infer<typeof albumSchema>;
export type SpotifySimplifiedAlbum = z.infer<typeof simplifiedAlbumSchema>;
export type SpotifySearchResults = z.infer<typeof searchSchema>;
export type SpotifyArtistAlbum = z.infer<typeof artistAlbumsSchema>['items'][number];
export type SpotifySimplifiedPlaylist = z.infer<typeof simplifiedPlaylistSchema>;
export type SpotifyPlaylistBody = z.infer<typeof playlistSummarySchema>;
export type SpotifyLibraryTrack = z.infer<typeof libraryTrackSchema>;
export type SpotifyPlayable = z.infer<typeof playableSchema>;
