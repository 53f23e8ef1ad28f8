/**
 * The mapping side of the catalog server: the engine, the `catalog-mapping` queue, and what each
 * GraphQL request gets: the same engine and queue, plus a per-request loader of stored mappings for
 * `Track.youtube`. The queue's worker is started by the catalog's `workers` (main.ts), in this
 * process or in catalog-workers processes.
 */
import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { JobDirectory } from '../../../platform/jobs/job-directory.js';
import type { WorkClaims } from '../../../platform/jobs/work-claims.js';
import type { Providers } from '../../../providers/index.js';
import { MappingJobs } from '../jobs/mapping-queue.js';
import { mappingClaims } from '../jobs/mapping-worker.js';
import { createMappingService, type MappingService } from '../mapping/service.js';
import type { CatalogCollections } from '../store/collections.js';
import type { ContentMappingDocument } from '../store/documents.js';
import { mapTrackLimit, type MapTrackLimit } from './map-track-limit.js';

/** What mapping resolvers receive in the request context (`ctx.mappings`). */
export interface MappingApi {
  service: MappingService;
  jobs: MappingJobs;
  /** Every subgraph's jobs, read-only: `job(id)` answers all of them (platform/jobs/job-directory.ts). */
  allJobs: JobDirectory;
  mapTrackLimit: MapTrackLimit;
  /** Claims on tracks being mapped, shared with the jobs. */
  claims: WorkClaims;
  /** Stored mappings by Spotify track id, one query per request's batch. */
  byTrack: DataLoader<string, ContentMappingDocument | null>;
}

export interface MappingRuntime {
  forRequest(): MappingApi;
  /** Closes the queues. */
  close(): Promise<void>;
}

export function startMapping(deps: { catalog: CatalogCollections; providers: Providers; redis: Redis; log: Logger }): MappingRuntime {
  const log = deps.log.child({ component: 'mapping' });
  const service = createMappingService({ store: deps.catalog, providers: deps.providers, log });
  const jobs = new MappingJobs(deps.redis);
  const allJobs = new JobDirectory(deps.redis);
  const limit = mapTrackLimit(deps.redis);
  const claims = mappingClaims(deps.redis);
  return {
    forRequest: () => ({
      service,
      jobs,
      allJobs,
      mapTrackLimit: limit,
      claims,
      byTrack: new DataLoader(async (ids) => {
        const found = await service.getMany(ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
    }),
    async close() {
      await Promise.all([jobs.close(), allJobs.close()]);
    },
  };
}
