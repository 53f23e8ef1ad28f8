/**
 * The privacy surface of the users subgraph: `exportMyData`, `deleteMyAccount(password)` and the
 * admins' `deleteUserAccount(id)` start the jobs of ./jobs.ts and answer the Job (served by the
 * catalog, like every job); the results are entities resolved here by job id.
 *
 * Asking for a deletion marks the account first (inactive, `deletion_requested_at`): from then on
 * it cannot sign in, refresh, be reactivated or export, and every other session ends at once. The
 * session that asked keeps working until the job's last step, so the user can follow it.
 */
import { badInput, conflict, notFound } from '../../../platform/errors.js';
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput, UUID } from '../../../platform/graphql/inputs.js';
import { mayFollowJob } from '../../../platform/jobs/job-view.js';
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, emailKey, verifyPassword } from '../accounts/credentials.js';
import type { UsersContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { UserEntity, type UserRecord } from '../store/entities.js';
import { newAnonymousId } from './jobs.js';

const deleteUserArgs = z.object({ id: z.string().regex(UUID, 'must be a user id') });

async function account(ctx: UsersContext, userId: string): Promise<UserRecord> {
  const user = await ctx.accounts.byId(userId);
  if (!user) throw notFound('User');
  return user;
}

/** Marks the account deleting, ends its sessions but `keepSessionId`, and enqueues (or finds) its deletion job. */
async function startDeletion(ctx: UsersContext, user: UserRecord, keepSessionId: string | undefined) {
  const users = ctx.db.getRepository(UserEntity);
  if (!user.deletionRequestedAt) {
    await users.update({ id: user.id }, { active: false, deletionRequestedAt: new Date(), deactivatedAt: user.deactivatedAt ?? new Date() });
  }
  for (const session of await ctx.sessions.listLive(user.id)) {
    if (session.id !== keepSessionId) await ctx.sessions.end(session.id, 'account-deletion');
  }
  const job = await ctx.privacy.requestDeletion(callerId(ctx), { userId: user.id, anonymousId: newAnonymousId() });
  ctx.log.info({ jobId: job.id, state: job.state }, 'account deletion requested');
  return { __typename: 'Job' as const, id: job.id };
}

export const privacyResolvers = {
  Mutation: {
    async exportMyData(_root, _args, ctx) {
      const user = await account(ctx, callerId(ctx));
      if (user.deletionRequestedAt) throw conflict('This account is being deleted');
      const job = await ctx.privacy.requestExport(user.id);
      return { __typename: 'Job' as const, id: job.id };
    },

    async deleteMyAccount(_root, { password }, ctx) {
      const user = await account(ctx, callerId(ctx));
      if (password.length > MAX_PASSWORD_LENGTH) throw badInput('The password is not right', 'password');
      // The sign-in throttle guards this password check too: a stolen access token must not become a password oracle.
      const key = emailKey(user.email);
      await ctx.throttle.assertAllowed(key, ctx.identity.ip);
      if (!(await verifyPassword(user.passwordHash, password))) {
        await ctx.throttle.recordFailure(key, ctx.identity.ip);
        throw badInput('The password is not right', 'password');
      }
      return startDeletion(ctx, user, ctx.identity.sessionId);
    },

    async deleteUserAccount(_root, args, ctx) {
      const { id } = parseInput(deleteUserArgs, args);
      if (id.toLowerCase() === callerId(ctx)) throw badInput('Delete your own account with deleteMyAccount', 'id');
      return startDeletion(ctx, await account(ctx, id.toLowerCase()), undefined);
    },
  },

  DataExportJobResult: {
    // Only the user the export is about may read it; anyone else (admins too) gets null.
    __resolveReference: async (ref, ctx) => {
      const job = await ctx.privacy.findExport(ref.jobId);
      if (!job?.result || job.ownerId !== ctx.identity.userId) return null;
      return {
        jobId: job.id,
        document: await ctx.privacy.readDocument(job.id),
        generatedAt: new Date(job.result.generatedAt),
        expiresAt: new Date(job.result.expiresAt),
      };
    },
  },

  AccountDeletionJobResult: {
    __resolveReference: async (ref, ctx) => {
      const job = await ctx.privacy.findDeletion(ref.jobId);
      const viewer = { userId: ctx.identity.userId, admin: ctx.identity.roles.includes('ADMIN') };
      if (!job?.result || !mayFollowJob(job, viewer)) return null;
      return { jobId: job.id, deletedAt: new Date(job.result.deletedAt), erased: job.result.erased };
    },
  },
} satisfies Resolvers;
