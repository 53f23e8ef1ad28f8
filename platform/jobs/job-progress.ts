/**
 * What a job's BullMQ `progress` holds: the percentage, when it last changed, and, while the job sits
 * in the delayed set because a provider's budget is spent, until when. BullMQ cannot tell a job
 * delayed for quota from one delayed by retry backoff, so the marker is what makes the difference
 * (WAITING_FOR_QUOTA vs QUEUED); keeping it in `progress` rather than `data` means one write, and a
 * progress event already carries it to whoever follows the job.
 */
export interface JobProgressRecord {
  /** 0-100, never going back while the job lives (a resumed job re-counts what it already did). */
  percent: number;
  /** Epoch milliseconds of the last change. */
  at: number;
  quotaWait?: {
    /** Epoch milliseconds when the spent budget comes back. */
    until: number;
    provider: string;
    bucket: string;
  };
}

/** A job's progress as stored: ours, or BullMQ's initial number (0), or anything else read as 0. */
export function readProgress(progress: unknown): JobProgressRecord | null {
  if (typeof progress === 'number') return { percent: clampPercent(progress), at: 0 };
  if (!progress || typeof progress !== 'object') return null;
  const record = progress as Partial<JobProgressRecord>;
  if (typeof record.percent !== 'number') return null;
  const wait = record.quotaWait;
  return {
    percent: clampPercent(record.percent),
    at: typeof record.at === 'number' ? record.at : 0,
    ...(wait && typeof wait.until === 'number' ? { quotaWait: { until: wait.until, provider: String(wait.provider), bucket: String(wait.bucket) } } : {}),
  };
}

export function clampPercent(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.min(100, Math.floor(value))) : 0;
}

/** `done` of `total` as a percentage; an empty job is complete. */
export const percentOf = (done: number, total: number): number => (total > 0 ? clampPercent((done / total) * 100) : 100);
