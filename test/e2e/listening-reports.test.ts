/**
 * Listening reports through the gateway: a device's report (streaming's `reportListening`) goes
 * through the queue `analytics-listening` and becomes exactly one listening event in analytics,
 * however often it is sent; a bad report is refused with nothing enqueued; and a report made while
 * analytics is stopped waits in the queue and arrives once analytics is back (a private stack
 * without analytics, then analytics started alone on the same environment).
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENING_EVENTS_QUEUE, listeningEventJobId } from '../../platform/events/listening.js';
import { jobKeyPrefix } from '../../platform/jobs/job-queue.js';
import { freePort } from '../../platform/runtime/network.js';
import { startStack, type Stack } from '../../platform/runtime/stack.js';
import { errorCodes, graphql, register, stack as sharedStack, type SignedIn } from '../harness/client.js';
import type { TestStack } from '../harness/global-setup.js';
import { startPrivateStack } from '../harness/private-stack.js';

const REPORT = `mutation ($input: ReportListeningInput!) { reportListening(input: $input) { eventId completionRate } }`;
const REGISTER_DEVICE = `mutation ($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }`;
const STATS = 'query { me { listeningStats { totalListens totalListeningMs } } }';

/** What a test reaches of a stack: its gateway, its analytics database and its listening queue. */
class Target {
  readonly redis: Redis;
  readonly queue: Queue;
  readonly db: pg.Client;
  private connected = false;

  constructor(readonly stack: TestStack) {
    this.redis = new Redis(stack.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    // A reader of the queue: no worker, no depth metrics; the same keys the stack's processes use.
    this.queue = new Queue(LISTENING_EVENTS_QUEUE, { connection: this.redis, prefix: jobKeyPrefix(stack.env.REDIS_KEY_PREFIX) });
    const url = new URL(stack.databaseUrl);
    url.pathname = `/${stack.env.DATABASE_NAME_PREFIX}analytics`;
    this.db = new pg.Client({ connectionString: url.toString() });
  }

  /** The analytics database exists once analytics has migrated it. */
  async connect() {
    await this.db.connect();
    this.connected = true;
  }

  gql(query: string, variables: Record<string, unknown>, user?: SignedIn) {
    return graphql(query, variables, { url: this.stack.gatewayUrl, token: user?.accessToken });
  }

  async device(user: SignedIn): Promise<string> {
    const response = await this.gql(REGISTER_DEVICE, { input: { name: 'Phone', kind: 'MOBILE' } }, user);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.registerDevice.id;
  }

  async report(user: SignedIn, input: Record<string, unknown>) {
    return this.gql(REPORT, { input }, user);
  }

  jobState(user: SignedIn, eventId: string) {
    return this.queue.getJobState(listeningEventJobId(user.user.id, eventId));
  }

  async events(eventId: string): Promise<Record<string, any>[]> {
    return (await this.db.query('SELECT * FROM listening_events WHERE event_id = $1', [eventId])).rows;
  }

  async close() {
    await this.queue.close();
    if (this.connected) await this.db.end();
    this.redis.disconnect();
  }
}

const report = (deviceId: string, overrides: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  deviceId,
  trackId: '4uLU6hMCjMI75M1A2tKUQC',
  playedMs: 150_000,
  trackDurationMs: 200_000,
  outcome: 'COMPLETED',
  source: 'PLAYLIST',
  sourceId: 'road-trip',
  startedAt: new Date(Date.now() - 240_000).toISOString(),
  ...overrides,
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const totalListens = async (target: Target, user: SignedIn) => (await target.gql(STATS, {}, user)).data?.me?.listeningStats?.totalListens as number | undefined;

describe('listening reports on the shared stack', () => {
  let target: Target;

  beforeAll(async () => {
    target = new Target(sharedStack());
    await target.connect();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('a report through the gateway becomes exactly one listening event', async () => {
    const user = await register();
    const input = report(await target.device(user), { eventId: randomUUID().toUpperCase() });
    const eventId = (input.eventId as string).toLowerCase();
    const response = await target.report(user, input);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data?.reportListening).toEqual({ eventId, completionRate: 0.75 });

    expect(await until(() => totalListens(target, user), (n) => n === 1)).toBe(1);
    expect(await target.jobState(user, eventId)).toBe('completed');
    const rows = await target.events(eventId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: user.user.id,
      track_id: input.trackId,
      played_ms: 150_000,
      played_at: new Date(input.startedAt as string),
      device_id: input.deviceId,
      outcome: 'COMPLETED',
      source: 'PLAYLIST',
      source_id: 'road-trip',
      track_duration_ms: 200_000,
      completion_rate: 0.75,
    });
  });

  it('a report sent again (at once, concurrently, after it was recorded) is counted once', async () => {
    const user = await register();
    const deviceId = await target.device(user);
    const input = report(deviceId, { outcome: 'SKIPPED', playedMs: 20_000, source: 'SEARCH', sourceId: null });
    const responses = await Promise.all([1, 2, 3].map(() => target.report(user, input)));
    for (const response of responses) expect(response.data?.reportListening.eventId, JSON.stringify(response.errors)).toBe(input.eventId);
    await until(() => target.jobState(user, input.eventId as string), (state) => state === 'completed');

    // After it was recorded, a retry (say, the response was lost) and then another play. Test devices
    // expire within seconds without a heartbeat, so these come from a device registered just now.
    const laterDevice = await target.device(user);
    expect((await target.report(user, { ...input, deviceId: laterDevice })).errors).toBeUndefined();
    const other = report(laterDevice);
    expect((await target.report(user, other)).errors).toBeUndefined();
    expect(await until(() => totalListens(target, user), (n) => n === 2)).toBe(2);
    expect(await target.events(input.eventId as string)).toHaveLength(1);
    const stats = (await target.gql(STATS, {}, user)).data?.me.listeningStats;
    expect(stats).toEqual({ totalListens: 2, totalListeningMs: 170_000 });
  });

  it('refuses bad reports, naming the field, with nothing enqueued or recorded', async () => {
    const user = await register();
    const stranger = await register();
    const deviceId = await target.device(user);
    const strangersDevice = await target.device(stranger);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ eventId: 'not-a-uuid' }, 'BAD_USER_INPUT', 'input.eventId'],
      [{ trackId: 'nope' }, 'BAD_USER_INPUT', 'input.trackId'],
      [{ playedMs: -1 }, 'BAD_USER_INPUT', 'input.playedMs'],
      [{ playedMs: 24 * 3600 * 1000 + 1 }, 'BAD_USER_INPUT', 'input.playedMs'],
      [{ trackDurationMs: 0 }, 'BAD_USER_INPUT', 'input.trackDurationMs'],
      [{ startedAt: new Date(Date.now() + 3600_000).toISOString(), playedMs: 0 }, 'BAD_USER_INPUT', 'input.startedAt'],
      [{ startedAt: new Date(Date.now() - 10_000).toISOString(), playedMs: 600_000 }, 'BAD_USER_INPUT', 'input.startedAt'],
      [{ source: 'ALBUM', sourceId: 'not an album' }, 'BAD_USER_INPUT', 'input.sourceId'],
      [{ sourceId: 's'.repeat(129) }, 'BAD_USER_INPUT', 'input.sourceId'],
      [{ deviceId: 'd'.repeat(65) }, 'BAD_USER_INPUT', 'input.deviceId'],
      // Someone else's device, and one that does not exist, look the same.
      [{ deviceId: strangersDevice }, 'NOT_FOUND'],
      [{ deviceId: randomUUID() }, 'NOT_FOUND'],
    ];
    for (const [override, code, field] of cases) {
      const input = report(deviceId, override);
      const response = await target.report(user, input);
      expect(errorCodes(response), `${JSON.stringify(override)}: ${JSON.stringify(response.errors)}`).toEqual([code]);
      if (field) expect(response.errors![0]!.extensions!.field).toBe(field);
      expect(await target.jobState(user, input.eventId as string)).toBe('unknown');
    }

    const anonymous = report(deviceId);
    expect(errorCodes(await target.gql(REPORT, { input: anonymous }))).toEqual(['UNAUTHENTICATED']);
    // An enum value the schema does not know is refused by the gateway's variable coercion.
    const paused = report(deviceId, { outcome: 'PAUSED' });
    expect(errorCodes(await target.report(user, paused))).toEqual(['BAD_USER_INPUT']);
    expect(await target.jobState(user, paused.eventId)).toBe('unknown');

    expect(await totalListens(target, user)).toBe(0);
    const [{ n }] = (await target.db.query('SELECT count(*)::int AS n FROM listening_events WHERE user_id = $1', [user.user.id])).rows;
    expect(n).toBe(0);
  });
});

