/**
 * The mapping surface of the catalog graph: `Track.youtube` (the stored mapping, no provider call),
 * `ContentMapping` and its videos, the mapping `Job` (`job`, `requestMapping`), and the mutations
 * `mapTrack`, `reportWrongMapping` and `verifyMapping`. Merged into the catalog's resolvers in
 * ../resolvers.ts; who may call what is in ./permissions.ts. Arguments are validated (./inputs.ts)
 * before anything is written or enqueued.
 */
import { callerId } from '../../../platform/graphql/context.js';
import { isSpotifyId, parseInput } from '../../../platform/graphql/inputs.js';
import { parseJobId } from '../../../platform/jobs/job-ids.js';
import { jobKindOf } from '../../../platform/jobs/job-directory.js';
import type { MappingJobResultRecord } from '../jobs/mapping-result.js';
import { mayFollowJob, type JobView } from '../../../platform/jobs/job-view.js';
import type { CatalogContext } from '../context.js';
import type { JobKind, Resolvers } from '../generated/resolvers.js';
import { jobArgs, mapTrackArgs, reportWrongMappingArgs, requestMappingArgs, verifyMappingArgs } from './inputs.js';
import { mapTrackNow } from './interactive-mapping.js';
import { chosenVideo, currentReports, embedUrl, sourceEnum, statusEnum, videoOfCandidate, watchUrl } from './views.js';

const viewer = (ctx: CatalogContext) => ({ userId: ctx.identity.userId, admin: ctx.identity.roles.includes('ADMIN') });

/** The job (of any subgraph) if the caller may follow it; otherwise null, exactly as for an id that does not exist. */
async function visibleJob(ctx: CatalogContext, id: string): Promise<JobView | null> {
  const job = await ctx.mappings.allJobs.find(id);
  return job && mayFollowJob(job, viewer(ctx)) ? job : null;
}

/** Mapping fields of the catalog's root types and of `Track`, spread into them in ../resolvers.ts. */
export const mappingFieldResolvers = {
  Query: {
    job: (_root, args, ctx) => visibleJob(ctx, parseInput(jobArgs, args).id),
  },
  Mutation: {
    requestMapping: async (_root, args, ctx) => {
      const { trackIds } = parseInput(requestMappingArgs, args);
      // Another subgraph's background work (a library import) waits behind people on a screen.
      const priority = ctx.identity.service ? 'background' : 'interactive';
      const job = await ctx.mappings.jobs.request(trackIds, callerId(ctx), priority);
      ctx.log.info({ jobId: job.id, tracks: job.input.trackIds.length, state: job.state }, 'mapping requested');
      return job;
    },
    mapTrack: (_root, args, ctx) => {
      const { trackId } = parseInput(mapTrackArgs, args);
      const { service, claims, mapTrackLimit: limit } = ctx.mappings;
      return mapTrackNow({ service, claims, limit }, trackId, callerId(ctx));
    },
    reportWrongMapping: async (_root, args, ctx) => {
      const { trackId, note } = parseInput(reportWrongMappingArgs, args);
      const mapping = await ctx.mappings.service.reportWrong(trackId, callerId(ctx), note);
      ctx.log.info({ trackId, status: mapping.status, videoId: mapping.youtubeVideoId }, 'mapping reported wrong');
      return mapping;
    },
    verifyMapping: async (_root, args, ctx) => {
      const { trackId, videoId } = parseInput(verifyMappingArgs, args);
      const mapping = await ctx.mappings.service.verify(trackId, callerId(ctx), videoId);
      ctx.log.info({ trackId, videoId: mapping.youtubeVideoId, override: videoId !== null }, 'mapping verified by admin');
      return mapping;
    },
  },
  Track: {
    youtube: (track, _args, ctx) => ctx.mappings.byTrack.load(track._id),
  },
} satisfies Resolvers;

/** The mapping types. */
export const mappingTypeResolvers = {
  ContentMapping: {
    trackId: (mapping) => mapping.spotifyTrackId,
    status: (mapping) => statusEnum(mapping.status),
    video: (mapping) => chosenVideo(mapping),
    source: (mapping) => sourceEnum(mapping.source),
    alternatives: (mapping) => mapping.alternatives.map(videoOfCandidate),
    verified: (mapping) => mapping.verifiedAt !== null,
    reportCount: (mapping) => new Set(currentReports(mapping).map((report) => report.userId)).size,
    viewerReported: (mapping, _args, ctx) => currentReports(mapping).some((report) => report.userId === ctx.identity.userId),
    candidates: (mapping) => mapping.candidates,
    reports: (mapping) => mapping.feedback.reports,
  },
  YouTubeVideo: {
    embedUrl: (video) => embedUrl(video.id),
    watchUrl: (video) => watchUrl(video.id),
  },
  MappingCandidate: {
    video: (candidate) => videoOfCandidate(candidate),
    source: (candidate) => sourceEnum(candidate.source),
  },
  MappingReport: {
    reportedAt: (report) => report.at,
  },
  Job: {
    // `_entities` (a later subscription resolving a job's fields) sees the job only where `job(id)` would.
    __resolveReference: (ref, ctx) => (parseJobId(ref.id) ? visibleJob(ctx, ref.id) : null),
    // Every queue the directory reads is listed in JOB_KINDS with its public kind.
    kind: (job) => jobKindOf(job)!.kind as JobKind,
    // A mapping's result is the catalog's own; other kinds' results are entities their subgraph resolves by job id.
    result: (job) => {
      const resultType = jobKindOf(job)?.resultType;
      if (job.result === null || !resultType) return null;
      return resultType === 'MappingJobResult' ? (job.result as MappingJobResultRecord) : { __typename: resultType, jobId: job.id };
    },
  },
  JobResult: {
    __resolveType: (result) => ('__typename' in result ? (result.__typename as 'SpotifyImportJobResult') : 'MappingJobResult'),
  },
  TrackMappingOutcome: {
    track: (outcome, _args, ctx) => (isSpotifyId(outcome.trackId) ? ctx.catalogue.track.load(outcome.trackId) : null),
    status: (outcome) => (outcome.status ? statusEnum(outcome.status) : null),
  },
} satisfies Resolvers;
