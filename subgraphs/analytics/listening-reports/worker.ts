/**
 * The worker of `analytics-listening` (platform/events/listening.ts): each job is one device's
 * report of a play, accepted by streaming, which becomes one listening event through the same store
 * path as `recordListening` (store/event-recording.ts): validated (no future start, played time
 * within the track's length — the report's `trackDurationMs`, or the catalogue's when the report has
 * none) and idempotent on the event id, so a job run twice (a retry after a lost acknowledgement, a
 * report enqueued again after its job was removed) still stores one event. An invalid report or
 * another user's event id fails at once: no retry can fix it. Runs inside the analytics
 * process; while analytics is down the jobs wait in Redis.
 */
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../platform/errors.js';
import { LISTENING_EVENTS_QUEUE, LISTENING_OUTCOMES, LISTENING_SOURCES, type ListeningEventInput } from '../../../platform/events/listening.js';
import { catalogTracks } from '../../../platform/graphql/catalog-tracks.js';
import { serviceClient, type ServiceClient } from '../../../platform/graphql/service-client.js';
import { startJobWorker, type JobProcessor, type JobWorker } from '../../../platform/jobs/job-worker.js';
import { recordListening } from '../store/listening-events.js';

export interface ListeningJobResult {
  /** False when the event was already recorded and nothing was written. */
  created: boolean;
}

/**
 * The job's shape, checked again here: it comes from another subgraph's process (maybe another
 * version of it), and a malformed job is failed at once rather than retried against the table's checks.
 */
const listeningEventInput = z.object({
  eventId: z.guid(),
  deviceId: z.string().min(1),
  trackId: z.string().min(1),
  playedMs: z.number().int().min(0),
  trackDurationMs: z.number().int().positive().nullable(),
  completionRate: z.number().min(0).max(1).nullable(),
  outcome: z.enum(LISTENING_OUTCOMES),
  source: z.enum(LISTENING_SOURCES),
  sourceId: z.string().nullable(),
  startedAt: z.iso.datetime({ offset: true }),
  reportedAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodType<ListeningEventInput>;

export function recordReportedListen(db: DataSource, graph: ServiceClient = serviceClient('analytics')): JobProcessor<ListeningEventInput, ListeningJobResult> {
  const catalogue = catalogTracks(graph);
  return async (job) => {
    const parsed = listeningEventInput.safeParse(job.input);
    if (!parsed.success) throw new UnrecoverableError(`The listening report is malformed: ${parsed.error.issues[0]?.path.join('.')}`);
    const report = parsed.data;
    try {
      const durationLimitMs = report.trackDurationMs ?? (await catalogue.durations([report.trackId], 'trackId', job.ownerId)).get(report.trackId)!;
      const { created } = await recordListening(db, {
        eventId: report.eventId,
        userId: job.ownerId,
        trackId: report.trackId,
        playedMs: report.playedMs,
        at: new Date(report.startedAt),
        durationLimitMs,
        deviceId: report.deviceId,
        outcome: report.outcome,
        source: report.source,
        sourceId: report.sourceId,
        trackDurationMs: report.trackDurationMs,
        completionRate: report.completionRate,
      });
      if (!created) job.log.debug({ eventId: report.eventId }, 'listening event already recorded');
      return { created };
    } catch (error) {
      // Another user's event id, or an invalid report: no retry can change that; the job stays failed for someone to look at.
      if (error instanceof AppError && (error.extensions.code === ErrorCode.CONFLICT || error.extensions.code === ErrorCode.BAD_USER_INPUT)) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
}

export function startListeningWorker(deps: { db: DataSource; concurrency: number; log: Logger }): JobWorker {
  return startJobWorker(LISTENING_EVENTS_QUEUE, recordReportedListen(deps.db), {
    concurrency: deps.concurrency,
    log: deps.log.child({ queue: LISTENING_EVENTS_QUEUE }),
  });
}