describe('a listening report while analytics is stopped', () => {
  let target: Target;
  let stopStack: (() => Promise<void>) | undefined;
  let analytics: Stack | undefined;

  beforeAll(async () => {
    // Analytics gets its port now, so the gateway knows where it will be once it is started.
    const analyticsPort = String(await freePort());
    const started = await startPrivateStack('listening', {
      processes: ['users', 'streaming'],
      env: { ANALYTICS_PORT: analyticsPort },
      simulators: false,
    });
    stopStack = started.stop;
    target = new Target(started.stack);
  }, 180_000);

  afterAll(async () => {
    await analytics?.stop();
    await target?.close();
    await stopStack?.();
  });

  it('arrives after it restarts', { timeout: 120_000 }, async () => {
    const user = await register({ url: target.stack.gatewayUrl });
    const input = report(await target.device(user));
    const response = await target.report(user, input);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data?.reportListening.eventId).toBe(input.eventId);

    // Nobody takes the job: it waits, and analytics' fields cannot be answered meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await target.jobState(user, input.eventId)).toBe('waiting');
    expect((await target.gql(STATS, {}, user)).errors?.length).toBeGreaterThan(0);

    // Analytics alone, on the same environment (databases, Redis prefix, secrets, its port).
    analytics = await startStack({ env: target.stack.env, processes: ['analytics'], gateway: false, simulators: false, log: 'quiet' });
    await until(() => target.jobState(user, input.eventId), (state) => state === 'completed', 30_000);
    await target.connect();
    const rows = await target.events(input.eventId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: user.user.id, device_id: input.deviceId, outcome: 'COMPLETED', completion_rate: 0.75 });
    expect(await until(() => totalListens(target, user), (n) => n === 1)).toBe(1);
  });
});
