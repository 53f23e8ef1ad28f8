/**
 * Graceful shutdown with two gateway processes and two worker processes (issue 8): a private stack
 * (users, streaming, analytics with WORKERS=off, and its gateway A) plus, started here through the
 * image's entry point (platform/runtime/role.ts), a second gateway B and two `analytics-workers`
 * processes W1 and W2. The jobs are listening reports: each `reportListening` through a gateway is
 * one job of the queue `analytics-listening`, which a worker turns into one listening event.
 *
 * The test's load balancer does what a Kubernetes Service / cloud load balancer does: it polls each
 * gateway's /ready every 100 ms and sends each request, round-robin, to a gateway that last answered
 * 200. It never retries: a request that fails counts as failed. WebSocket clients get their URL from
 * it too (round-robin of their own, so the first two land on A and B) and reconnect through it.
 *
 * Under continuous load, B and W1 get SIGTERM. Then: no request failed; B served requests before and
 * A after; the subscription on B was closed with 1012 and its client, reconnected to A, receives
 * events again; every job completed exactly once (one `completed` event per job id in BullMQ's event
 * stream, no failed or stalled one, one row per event in the store, `created` once); W1 and W2 both
 * ran jobs and W2 ran those after the SIGTERM; the rollup and recommendation schedules exist once
 * though two processes upserted them; W2's own /metrics counts one completed attempt per job it ran;
 * B and W1 exited with code 0 (so within the shutdown bound).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LISTENING_EVENTS_QUEUE, listeningEventJobId } from '../../platform/events/listening.js';
import { jobKeyPrefix } from '../../platform/jobs/job-queue.js';
import { playbackTopic } from '../../platform/live/live-events.js';
import { REPO_ROOT, spawnNode, type Child } from '../../platform/runtime/child.js';
import { freePort, waitForHealth } from '../../platform/runtime/network.js';
import { ROLLUPS_QUEUE } from '../../subgraphs/analytics/listening-rollups/rollup-job.js';
import { RECOMMENDATIONS_QUEUE } from '../../subgraphs/analytics/recommendations/job.js';
import type { TestStack } from '../harness/global-setup.js';
import { startPrivateStack } from '../harness/private-stack.js';
import { parseExposition } from '../harness/prometheus-text.js';
import { graphql, register, type SignedIn } from '../harness/client.js';

const ROLE = join(REPO_ROOT, 'platform', 'runtime', 'role.ts');
const REPORT = 'mutation ($input: ReportListeningInput!) { reportListening(input: $input) { eventId } }';
const REGISTER_DEVICE = `mutation ($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }`;
const PLAYBACK_CHANGED = 'subscription { playbackStateChanged { isPlaying } }';
const GRACE_SECONDS = 15;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Backend {
  name: string;
  url: string;
  ready: boolean;
  served: number;
}

/** Routes to gateways whose /ready last answered 200, round-robin; never retries (see the header). */
class LoadBalancer {
  private next = 0;
  private nextSocket = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly backends: Backend[]) {
    this.timer = setInterval(() => void this.poll(), 100);
  }

  private async poll() {
    await Promise.all(
      this.backends.map(async (backend) => {
        try {
          const response = await fetch(backend.url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(1000) });
          backend.ready = response.status === 200;
          await response.body?.cancel();
        } catch {
          backend.ready = false;
        }
      }),
    );
  }

  private pick(counter: 'next' | 'nextSocket'): Backend {
    const ready = this.backends.filter((backend) => backend.ready);
    if (!ready.length) throw new Error('no gateway is ready');
    return ready[this[counter]++ % ready.length]!;
  }

  async graphql(query: string, variables: Record<string, unknown>, token: string) {
    const backend = this.pick('next');
    backend.served++;
    return { backend: backend.name, response: await graphql(query, variables, { url: backend.url, token }) };
  }

  socketUrl(): string {
    return this.pick('nextSocket').url.replace(/^http/, 'ws');
  }

  close() {
    clearInterval(this.timer);
  }
}

