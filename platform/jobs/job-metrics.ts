/**
 * Queue depth on `/metrics` (DESIGN.md asks for it): jobs per queue and BullMQ state, read from
 * Redis when Prometheus scrapes, so the numbers are the queue's, whichever replica answers; and
 * attempts finished per queue and outcome, counted by this process's workers.
 */
import type { Queue } from 'bullmq';
import { Counter, Gauge } from 'prom-client';
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

/** Reports the queue's depth until `unwatch`. */
export function watchQueueDepth(queue: Queue): () => void {
  watched.add(queue);
  return () => void watched.delete(queue);
}
