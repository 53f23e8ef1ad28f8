/**
 * The contract between streaming (which accepts a device's listening report) and analytics (which
 * owns the queue `analytics-listening` and records the event): the queue's name, what a job carries,
 * its deterministic id and its options. Both import this module, never each other's code, so that
 * a report waits in Redis while analytics is down and nothing is lost.
 */
import type { DefaultJobOptions } from 'bullmq';
import { deterministicJobId, jobQueueName } from '../jobs/job-ids.js';
import type { JobData } from '../jobs/job-view.js';

export const LISTENING_EVENTS_QUEUE = jobQueueName('analytics', 'listening');
/** The BullMQ job name, and the prefix of every job id of the queue. */
export const LISTENING_EVENT_JOB_NAME = 'listen';

export const LISTENING_OUTCOMES = ['COMPLETED', 'SKIPPED'] as const;
export type ListeningOutcome = (typeof LISTENING_OUTCOMES)[number];

export const LISTENING_SOURCES = ['PLAYLIST', 'ALBUM', 'SEARCH', 'RECOMMENDATION', 'RADIO', 'OTHER'] as const;
export type ListeningSource = (typeof LISTENING_SOURCES)[number];

/** One play, validated by streaming. Dates are ISO strings: job data is JSON in Redis. */
export interface ListeningEventInput {
  /** The client's UUID for the play, lower case: the idempotency key, with the user. */
  eventId: string;
  /** One of the user's devices when it was reported. */
  deviceId: string;
  trackId: string;
  playedMs: number;
  trackDurationMs: number | null;
  /** playedMs / trackDurationMs, 0 to 1; null when the duration is unknown and the play was skipped. */
  completionRate: number | null;
  outcome: ListeningOutcome;
  source: ListeningSource;
  sourceId: string | null;
  /** When the play started (the device's clock). */
  startedAt: string;
  /** When streaming accepted the report (the server's clock). */
  reportedAt: string;
}

/** `ownerId` is the listening user. */
export type ListeningEventJobData = JobData<ListeningEventInput>;

/**
 * The same user and event id, the same job: a device retrying a report (a lost response, a flaky
 * network) adds nothing while the first job is kept. The user is part of the key so that one
 * user's event id cannot collide with, or reveal, another's job.
 */
export const listeningEventJobId = (userId: string, eventId: string): string =>
  deterministicJobId(LISTENING_EVENT_JOB_NAME, [userId, eventId.toLowerCase()]);

const DAY_SECONDS = 24 * 3600;

/**
 * Retries cover analytics' database failing while the worker runs (about 5.7 hours of backoff in
 * all: 5 s doubling, 12 attempts); analytics being down needs none, since the job simply waits.
 * Kept a day once recorded, so that a retried report within the day is the same job, and a week
 * once failed for good, for someone to look at and retry. Past that, the database's key on the
 * event id still counts a play once.
 */
export const LISTENING_JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: DAY_SECONDS },
  removeOnFail: { age: 7 * DAY_SECONDS },
} as const satisfies DefaultJobOptions;
