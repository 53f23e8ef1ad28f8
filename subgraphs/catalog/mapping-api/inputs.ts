/**
 * Validation of the mapping fields' arguments (zod, through `parseInput`): anything out of bounds is
 * a BAD_USER_INPUT naming the field, before anything is written or enqueued.
 */
import { z } from 'zod';
import { spotifyId } from '../../../platform/graphql/inputs.js';
import { parseJobId } from '../../../platform/jobs/job-ids.js';
import { MAX_TRACKS_PER_MAPPING_JOB } from '../jobs/mapping-queue.js';
import { NOTE_MAX_LENGTH } from '../mapping/policy.js';

/** YouTube video ids: 11 characters of the URL-safe base-64 alphabet. */
export const youtubeVideoId = z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'must be a YouTube video id (11 characters of A-Z a-z 0-9 _ -)');

export const requestMappingArgs = z.object({
  trackIds: z
    .array(spotifyId)
    .min(1, 'must hold at least one id')
    .max(MAX_TRACKS_PER_MAPPING_JOB, `must hold at most ${MAX_TRACKS_PER_MAPPING_JOB} ids`),
});

export const mapTrackArgs = z.object({ trackId: spotifyId });

export const reportWrongMappingArgs = z.object({
  trackId: spotifyId,
  // An empty or blank note is no note.
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH} characters`)
    .nullish()
    .transform((note) => note || undefined),
});

export const verifyMappingArgs = z.object({
  trackId: spotifyId,
  videoId: youtubeVideoId.nullish().transform((id) => id ?? null),
});

export const jobArgs = z.object({
  id: z.string().refine((id) => parseJobId(id) !== null, 'must be a job id as requestMapping returned it'),
});
