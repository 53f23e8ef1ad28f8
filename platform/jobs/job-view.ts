/**
 * A job as clients see it, read from BullMQ: the public id, its kind, one of five states, progress,
 * result, a public error message, who asked for it and when it last changed. BullMQ's seven states
 * fold into five: waiting, prioritized and a delayed retry are all QUEUED; a delayed job whose last
 * wait was a spent quota is WAITING_FOR_QUOTA (see job-progress.ts).
 */
import type { Job, JobState as BullJobState } from 'bullmq';
import { publicJobId } from './job-ids.js';
import { readProgress } from './job-progress.js';

export type JobState = 'QUEUED' | 'RUNNING' | 'WAITING_FOR_QUOTA' | 'COMPLETED' | 'FAILED';

/** What every job stores: whose it is, and what to do. */
export interface JobData<Input> {
  /** The user who first asked for it. */
  ownerId: string;
  input: Input;
}

export interface JobView<Input = unknown, Result = unknown> {
  /** The public id: `<queue>:<bullmq id>`. */
  id: string;
  queue: string;
  /** BullMQ's job name: what the job does (`mapping`, later `import`, `sync`…). */
  kind: string;
  state: JobState;
  /** 0-100. */
  progress: number;
  /** Only once COMPLETED. */
  result: Result | null;
  /** The last attempt's public error message, while the job is FAILED or waiting to retry. */
  error: string | null;
  ownerId: string;
  /** Everyone who asked for this work (the owner first among them); they may all follow it. */
  requesterIds: string[];
  input: Input;
  /** While WAITING_FOR_QUOTA: when the budget comes back. */
  waitingUntil: Date | null;
  attemptsMade: number;
  createdAt: Date;
  updatedAt: Date;
}

export function jobState(state: BullJobState | 'unknown', quotaWait: boolean): JobState | null {
  switch (state) {
    case 'active':
      return 'RUNNING';
    case 'completed':
      return 'COMPLETED';
    case 'failed':
      return 'FAILED';
    case 'delayed':
      return quotaWait ? 'WAITING_FOR_QUOTA' : 'QUEUED';
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'QUEUED';
    default:
      return null; // removed between reads
  }
}

/** The view of a job in a known BullMQ state; null when the job is gone. */
export function toJobView<Input, Result>(
  job: Job<JobData<Input>, Result>,
  bullState: BullJobState | 'unknown',
  requesterIds: readonly string[],
): JobView<Input, Result> | null {
  const progress = readProgress(job.progress);
  const state = jobState(bullState, Boolean(progress?.quotaWait));
  if (!state || !job.id) return null;
  const ownerId = job.data.ownerId;
  const updatedAt = Math.max(job.timestamp, job.processedOn ?? 0, job.finishedOn ?? 0, progress?.at ?? 0);
  const retrying = state === 'QUEUED' && job.attemptsMade > 0;
  return {
    id: publicJobId(job.queueName, job.id),
    queue: job.queueName,
    kind: job.name,
    state,
    progress: state === 'COMPLETED' ? 100 : (progress?.percent ?? 0),
    result: state === 'COMPLETED' ? (job.returnvalue ?? null) : null,
    error: (state === 'FAILED' || retrying) && job.failedReason ? job.failedReason : null,
    ownerId,
    requesterIds: [ownerId, ...requesterIds.filter((id) => id !== ownerId)],
    input: job.data.input,
    waitingUntil: state === 'WAITING_FOR_QUOTA' && progress?.quotaWait ? new Date(progress.quotaWait.until) : null,
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp),
    updatedAt: new Date(updatedAt),
  };
}

/** Owners and other requesters follow their jobs; admins see every job. */
export function mayFollowJob(view: Pick<JobView, 'requesterIds'>, viewer: { userId?: string; admin: boolean }): boolean {
  if (viewer.admin) return true;
  return viewer.userId !== undefined && view.requesterIds.includes(viewer.userId);
}
