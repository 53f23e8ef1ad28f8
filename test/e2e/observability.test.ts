/**
 * Observability of a whole stack of its own (private: debug logs, tracing on, its own simulators on
 * ports base+301…304): after a scripted session through the gateway (sign up, log in, refresh,
 * link a Spotify account with an OAuth code, search the catalogue, read tracks, an open
 * subscription, the analytics rollup jobs), every process's `/metrics` has the families the issue
 * names with sane values; no log line of any process holds a password, token or configured secret;
 * and one trace runs from the gateway through a subgraph to its store.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/runtime/child.js';
import { SUBGRAPHS } from '../../platform/services.js';
import { graphql, register } from '../harness/client.js';
import { startTestStack, type TestStack } from '../harness/global-setup.js';
import { liveClient, subscribe, type LiveClient } from '../harness/live.js';
import { isolatedStackEnv } from '../harness/private-stack.js';
import { checkHistogram, parseExposition, type Exposition } from '../harness/prometheus-text.js';
import { testPort, testStackEnv } from '../harness/test-env.js';

interface ReceivedSpan {
  service: string;
  scope: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/** An OTLP/HTTP receiver (JSON, the exporter's default encoding) keeping every span it is sent. */
function otlpReceiver(port: number) {
  const spans: ReceivedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as any;
        for (const resource of body.resourceSpans ?? []) {
          const service = resource.resource?.attributes?.find((a: any) => a.key === 'service.name')?.value?.stringValue ?? '?';
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ service, scope: scope.scope?.name ?? '', name: span.name, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return {
    spans,
    listen: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const eventually = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const PASSWORD = `Obs-${randomUUID()}-pw`;
const ME = 'query ObsMe { me { id email } }';
const ME_TIMES = 3;
const SEARCH = 'query ObsSearch($q: String!) { search(query: $q, types: [TRACK], first: 5) { tracks { nodes { id name } } } }';
const TRACKS = 'query ObsTracks($ids: [ID!]!) { tracks(ids: $ids) { id name album { name } } }';

const receiver = otlpReceiver(testPort(310));
const logFile = join(REPO_ROOT, '.data', 'logs', `observability-${process.pid}-${Date.now()}.log`);
let target: TestStack;
let stopStack: (() => Promise<void>) | undefined;
let user: Awaited<ReturnType<typeof register>>;
const secrets = new Set<string>();
let live: LiveClient | undefined;
let traceRequestId = '';

const gql = (query: string, variables: Record<string, unknown> = {}, options: { token?: string; headers?: Record<string, string> } = {}) =>
  graphql(query, variables, { ...options, url: target.gatewayUrl });

async function scrape(url: string): Promise<Exposition> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return parseExposition(await response.text());
}
const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/metrics');

beforeAll(async () => {
  await receiver.listen();
  const env = {
    ...isolatedStackEnv({ databasePrefix: `${testStackEnv().DATABASE_NAME_PREFIX}obs_`, redisPrefix: 'test:obs:', simulatorPortBase: testPort(300) }),
    LOG_LEVEL: 'debug',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${testPort(310)}`,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  const started = await startTestStack(env, { log: `file:${logFile}` });
  target = started.stack;
  stopStack = started.stop;
  for (const key of ['IDENTITY_TOKEN_SECRET', 'PLAYBACK_TOKEN_SECRET', 'TOKEN_ENCRYPTION_KEY', 'BOOTSTRAP_ADMIN_PASSWORD', 'SPOTIFY_CLIENT_SECRET', 'GOOGLE_CLIENT_SECRET', 'GENIUS_ACCESS_TOKEN', 'YOUTUBE_API_KEY']) {
    const value = target.env[key];
    if (value && value.length >= 8) secrets.add(value);
  }

  // The scripted session.
  user = await register({ password: PASSWORD, url: target.gatewayUrl });
  secrets.add(PASSWORD).add(user.accessToken).add(user.refreshToken);
  const again = await graphql(`mutation ObsLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`, {
    input: { email: user.email, password: PASSWORD, deviceName: 'Obs laptop' },
  }, { url: target.gatewayUrl });
  expect(again.errors).toBeUndefined();
  secrets.add(again.data!.login.accessToken).add(again.data!.login.refreshToken);
  const wrong = await gql('mutation ObsBadLogin($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { email: user.email, password: `${PASSWORD}-wrong`, deviceName: 'Obs laptop' },
  });
  expect(wrong.errors?.length).toBeGreaterThan(0);
  secrets.add(`${PASSWORD}-wrong`);
  const renewed = await graphql(`mutation ObsRefresh($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`, { token: again.data!.login.refreshToken }, { url: target.gatewayUrl });
  expect(renewed.errors).toBeUndefined();
  secrets.add(renewed.data!.refreshSession.accessToken).add(renewed.data!.refreshSession.refreshToken);

  // Linking Spotify: the authorize URL's state, the code the consent page hands back.
  const spotify = target.simulators.spotify;
  const simUser = `sim${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await fetch(`${spotify}/_simulator/spotify/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: simUser, displayName: 'Obs' }) });
  const started2 = await gql('mutation ObsLinkStart { startAccountLink(provider: SPOTIFY) { authorizeUrl state } }', {}, { token: user.accessToken });
  expect(started2.errors).toBeUndefined();
  const authorize = new URL(started2.data!.startAccountLink.authorizeUrl);
  authorize.searchParams.set('sim_user', simUser);
  const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);
  const code = back.searchParams.get('code')!;
  secrets.add(code).add(started2.data!.startAccountLink.state);
  const linked = await gql(
    'mutation ObsLinkFinish($code: String!, $state: String!) { finishAccountLink(provider: SPOTIFY, code: $code, state: $state) { status } }',
    { code, state: started2.data!.startAccountLink.state },
    { token: user.accessToken },
  );
  expect(linked.errors).toBeUndefined();

  for (let i = 0; i < ME_TIMES; i++) expect((await gql(ME, {}, { token: user.accessToken })).errors).toBeUndefined();
  const found = await gql(SEARCH, { q: 'love' });
  expect(found.errors).toBeUndefined();
  expect((await gql(SEARCH, { q: 'love' })).errors).toBeUndefined(); // the second is served from the cache
  const ids = (found.data!.search.tracks.nodes as { id: string }[]).map((t) => t.id);
  expect(ids.length).toBeGreaterThan(0);
  expect((await gql(TRACKS, { ids })).errors).toBeUndefined();

  live = liveClient({ url: target.gatewayUrl, token: user.accessToken });
  subscribe(live, 'subscription ObsPlayback { playbackStateChanged { isPlaying } }');
  await live.connected;

  traceRequestId = `obs-trace-${randomUUID()}`;
  expect((await gql(ME, {}, { token: user.accessToken, headers: { 'x-request-id': traceRequestId } })).errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await live?.dispose();
  await stopStack?.();
  await receiver.close();
});

describe('/metrics of every process after a session', () => {
  it('the gateway counts and times operations and subgraph fetches, and counts the open subscription', async () => {
    let m = await scrape(metricsUrl(target.gatewayUrl));
    // ME_TIMES + the traced one.
    expect(m.sum('graphql_requests_total', { operation: 'ObsMe', outcome: 'ok' })).toBe(ME_TIMES + 1);
    expect(checkHistogram(m, 'graphql_operation_duration_seconds', { operation: 'ObsMe', type: 'query' })).toBe(ME_TIMES + 1);
    expect(m.sum('graphql_errors_total', { operation: 'ObsBadLogin' })).toBeGreaterThanOrEqual(1);
    expect(m.sum('graphql_requests_total', { operation: 'ObsBadLogin', outcome: 'error' })).toBe(1);
    expect(m.sum('gateway_subgraph_requests_total', { subgraph: 'users', operation: 'ObsMe', outcome: 'ok' })).toBe(ME_TIMES + 1);
    expect(checkHistogram(m, 'gateway_subgraph_request_duration_seconds', { subgraph: 'users', operation: 'ObsMe' })).toBe(ME_TIMES + 1);
    expect(m.sum('gateway_subgraph_requests_total', { subgraph: 'catalog', operation: 'ObsSearch' })).toBe(2);
    await eventually(async () => (await scrape(metricsUrl(target.gatewayUrl))).sum('subscriptions_open') === 1, 'one open subscription');
    m = await scrape(metricsUrl(target.gatewayUrl));
    expect(m.sum('subscriptions_open', { field: 'playbackStateChanged' })).toBe(1);
  });

  it('every subgraph counts and times its operations, with Node default metrics labelled by service', async () => {
    for (const name of SUBGRAPHS) {
      // prom-client measures the lag after a scrape and shows it in the next one.
      await eventually(async () => (await scrape(metricsUrl(target.subgraphUrls[name]))).find('nodejs_eventloop_lag_seconds').length > 0, `${name} event-loop lag`);
      const m = await scrape(metricsUrl(target.subgraphUrls[name]));
      const lag = m.find('nodejs_eventloop_lag_seconds', { service: name });
      expect(lag, name).toHaveLength(1);
      expect(lag[0]!.value).toBeGreaterThanOrEqual(0);
      for (const family of ['graphql_requests_total', 'graphql_operation_duration_seconds', 'graphql_errors_total', 'process_resident_memory_bytes']) {
        expect(m.families.has(family), `${name}: ${family}`).toBe(true);
      }
    }
    const users = await scrape(metricsUrl(target.subgraphUrls.users));
    // The subgraph sees the gateway's fetch names (ObsMe__users__0) as the client's name.
    expect(users.sum('graphql_requests_total', { operation: 'ObsMe', outcome: 'ok' })).toBe(ME_TIMES + 1);
    expect(checkHistogram(users, 'graphql_operation_duration_seconds', { operation: 'ObsMe', type: 'query' })).toBe(ME_TIMES + 1);
    await eventually(async () => (await scrape(metricsUrl(target.gatewayUrl))).find('nodejs_eventloop_lag_seconds', { service: 'gateway' }).length === 1, 'gateway event-loop lag');
  });

  it('catalog and lyrics show provider calls, breaker state, cache lookups by level and the YouTube quota left', async () => {
    const catalog = await scrape(metricsUrl(target.subgraphUrls.catalog));
    expect(catalog.sum('provider_requests_total', { provider: 'spotify' })).toBeGreaterThanOrEqual(1);
    const spotifySeries = catalog.find('provider_request_duration_seconds_count', { provider: 'spotify' });
    expect(spotifySeries.length).toBeGreaterThan(0);
    for (const { labels } of spotifySeries) expect(checkHistogram(catalog, 'provider_request_duration_seconds', { provider: 'spotify', endpoint: labels.endpoint! })).toBeGreaterThanOrEqual(1);
    for (const family of ['provider_retries_total', 'provider_failures_total', 'provider_circuit_open']) expect(catalog.families.has(family), family).toBe(true);
    expect(catalog.find('provider_circuit_state', { provider: 'spotify' })[0]?.value).toBe(0);
    const levels = new Set(catalog.find('provider_cache_lookups_total').map((s) => s.labels.level));
    expect([...levels].sort()).toEqual(['l1', 'l2']);
    expect(catalog.sum('provider_cache_lookups_total', { result: 'fresh' })).toBeGreaterThanOrEqual(1); // the second search
    expect(catalog.sum('provider_cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    for (const name of ['catalog', 'lyrics'] as const) {
      const m = name === 'catalog' ? catalog : await scrape(metricsUrl(target.subgraphUrls[name]));
      for (const bucket of ['units', 'search']) {
        const left = m.find('provider_quota_remaining', { provider: 'youtube', bucket });
        expect(left, `${name} ${bucket}`).toHaveLength(1);
        expect(left[0]!.value).toBeGreaterThanOrEqual(0);
        expect(left[0]!.value).toBeLessThanOrEqual(bucket === 'units' ? 10_000 : 100);
      }
    }
  });

  it('the processes running workers show queue depth, job durations and failures', async () => {
    await eventually(
      async () => (await scrape(metricsUrl(target.subgraphUrls.analytics))).sum('job_duration_seconds_count', { outcome: 'completed' }) > 0,
      'a completed analytics job',
    );
    const analytics = await scrape(metricsUrl(target.subgraphUrls.analytics));
    const queues = new Set(analytics.find('job_duration_seconds_count', { outcome: 'completed' }).map((s) => s.labels.queue!));
    for (const queue of queues) {
      const names = new Set(analytics.find('job_duration_seconds_count', { queue, outcome: 'completed' }).map((s) => s.labels.name!));
      for (const name of names) expect(checkHistogram(analytics, 'job_duration_seconds', { queue, name, outcome: 'completed' })).toBeGreaterThan(0);
      expect(analytics.sum('job_attempts_total', { queue, outcome: 'completed' })).toBeGreaterThan(0);
    }
    expect(analytics.families.get('job_failures_total')).toBe('counter');
    expect(analytics.find('job_queue_jobs', { state: 'waiting' }).length).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  it('carry request ids, and no password, token, OAuth code or secret appears in any line (LOG_LEVEL=debug)', async () => {
    const text = readFileSync(logFile, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    expect(lines.some((line) => line.startsWith('gateway'))).toBe(true);
    const offending: string[] = [];
    for (const line of lines) {
      for (const secret of secrets) if (line.includes(secret)) offending.push(`${secret.slice(0, 6)}… in ${line.slice(0, 300)}`);
      // Access, refresh, identity and playback tokens are JWTs or opaque; no JWT belongs in a log.
      if (/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/.test(line)) offending.push(`JWT in ${line.slice(0, 300)}`);
    }
    expect(offending).toEqual([]);
    // The traced request's id, taken from x-request-id at the gateway, is on lines of the users subgraph.
    const traced = lines.filter((line) => line.includes(traceRequestId));
    expect(traced.some((line) => line.startsWith('users'))).toBe(true);
  });
});

describe('traces', () => {
  it('one trace runs from the gateway through a subgraph to its store', async () => {
    const chain = () => {
      const byTrace = new Map<string, ReceivedSpan[]>();
      for (const span of receiver.spans) byTrace.set(span.traceId, [...(byTrace.get(span.traceId) ?? []), span]);
      return [...byTrace.values()].find(
        (spans) =>
          spans.some((s) => s.service === 'gateway' && s.scope.includes('instrumentation-http')) &&
          spans.some((s) => s.service === 'users' && s.scope.includes('instrumentation-http')) &&
          spans.some((s) => s.service === 'users' && /instrumentation-(pg|ioredis)/.test(s.scope)),
      );
    };
    await eventually(() => chain() !== undefined, 'a gateway → users → store trace');
    const spans = chain()!;
    // The users server span's parent is a gateway span: the context crossed the process boundary.
    const gatewayIds = new Set(spans.filter((s) => s.service === 'gateway').map((s) => s.spanId));
    expect(spans.some((s) => s.service === 'users' && s.parentSpanId && gatewayIds.has(s.parentSpanId))).toBe(true);
  });
});
