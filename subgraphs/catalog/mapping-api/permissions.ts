/**
 * Who may use the mapping surface, merged into the catalog's shield in ../permissions.ts. Mappings
 * are public like the catalogue (through the gateway), except what would tell one user about
 * another or about the engine's workings: the candidates with their scores, users' reports with
 * their notes, and which admin verified. Jobs are their requesters' and admins'; the type rule
 * repeats, for every field, the check that `job` and `_entities` make before answering a job.
 */
import { forbidden } from '../../../platform/errors.js';
import { isAdmin, isSignedIn, rule, viaGateway } from '../../../platform/graphql/permissions.js';
import type { SubgraphContext } from '../../../platform/graphql/context.js';
import { mayFollowJob, type JobView } from '../../../platform/jobs/job-view.js';

const followsJob = rule({ cache: 'strict' })((job: JobView, _args, ctx: SubgraphContext) =>
  ctx.identity.viaGateway && mayFollowJob(job, { userId: ctx.identity.userId, admin: ctx.identity.roles.includes('ADMIN') }) ? true : forbidden(),
);

/** Rules of the mapping root fields, spread into the catalog's `Query` and `Mutation`. */
export const mappingRootPermissions = {
  Query: {
    job: isSignedIn,
  },
  Mutation: {
    requestMapping: isSignedIn,
    mapTrack: isSignedIn,
    reportWrongMapping: isSignedIn,
    verifyMapping: isAdmin,
  },
};

/** Rules of the mapping types, field by field where they differ. */
export const mappingTypePermissions = {
  ContentMapping: {
    trackId: viaGateway,
    status: viaGateway,
    video: viaGateway,
    confidence: viaGateway,
    source: viaGateway,
    alternatives: viaGateway,
    verified: viaGateway,
    verifiedAt: viaGateway,
    reportCount: viaGateway,
    viewerReported: viaGateway,
    mappedAt: viaGateway,
    updatedAt: viaGateway,
    candidates: isAdmin,
    reports: isAdmin,
    verifiedBy: isAdmin,
  },
  YouTubeVideo: viaGateway,
  MappingCandidate: isAdmin,
  MappingReport: isAdmin,
  Job: followsJob,
  MappingJobResult: viaGateway,
  SpotifyImportJobResult: viaGateway,
  DataExportJobResult: viaGateway,
  AccountDeletionJobResult: viaGateway,
  TrackMappingOutcome: viaGateway,
};
