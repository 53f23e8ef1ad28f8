/**
 * The worker of `catalog-mapping`: maps a job's tracks with the engine's `mapMany` (background
 * priority, so jobs leave the interactive reserve of every budget to people), reporting progress as
 * tracks are done.
 *
 * A track is never mapped by two jobs at once. The job id already makes one job per batch; across
 * batches that share tracks, the worker claims each track (platform/jobs/work-claims.ts) before
 * mapping it. Tracks another job holds are left for last: once that job lets them go they are
 * claimed again and handed to `mapMany` without `force`, which answers the mapping the other job
 * just stored, with no provider call. So the second job skips them by construction, not by a time
 * window, and reports them as `reused` (decided before its own call to the engine).
 *
 * A spent quota, whether `mapMany` throws it or returns it for some tracks, sends the whole job to
 * wait for the reset (the tracks already mapped are stored, and reused when it resumes). A track
 * that failed because a provider was unavailable makes the attempt fail, so BullMQ retries it with
 * backoff; on the last attempt the job completes with that track's error in the result.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { percentOf } from '../../../platform/jobs/job-progress.js';
import { startJobWorker, type JobProcessor, type JobWorker } from '../../../platform/jobs/job-worker.js';
import { WorkClaims } from '../../../platform/jobs/work-claims.js';
import { ProviderUnavailableError, QuotaExhaustedError } from '../../../providers/index.js';
import type { MappingService } from '../mapping/service.js';
import type { ContentMappingDocument } from '../store/documents.js';
import { MAPPING_QUEUE, type MappingJobInput } from './mapping-queue.js';
import { summariseMapping, type MappingJobResultRecord } from './mapping-result.js';

/** Claims on tracks being mapped, shared by every worker of every replica. */
export const mappingClaims = (redis: Redis) => new WorkClaims(redis, 'catalog:mapping-claim');

export function mapTracks(service: MappingService, claims: WorkClaims): JobProcessor<MappingJobInput, MappingJobResultRecord> {
  return async (job) => {
    const trackIds = job.input.trackIds;
    const outcomes = new Map<string, ContentMappingDocument | Error>();
    const reused = new Set<string>();
    let pending = trackIds;
    while (pending.length > 0) {
      const { claimed, busy } = await claims.claim(pending, job.id);
      if (claimed.length > 0) {
        const before = outcomes.size;
        const calledAt = Date.now();
        const mapped = await claims.holding(claimed, job.id, () =>
          service.mapMany(claimed, { priority: 'background', onProgress: (done) => job.progress(percentOf(before + done, trackIds.length)) }),
        );
        for (const trackId of claimed) {
          const outcome = mapped.get(trackId) ?? new Error(`the engine returned nothing for ${trackId}`);
          outcomes.set(trackId, outcome);
          // Decided before this call: the engine answered a stored mapping (earlier, another job's, or an interrupted run's).
          if (!(outcome instanceof Error) && outcome.mappedAt.getTime() < calledAt) reused.add(trackId);
        }
        const quota = [...mapped.values()].find((outcome) => outcome instanceof QuotaExhaustedError);
        if (quota) throw quota;
        await job.progress(percentOf(outcomes.size, trackIds.length));
      }
      if (busy.length > 0) {
        job.log.debug({ tracks: busy.length }, 'tracks being mapped by another job; mapping the rest first');
        await claims.untilAnyFree(busy);
      }
      pending = busy;
    }
    const unavailable = [...outcomes.values()].find((outcome) => outcome instanceof ProviderUnavailableError);
    if (unavailable && !job.finalAttempt) throw unavailable; // the retry maps only what is still missing
    return summariseMapping(trackIds, outcomes, reused);
  };
}

export function startMappingWorker(deps: { service: MappingService; redis: Redis; concurrency: number; log: Logger }): JobWorker {
  return startJobWorker(MAPPING_QUEUE, mapTracks(deps.service, mappingClaims(deps.redis)), {
    concurrency: deps.concurrency,
    log: deps.log.child({ queue: MAPPING_QUEUE }),
  });
}
