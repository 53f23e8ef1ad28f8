/**
 * `reportListening`: validates the report, checks the device is the caller's live one (the report
 * counts as its heartbeat, like the other calls a device makes), and enqueues it for analytics. It answers once the job is in Redis; analytics need not be up. Merged into the
 * streaming resolvers by ../resolvers.ts.
 */
import { notFound } from '../../../platform/errors.js';
import { callerId } from '../../../platform/graphql/context.js';
import { parseInput } from '../../../platform/graphql/inputs.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { heartbeatDevice } from '../store/devices.js';
import { completionRate, reportListeningArgs } from './inputs.js';

export const listeningMutations: Pick<MutationResolvers, 'reportListening'> = {
  reportListening: async (_root, args, ctx) => {
    const { input } = parseInput(reportListeningArgs, args);
    const userId = callerId(ctx);
    // Someone else's device, an expired one and no device at all look the same to the caller.
    if (!(await heartbeatDevice(ctx.redis, userId, input.deviceId))) throw notFound('Device');
    const rate = completionRate(input.playedMs, input.trackDurationMs, input.outcome);
    await ctx.listening.enqueue(userId, {
      ...input,
      completionRate: rate,
      startedAt: input.startedAt.toISOString(),
      reportedAt: new Date().toISOString(),
    });
    return { eventId: input.eventId, completionRate: rate };
  },
};
