/**
 * What clients may send to the catalogue's reads: search text, types and page sizes, album-track
 * and artist-album pages, markets, cursors. Anything out of bounds is a BAD_USER_INPUT naming the
 * argument. `ARGUMENT_CHECKS` lists them per field, so that preflight.ts can check a whole
 * operation before any of it reaches Spotify or writes a snapshot.
 */
import { z } from 'zod';
import { parseInput, spotifyId } from '../../../platform/graphql/inputs.js';
import { tracksArgs } from '../inputs.js';
import { cursorPosition } from './cursors.js';

export const SEARCH_TYPES = ['TRACK', 'ALBUM', 'ARTIST', 'PLAYLIST'] as const;
export type SearchTypeName = (typeof SEARCH_TYPES)[number];
export const ALBUM_GROUPS = ['ALBUM', 'SINGLE', 'COMPILATION', 'APPEARS_ON'] as const;
export type AlbumGroupName = (typeof ALBUM_GROUPS)[number];

/** Highest position a cursor may name: search stops at 1,000 items; albums and discographies are far shorter than this. */
export const MAX_SEARCH_POSITION = 999;
export const MAX_LIST_POSITION = 9_999;

const pageSize = (max: number, byDefault: number) =>
  z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .nullish()
    .transform((value) => value ?? byDefault);

/** Only the shape here; whose list a cursor belongs to is checked where the list is known. */
const cursor = (maxPosition: number) =>
  z
    .string()
    .nullish()
    .refine((value) => value === null || value === undefined || (cursorPosition(value) ?? Infinity) <= maxPosition, 'not a cursor of this list');

const distinct = <T extends string>(values: readonly T[], all: readonly T[]) => (values.length ? [...new Set(values)] : [...all]);

export const searchArgs = z.object({
  query: z
    .string()
    .transform((text) => text.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        // eslint-disable-next-line no-control-regex
        .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'must not contain control characters'),
    ),
  types: z
    .array(z.enum(SEARCH_TYPES))
    .min(1, 'must name at least one type')
    .nullish()
    .transform((types) => distinct(types ?? [], SEARCH_TYPES)),
  first: pageSize(50, 20),
  after: cursor(MAX_SEARCH_POSITION),
});

export const albumTracksArgs = z.object({ first: pageSize(50, 20), after: cursor(MAX_LIST_POSITION) });

export const artistAlbumsArgs = z.object({
  first: pageSize(50, 20),
  after: cursor(MAX_LIST_POSITION),
  groups: z
    .array(z.enum(ALBUM_GROUPS))
    .min(1, 'must name at least one group')
    .nullish()
    .transform((groups) => distinct(groups ?? [], ALBUM_GROUPS)),
});

export const topTracksArgs = z.object({
  market: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US')
    .nullish()
    .transform((market) => market ?? 'US'),
});

const byId = z.object({ id: spotifyId });

/** Field coordinate → its arguments' check (throws BAD_USER_INPUT). */
export const ARGUMENT_CHECKS: Record<string, (args: Record<string, unknown>) => void> = {
  'Query.track': (args) => void parseInput(byId, args),
  'Query.tracks': (args) => void parseInput(tracksArgs, args),
  'Query.album': (args) => void parseInput(byId, args),
  'Query.artist': (args) => void parseInput(byId, args),
  'Query.search': (args) => void parseInput(searchArgs, args),
  'Album.tracks': (args) => void parseInput(albumTracksArgs, args),
  'Artist.albums': (args) => void parseInput(artistAlbumsArgs, args),
  'Artist.topTracks': (args) => void parseInput(topTracksArgs, args),
};
