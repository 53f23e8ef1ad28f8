/** The listening queue's contract: its name, and job ids that make a retried report one job. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJobId, publicJobId } from '../jobs/job-ids.js';
import { LISTENING_EVENTS_QUEUE, listeningEventJobId } from './listening.js';

describe('listening event job ids', () => {
  const user = randomUUID();
  const event = randomUUID();

  it('are the same for the same user and event id, whatever its case', () => {
    expect(listeningEventJobId(user, event)).toBe(listeningEventJobId(user, event));
    expect(listeningEventJobId(user, event.toUpperCase())).toBe(listeningEventJobId(user, event));
  });

  it("differ for another event, and for another user's same event id", () => {
    expect(listeningEventJobId(user, randomUUID())).not.toBe(listeningEventJobId(user, event));
    expect(listeningEventJobId(randomUUID(), event)).not.toBe(listeningEventJobId(user, event));
  });

  it('are ours, on the queue analytics owns', () => {
    expect(LISTENING_EVENTS_QUEUE).toBe('analytics-listening');
    expect(listeningEventJobId(user, event)).toMatch(/^listen-[0-9a-f]{32}$/);
    expect(parseJobId(publicJobId(LISTENING_EVENTS_QUEUE, listeningEventJobId(user, event)))).toMatchObject({ subgraph: 'analytics' });
  });
});
