/**
 * Queue depth on `/metrics` (DESIGN.md asks for it): jobs per queue and BullMQ state, read from
 * Redis when Prometheus scrapes, so the numbers are the queue's, whichever replica answers; and
 * attempts finished per queue and outcome, their durations and the jobs failed for good, counted by
 * this process's workers.
 */
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram } from 'prom-client';
import { metrics } from '../metrics.js';

const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'] as const;
const watched = new Set<Queue>();

new Gauge({
  name: 'job_queue_jobs',
  help: 'Jobs per queue and BullMQ state',
  labelNames: ['queue', 'state'] as const,
  registers: [metrics],
  async collect() {
    this.reset();
    await Promise.all(
      [...watched].map(async (queue) => {
        const counts = await queue.getJobCounts(...STATES).catch(() => null); // Redis away: no sample rather than a failed scrape
        for (const state of STATES) if (counts) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  },
});

export const jobAttempts = new Counter({
  name: 'job_attempts_total',
  help: 'Job attempts finished, by queue and outcome (completed, failed, waiting_for_quota)',
  labelNames: ['queue', 'outcome'] as const,
  registers: [metrics],
});

/**
 * How long one attempt's processor ran, by queue, job name and outcome (completed, failed,
 * waiting_for_quota). In whatever process runs the worker: a subgraph with WORKERS=embedded, or
 * its `<subgraph>-workers` process.
 */
export const jobDuration = new Histogram({
  name: 'job_duration_seconds',
  help: 'Duration of one job attempt, by queue, job name and outcome',
  labelNames: ['queue', 'name', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [metrics],
});

export const jobFailures = new Counter({
  name: 'job_failures_total',
  help: 'Jobs that failed for good (no attempt left, or unrecoverable), by queue',
  labelNames: ['queue'] as const,
  registers: [metrics],
});

/** Reports the queue's depth until `unwatch`. */
export function watchQueueDepth(queue: Queue): () => void {
  watched.add(queue);
  return () => void watched.delete(queue);
}
