/** The parts of Genius API answers the supergraph uses. Every answer wraps `{ meta, response }`. */
import { z } from 'zod';

const artistSchema = z.object({ id: z.number().int(), name: z.string(), url: z.string().optional(), image_url: z.string().nullable().optional() });

export const songSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  full_title: z.string().optional(),
  url: z.string(),
  primary_artist: artistSchema,
  featured_artists: z.array(artistSchema).optional(),
  release_date: z.string().nullable().optional(),
  release_date_for_display: z.string().nullable().optional(),
  song_art_image_url: z.string().nullable().optional(),
  header_image_url: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  /** The album Genius files the song under (only /songs/:id carries it). */
  album: z.object({ id: z.number().int(), name: z.string() }).nullable().optional(),
  media: z.array(z.object({ provider: z.string(), type: z.string().optional(), url: z.string() })).optional(),
});

const wrapped = <T extends z.ZodType>(response: T) => z.object({ meta: z.object({ status: z.number() }), response });

export const searchSchema = wrapped(z.object({ hits: z.array(z.object({ type: z.string(), result: songSchema.partial().required({ id: true, title: true, url: true, primary_artist: true }) })) }));
export const songResponseSchema = wrapped(z.object({ song: songSchema }));
export const artistSongsSchema = wrapped(
  z.object({ songs: z.array(songSchema.partial().required({ id: true, title: true, url: true, primary_artist: true })), next_page: z.number().int().nullable() }),
);

export type GeniusSong = z.infer<typeof songSchema>;
export type GeniusSearchHit = z.infer<typeof searchSchema>['response']['hits'][number]['result'];
export type GeniusArtistSongsPage = z.infer<typeof artistSongsSchema>['response'];
