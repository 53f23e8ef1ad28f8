/**
 * The whole supergraph on one machine, for `npm start` (start.ts) and the test harness:
 * validate config → find or start the stores → migrate (each store's subgraphs, in parallel) →
 * start the subgraphs and wait for their /health → start the gateway and wait for its /health.
 * Any child that exits on its own stops the whole stack (see supervisor.ts).
 *
 * A `<NAME>_PORT=0` picks a free port for that process, so several stacks can run side by side.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { parseConfig, type Config } from '../config.js';
import { MONGO_SUBGRAPHS, POSTGRES_SUBGRAPHS, SUBGRAPHS, type PostgresSubgraph, type SubgraphName } from '../services.js';
import { REPO_ROOT } from './child.js';
import { fileSink, terminalSink, type LogSink } from './log-sink.js';
import { freePort, waitForHealth } from './network.js';
import { developmentEncryptionKey } from './development-secrets.js';
import { simulatedProviders } from './simulated-providers.js';
import { resolveStores } from './stores.js';
import { Supervisor } from './supervisor.js';

export interface StackOptions {
  /** Overrides on top of process.env, for the stack and every child. */
  env?: Record<string, string>;
  /**
   * 'prefixed': children's lines on stdout, prefixed with their names (pretty on a terminal unless LOG_FORMAT=json).
   * 'quiet': into `.data/logs/stack-<time>.log`; errors carry the failing process's last lines.
   * 'file:<path>': like quiet, into that file.
   */
  log?: 'prefixed' | 'quiet' | `file:${string}`;
  /** Subgraphs to run (with the stores they need); default all. */
  processes?: SubgraphName[] | 'all';
  /** Start the gateway too; default true. */
  gateway?: boolean;
  /** false: use embedded/private stores even if servers answer at the default local addresses. Default true. */
  probeDefaults?: boolean;
  /** Root of embedded store data; default `.data`. */
  dataDir?: string;
  /** Where `subgraphs/<name>/main.ts` and `gateway/main.ts` are; default the repository. */
  root?: string;
  /** Run the provider simulators for the APIs without credentials; default true. */
  simulators?: boolean;
  /** How long each process may take to answer /health; default 60 s. */
  healthTimeoutMs?: number;
  /** Aborting stops whatever has started and rejects startStack. */
  signal?: AbortSignal;
}

export type StackExit = { reason: 'stopped' } | { reason: 'crashed'; error: Error };

export interface Stack {
  /** `http://127.0.0.1:<GATEWAY_PORT>/graphql` */
  gatewayUrl: string;
  /** The complete environment the children got (secrets included: it is for tests and tools). */
  env: Record<string, string>;
  /** The log file, unless logging to the terminal. */
  logFile?: string;
  /** Resolves when the stack is down: stopped, or because a process crashed. */
  exited: Promise<StackExit>;
  /** Stops every process, then the embedded stores. Idempotent. */
  stop(): Promise<void>;
}