/** A graphql-ws client that connects and reconnects through the load balancer, recording where and how its sockets ended. */
function liveThrough(lb: LoadBalancer, token: string) {
  const connections: string[] = [];
  const closes: { url: string; code: number }[] = [];
  let current = '';
  const client: Client = createClient({
    url: () => lb.socketUrl(),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 50,
    retryWait: async () => void (await sleep(200)),
    shouldRetry: () => true,
    on: {
      connected: (socket) => {
        current = (socket as WebSocket).url;
        connections.push(current);
      },
      closed: (event) => void closes.push({ url: current, code: (event as { code: number }).code }),
    },
  });
  const payloads: { url: string }[] = [];
  client.subscribe({ query: PLAYBACK_CHANGED }, { next: () => void payloads.push({ url: current }), error: () => {}, complete: () => {} });
  return { client, connections, closes, payloads };
}

function spawnRole(name: string, role: string, env: Record<string, string>): Child {
  return spawnNode({ name, file: ROLE, args: [role], env });
}

async function healthy(child: Child, port: number) {
  await Promise.race([
    waitForHealth(`http://127.0.0.1:${port}/health`, 60_000),
    child.exited.then(() => Promise.reject(child.failure(`${child.describeExit()} before it was healthy`))),
  ]);
}

describe('two gateways and two worker processes under load', () => {
  let stack: TestStack;
  let stopStack: () => Promise<void>;
  const children: Child[] = [];
  let redis: Redis;
  let db: pg.Client;

  beforeAll(async () => {
    ({ stack, stop: stopStack } = await startPrivateStack('shutdown', {
      processes: ['users', 'streaming', 'analytics'],
      simulators: false,
      env: {
        WORKERS: 'off', // analytics runs no workers: W1 and W2 do
        STREAMING_DEVICE_TTL_SECONDS: '600',
        SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
        // Longer than the load balancer's 100 ms between polls of /ready.
        SHUTDOWN_DRAIN_SECONDS: '1',
      },
    }));
    redis = new Redis(stack.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const url = new URL(stack.databaseUrl);
    url.pathname = `/${stack.env.DATABASE_NAME_PREFIX}analytics`;
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop(5000)));
    await db?.end();
    redis?.disconnect();
    await stopStack?.();
  });

  it('spreads requests, subscriptions and jobs, and loses none when one of each is stopped', { timeout: 90_000 }, async () => {
    const [portB, portW1, portW2] = await Promise.all([freePort(), freePort(), freePort()]);
    const gatewayB = spawnRole('gateway-b', 'gateway', { ...stack.env, GATEWAY_PORT: String(portB) });
    const w1 = spawnRole('analytics-workers-1', 'analytics-workers', { ...stack.env, WORKERS_PORT: String(portW1) });
    const w2 = spawnRole('analytics-workers-2', 'analytics-workers', { ...stack.env, WORKERS_PORT: String(portW2) });
    children.push(gatewayB, w1, w2);
    await Promise.all([healthy(gatewayB, portB), healthy(w1, portW1), healthy(w2, portW2)]);
    const workerOf = new Map([[`${w1.pid}`, 'W1'], [`${w2.pid}`, 'W2']]);

    const prefix = jobKeyPrefix(stack.env.REDIS_KEY_PREFIX);
    const queue = new Queue(LISTENING_EVENTS_QUEUE, { connection: redis, prefix });
    // From the stream's start (this stack's prefix is fresh), so no event is missed.
    const events = new QueueEvents(LISTENING_EVENTS_QUEUE, { connection: redis.duplicate(), prefix, lastEventId: '0-0' });
    const completed = new Map<string, unknown[]>();
    const failedOrStalled: string[] = [];
    events.on('completed', ({ jobId, returnvalue }) => completed.set(jobId, [...(completed.get(jobId) ?? []), returnvalue]));
    events.on('failed', ({ jobId }) => failedOrStalled.push(`failed ${jobId}`));
    events.on('stalled', ({ jobId }) => failedOrStalled.push(`stalled ${jobId}`));
    await events.waitUntilReady();

    const lb = new LoadBalancer([
      { name: 'A', url: stack.gatewayUrl, ready: false, served: 0 },
      { name: 'B', url: `http://127.0.0.1:${portB}/graphql`, ready: false, served: 0 },
    ]);
    const live: ReturnType<typeof liveThrough>[] = [];
    let publishing: NodeJS.Timeout | undefined;
    try {
      await until('both gateways ready at the load balancer', () => lb.backends.every((backend) => backend.ready));
      const urlA = lb.backends[0]!.url.replace(/^http/, 'ws');
      const urlB = lb.backends[1]!.url.replace(/^http/, 'ws');

      // Two listeners with a device each; a subscription of each on a gateway of its own.
      const users: { user: SignedIn; deviceId: string }[] = [];
      for (const url of [lb.backends[0]!.url, lb.backends[1]!.url]) {
        const user = await register({ url });
        const device = await graphql(REGISTER_DEVICE, { input: { name: 'Phone', kind: 'MOBILE' } }, { url, token: user.accessToken });
        expect(device.errors, JSON.stringify(device.errors)).toBeUndefined();
        users.push({ user, deviceId: device.data!.registerDevice.id });
      }
      for (const { user } of users) live.push(liveThrough(lb, user.accessToken));
      // Each user's playback topic, as streaming publishes it on a change, every 200 ms.
      publishing = setInterval(() => {
        for (const { user } of users) {
          void redis.publish(`${stack.env.REDIS_KEY_PREFIX}live:${playbackTopic(user.user.id)}`, JSON.stringify({ topic: playbackTopic(user.user.id), at: Date.now() }));
        }
      }, 200);
      await until('a payload on each subscription', () => live.every((l) => l.payloads.length > 0));
      expect(live.map((l) => l.connections[0])).toEqual([urlA, urlB]);

      // The load: four clients sending listening reports through the load balancer, without pause.
      const failures: string[] = [];
      const reported: { jobId: string; eventId: string; backend: string; at: number }[] = [];
      let running = true;
      const client = async (index: number) => {
        const { user, deviceId } = users[index % users.length]!;
        while (running) {
          const eventId = randomUUID();
          const input = {
            eventId, deviceId, trackId: '4uLU6hMCjMI75M1A2tKUQC', playedMs: 150_000, trackDurationMs: 200_000,
            outcome: 'COMPLETED', source: 'PLAYLIST', sourceId: 'road-trip', startedAt: new Date(Date.now() - 240_000).toISOString(),
          };
          try {
            const { backend, response } = await lb.graphql(REPORT, { input }, user.accessToken);
            if (response.status !== 200 || response.errors || response.data?.reportListening?.eventId !== eventId) {
              failures.push(`${backend}: ${response.status} ${JSON.stringify(response.errors)}`);
            } else reported.push({ jobId: listeningEventJobId(user.user.id, eventId), eventId, backend, at: Date.now() });
          } catch (error) {
            failures.push(String(error));
          }
        }
      };
      const load = Promise.all([0, 1, 2, 3].map(client));

      // Both gateways serve, both workers run jobs; then one of each is stopped mid-load.
      const ranBy = async (jobIds: string[]) => Promise.all(jobIds.map(async (id) => workerOf.get((await queue.getJob(id))?.processedBy?.split(':').pop() ?? '')));
      await until('both gateways and both workers busy', async () => {
        const byGateway = new Set(reported.map((r) => r.backend));
        const done = reported.filter((r) => completed.has(r.jobId)).slice(-40).map((r) => r.jobId);
        return byGateway.size === 2 && new Set(await ranBy(done)).size === 2;
      });
      const stoppedAt = Date.now();
      gatewayB.signal('SIGTERM');
      w1.signal('SIGTERM');
      const [exitB, exitW1, w1ExitedAt] = await Promise.all([gatewayB.exited, w1.exited, w1.exited.then(() => Date.now())]);
      await sleep(1500); // the load goes on through A and W2
      running = false;
      await load;
      clearInterval(publishing);
      publishing = undefined;

      expect(failures).toEqual([]);
      expect({ exitB, exitW1 }).toEqual({ exitB: { code: 0, signal: null }, exitW1: { code: 0, signal: null } });
      expect(reported.some((r) => r.backend === 'B')).toBe(true);
      expect(reported.some((r) => r.backend === 'A' && r.at > stoppedAt)).toBe(true);

      // The subscription on B was closed with 1012 Service Restart and came back on A, receiving events there.
      const movedFromB = live[1]!;
      expect(movedFromB.closes[0]).toEqual({ url: urlB, code: 1012 });
      expect(movedFromB.connections.slice(1)).toContain(urlA);
      expect(movedFromB.connections.slice(1)).not.toContain(urlB);
      const before = movedFromB.payloads.length;
      for (const { user } of users) await redis.publish(`${stack.env.REDIS_KEY_PREFIX}live:${playbackTopic(user.user.id)}`, JSON.stringify({ topic: playbackTopic(user.user.id), at: Date.now() }));
      await until('a payload after the reconnection', async () => {
        if (movedFromB.payloads.length > before) return true;
        await redis.publish(`${stack.env.REDIS_KEY_PREFIX}live:${playbackTopic(users[1]!.user.user.id)}`, JSON.stringify({ topic: playbackTopic(users[1]!.user.user.id), at: Date.now() }));
        return false;
      });
      expect(movedFromB.payloads.at(-1)).toEqual({ url: urlA });
      expect(live[0]!.closes).toEqual([]); // A's subscriber was never disturbed

      // Every job completed exactly once: one completed event each, created once, one stored event each.
      await until('every job completed', () => reported.every((r) => completed.has(r.jobId)));
      await sleep(300); // a second completion, if there were one, would be in the stream by now
      const completions = reported.map((r) => completed.get(r.jobId)!);
      expect(completions.filter((c) => c.length !== 1)).toEqual([]);
      const created = completions.map(([value]) => (typeof value === 'string' ? JSON.parse(value) : value) as { created: boolean });
      expect(created.filter((c) => !c.created)).toEqual([]);
      expect(failedOrStalled).toEqual([]);
      expect([...completed.keys()].sort()).toEqual(reported.map((r) => r.jobId).sort());
      const rows = await db.query('SELECT event_id::text AS id, count(*)::int AS n FROM listening_events GROUP BY event_id');
      expect(rows.rows.filter((row: { n: number }) => row.n !== 1)).toEqual([]);
      expect(rows.rows.map((row: { id: string }) => row.id).sort()).toEqual(reported.map((r) => r.eventId).sort());

      // Both workers ran jobs; once W1 was gone, W2 took every new one.
      const jobs = await Promise.all(reported.map(async (r) => queue.getJob(r.jobId)));
      const by = jobs.map((job) => workerOf.get(job?.processedBy?.split(':').pop() ?? ''));
      expect(by.filter((w) => w === undefined)).toEqual([]);
      expect(new Set(by)).toEqual(new Set(['W1', 'W2']));
      const startedAfterExit = jobs.filter((job) => (job?.processedOn ?? 0) > w1ExitedAt);
      expect(startedAfterExit.length).toBeGreaterThan(0);
      expect(new Set(startedAfterExit.map((job) => workerOf.get(job!.processedBy!.split(':').pop()!)))).toEqual(new Set(['W2']));

      // The surviving worker process's own /metrics: one completed attempt per job it ran, under its role.
      const w2Metrics = parseExposition(await (await fetch(`http://127.0.0.1:${portW2}/metrics`)).text());
      const ranByW2 = by.filter((w) => w === 'W2').length;
      expect(w2Metrics.sum('job_duration_seconds_count', { queue: LISTENING_EVENTS_QUEUE, outcome: 'completed', service: 'analytics-workers' })).toBe(ranByW2);
      expect(w2Metrics.find('nodejs_eventloop_lag_seconds', { service: 'analytics-workers' })[0]?.value).toBeGreaterThanOrEqual(0);

      // Two processes upserted each schedule; there is one of each.
      for (const name of [ROLLUPS_QUEUE, RECOMMENDATIONS_QUEUE]) {
        const scheduled = new Queue(name, { connection: redis, prefix });
        expect(await scheduled.getJobSchedulersCount(), name).toBe(1);
        await scheduled.close();
      }
    } finally {
      if (publishing) clearInterval(publishing);
      lb.close();
      await Promise.all(live.map((l) => l.client.dispose()));
      await events.close();
      await queue.close();
    }
  });
});
