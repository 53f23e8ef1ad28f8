/** Validation of what clients send: out-of-bounds input is a BAD_USER_INPUT naming the field, before any write. */
import { z } from 'zod';
import { spotifyId, UUID } from '../../platform/graphql/inputs.js';

export const uuid = z.string().regex(UUID, 'must be a UUID');

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
// An empty description is the same as none.
const description = z
  .string()
  .trim()
  .max(300, 'must be at most 300 characters')
  .nullish()
  .transform((v) => v || null);
const coverImageUrl = z
  .string()
  .max(2000, 'must be at most 2,000 characters')
  .url('must be an https:// address')
  .refine((url) => /^https:\/\//i.test(url), 'must be an https:// address')
  .nullish()
  .transform((v) => v ?? null);
// Tags are for filtering, so `Chill` and `chill ` are the same tag.
const tags = z
  .array(z.string().trim().toLowerCase().min(1, 'must not be empty').max(30, 'must be at most 30 characters'))
  .max(20, 'at most 20 tags')
  .transform((list) => [...new Set(list)]);
const version = z.number().int().min(1, 'must be a version (1 or more)');

export const createPlaylistArgs = z.object({
  input: z.object({
    name,
    description,
    isPublic: z.boolean().nullish().transform((v) => v ?? false),
    coverImageUrl,
    tags: tags.nullish().transform((v) => v ?? []),
  }),
});

export const updatePlaylistArgs = z.object({
  id: uuid,
  expectedVersion: version,
  input: z
    .object({
      name: name.optional(),
      description: description.optional(),
      // null is not a visibility: only absent leaves it alone.
      isPublic: z.boolean().optional(),
      coverImageUrl: coverImageUrl.optional(),
      tags: tags.optional(),
    })
    .refine((input) => Object.keys(input).length > 0, 'give at least one field to change'),
});

export const playlistVersionArgs = z.object({ id: uuid, expectedVersion: version });
export const playlistIdArgs = z.object({ id: uuid });

export const MAX_TRACKS_PER_ADD = 100;
export const MAX_ITEMS_PER_REMOVE = 1000;

export const addPlaylistItemsArgs = z.object({
  playlistId: uuid,
  expectedVersion: version,
  trackIds: z.array(spotifyId).min(1, 'give at least one track').max(MAX_TRACKS_PER_ADD, `at most ${MAX_TRACKS_PER_ADD} tracks at once`),
  position: z.number().int().min(0, 'must be 0 or more').nullish().transform((v) => v ?? null),
});

export const removePlaylistItemsArgs = z.object({
  playlistId: uuid,
  expectedVersion: version,
  itemIds: z.array(uuid).min(1, 'give at least one item').max(MAX_ITEMS_PER_REMOVE, `at most ${MAX_ITEMS_PER_REMOVE} items at once`),
});

export const movePlaylistItemArgs = z.object({
  playlistId: uuid,
  expectedVersion: version,
  itemId: uuid,
  toPosition: z.number().int().min(0, 'must be 0 or more'),
});

const role = z.enum(['VIEW', 'EDIT', 'MANAGE']);
// User ids belong to the users subgraph, which makes them UUIDs; whether one names an account is asked of it.
const userId = z.string().regex(UUID, 'must be a user id');
export const setCollaboratorArgs = z.object({ playlistId: uuid, userId, role });
export const removeCollaboratorArgs = z.object({ playlistId: uuid, userId });

export const trackArgs = z.object({ trackId: spotifyId });
export const importSpotifyPlaylistArgs = z.object({ spotifyPlaylistId: spotifyId });