/** Subgraphs with a `--migrate` step: those that own a database. */
const MIGRATED: readonly SubgraphName[] = [...POSTGRES_SUBGRAPHS, ...MONGO_SUBGRAPHS];
const STORE_PROCESSES = [...POSTGRES_SUBGRAPHS.map((name) => `${name}-db`), 'mongo', 'redis', 'simulators'];

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = definedOnly({ ...process.env, ...options.env });
  parseConfig(env); // a bad variable fails here, named, before anything starts
  const subgraphs = options.processes === undefined || options.processes === 'all' ? [...SUBGRAPHS] : [...new Set(options.processes)];
  const withGateway = options.gateway ?? true;
  const processNames = [...subgraphs, ...(withGateway ? (['gateway'] as const) : [])];
  await assignFreePorts(env, processNames);
  const config = parseConfig(env);

  const sink = createSink(options.log ?? 'prefixed', ['stack', ...STORE_PROCESSES, ...processNames], config, env);
  const log = stackLogger(sink, config);
  const supervisor = new Supervisor({ sink, log });
  const root = options.root ?? REPO_ROOT;
  const entry = (name: SubgraphName | 'gateway') => join(root, name === 'gateway' ? 'gateway' : join('subgraphs', name), 'main.ts');
  const health = (name: SubgraphName | 'gateway') => `http://${reachableHost(config.HOST)}:${port(config, name)}/health`;
  const healthTimeoutMs = options.healthTimeoutMs ?? 60_000;

  // Every step races the first crash and an abort, so startup never waits on a dead process.
  const aborted = new Promise<never>((_, reject) => {
    const abort = () => reject(Object.assign(new Error('startup aborted'), { name: 'AbortError' }));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
  });
  const crashed = supervisor.crashed.then((error) => Promise.reject(error));
  aborted.catch(() => {});
  crashed.catch(() => {});
  const step = <T>(promise: Promise<T>) => Promise.race([promise, crashed, aborted]);

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= supervisor.stopAll().then(() => sink.close()));
  const polling = new AbortController(); // ends the /health polls when startup fails
  let stores: ReturnType<typeof resolveStores> | undefined;
  const simulated = simulatedProviders(env);
  if (options.simulators === false) simulated.providers = [];
  else Object.assign(env, simulated.env);

  try {
    stores = resolveStores({
      env,
      needs: {
        postgres: subgraphs.filter((name): name is PostgresSubgraph => (POSTGRES_SUBGRAPHS as readonly string[]).includes(name)),
        mongo: subgraphs.some((name) => (MONGO_SUBGRAPHS as readonly string[]).includes(name)),
        redis: true, // the gateway's rate limits and every subgraph's queues and pub/sub
      },
      probeDefaults: options.probeDefaults,
      dataDir: options.dataDir,
      log,
      onLine: (name, line, stream) => sink.line(name, line, stream),
    });
    void stores.then((resolved) => resolved.children.forEach((child) => supervisor.add(child, 'stores')), () => {});
    // The simulators need no store: they generate their catalogue while the stores start.
    if (simulated.providers.length) {
      supervisor.start({ name: 'simulators', file: join(REPO_ROOT, 'providers', 'simulators', 'main.ts'), env }, 'stores');
    }
    Object.assign(env, (await step(stores)).env);

    if (!env.IDENTITY_TOKEN_SECRET) {
      // Not in production (config requires it there): a secret for this run, shared by every process.
      env.IDENTITY_TOKEN_SECRET = randomBytes(48).toString('base64url');
      log.info('IDENTITY_TOKEN_SECRET: generated for this run');
    }
    if (!env.PLAYBACK_TOKEN_SECRET) {
      // Playback tokens live minutes, so one per run is enough, like the identity secret.
      env.PLAYBACK_TOKEN_SECRET = randomBytes(48).toString('base64url');
      log.info('PLAYBACK_TOKEN_SECRET: generated for this run');
    }
    if (!env.TOKEN_ENCRYPTION_KEY) {
      // Linked-account tokens must stay readable across restarts, so this one is kept, not per run.
      env.TOKEN_ENCRYPTION_KEY = developmentEncryptionKey(options.dataDir ?? join(REPO_ROOT, '.data'));
      log.info('TOKEN_ENCRYPTION_KEY: using the development key in .data (set it in production)');
    }

    if (options.simulators !== false && simulated.providers.length < 4) log.info('external APIs with credentials configured use the real services');
    if (simulated.providers.length) {
      await step(Promise.all(Object.values(simulated.servers).map((server) => waitForHealth(`${server}/health`, healthTimeoutMs, polling.signal))));
      log.info(`no credentials for ${simulated.providers.join(', ')}: those APIs are simulated (providers/simulators, ${simulated.servers.spotify} …)`);
    }

    const migrated = subgraphs.filter((name) => MIGRATED.includes(name));
    log.info(`migrating ${migrated.join(', ') || 'nothing'}`);
    await step(Promise.all(migrated.map((name) => supervisor.run({ name, file: entry(name), args: ['--migrate'], env }))));

    log.info(`starting ${subgraphs.join(', ')}`);
    for (const name of subgraphs) supervisor.start({ name, file: entry(name), env }, 'subgraphs');
    await step(Promise.all(subgraphs.map((name) => waitForHealth(health(name), healthTimeoutMs, polling.signal))));

    if (withGateway) {
      supervisor.start({ name: 'gateway', file: entry('gateway'), env }, 'gateway');
      await step(waitForHealth(health('gateway'), healthTimeoutMs, polling.signal));
    }
  } catch (error) {
    polling.abort();
    await stores?.catch(() => {}); // stores still starting (an abort during PGlite's first start) are stopped too
    await stop();
    throw error;
  }

  const gatewayUrl = `http://${reachableHost(config.HOST)}:${config.GATEWAY_PORT}/graphql`;
  log.info({ gatewayUrl: withGateway ? gatewayUrl : undefined, processes: processNames }, 'every process is healthy');

  let settle!: (exit: StackExit) => void;
  const exited = new Promise<StackExit>((resolve) => (settle = resolve));
  void supervisor.crashed.then(async (error) => {
    await stop();
    settle({ reason: 'crashed', error }); // first settle wins: a stop() during the crash still reads as a crash
  });

  return {
    gatewayUrl,
    env,
    logFile: sink.path,
    exited,
    stop: async () => {
      await stop();
      settle({ reason: 'stopped' });
    },
  };
}

function createSink(mode: NonNullable<StackOptions['log']>, names: string[], config: Config, env: Record<string, string>): LogSink {
  if (mode === 'prefixed') {
    const tty = process.stdout.isTTY === true;
    const format = config.LOG_FORMAT ?? (tty ? 'pretty' : 'json');
    return terminalSink({ names, pretty: format === 'pretty', color: tty && !env.NO_COLOR });
  }
  const path = mode === 'quiet' ? join(REPO_ROOT, '.data', 'logs', `stack-${new Date().toISOString().replace(/[:.]/g, '-')}.log`) : mode.slice('file:'.length);
  return fileSink(path, { names });
}

/** The supervisor's own log: pino JSON into the sink, under the name `stack`. */
function stackLogger(sink: LogSink, config: Config): Logger {
  return pino(
    { level: config.LOG_LEVEL, base: { service: 'stack', pid: process.pid } },
    { write: (line: string) => sink.line('stack', line.trimEnd()) },
  );
}

async function assignFreePorts(env: Record<string, string>, names: readonly (SubgraphName | 'gateway')[]): Promise<void> {
  for (const name of names) {
    const variable = `${name.toUpperCase()}_PORT`;
    if (env[variable] === '0') env[variable] = String(await freePort());
  }
}

const port = (config: Config, name: SubgraphName | 'gateway'): number => config[`${name.toUpperCase() as Uppercase<SubgraphName | 'gateway'>}_PORT`];

/** Where to reach a process listening on `host`. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
