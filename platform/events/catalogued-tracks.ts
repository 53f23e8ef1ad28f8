/**
 * The contract between the catalog (which stores a track's snapshot the first time it reads the
 * track from Spotify) and lyrics (which owns the queue `lyrics-tracks` and, for each new track,
 * computes its Genius match and its language): the queue's name, what a job carries, its
 * deterministic id and its options. Both import this module, never each other's code; jobs wait in
 * Redis while lyrics is down.
 *
 * A job carries the track id and, when the producer knows them, the catalog's name, artist names
 * and album name: the catalog knows them as it stores the track, and sending them saves lyrics a
 * read through the graph (which could cost a Spotify call). Without them lyrics asks the catalog
 * (platform/graphql/service-client.ts).
 */
import type { DefaultJobOptions } from 'bullmq';
import { deterministicJobId, jobQueueName } from '../jobs/job-ids.js';
import type { JobData } from '../jobs/job-view.js';

export const CATALOGUED_TRACKS_QUEUE = jobQueueName('lyrics', 'tracks');
/** The BullMQ job name, and the prefix of every job id of the queue. */
export const CATALOGUED_TRACK_JOB_NAME = 'track';

export interface CataloguedTrackInput {
  /** Spotify track id. */
  trackId: string;
  /** The catalog's facts about the track, when the producer has them (all three or none). */
  facts?: { name: string; artists: string[]; albumName: string | null };
}

/** `ownerId` names who asked: `service:catalog` for a new track, `service:lyrics` for a read that found no language. */
export type CataloguedTrackJobData = JobData<CataloguedTrackInput>;

/** One job per track: a track stored twice, or asked for by several readers, is the same job. */
export const cataloguedTrackJobId = (trackId: string): string => deterministicJobId(CATALOGUED_TRACK_JOB_NAME, [trackId]);

const DAY_SECONDS = 24 * 3600;

/**
 * Background work: behind interactive jobs in priority; retries cover Genius or the catalog being
 * briefly away (5 s doubling, 6 attempts, about 5 minutes in all). Kept a day once done, so the
 * same track asked again within the day adds nothing (its language is stored by then anyway).
 */
export const CATALOGUED_TRACK_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 5_000 },
  priority: 10,
  removeOnComplete: { age: DAY_SECONDS },
  removeOnFail: { age: 7 * DAY_SECONDS },
} as const satisfies DefaultJobOptions;

/** The bulk add of jobs for these tracks (each id once), for `Queue.addBulk`. */
export function cataloguedTrackJobs(tracks: readonly CataloguedTrackInput[], ownerId: string) {
  const distinct = new Map(tracks.map((track) => [track.trackId, track]));
  return [...distinct.values()].map((input) => ({
    name: CATALOGUED_TRACK_JOB_NAME,
    data: { ownerId, input } satisfies CataloguedTrackJobData,
    opts: { ...CATALOGUED_TRACK_JOB_OPTIONS, jobId: cataloguedTrackJobId(input.trackId) },
  }));
}
