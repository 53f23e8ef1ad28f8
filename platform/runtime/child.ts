/**
 * One child process of `npm start`: spawned in its own process group, its output split into lines
 * (the last ones kept for error messages), stopped with SIGTERM and, after a grace period, SIGKILL.
 *
 * Why its own process group: a terminal's Ctrl-C then reaches only the supervisor, which stops the
 * children in order (gateway, subgraphs, then the stores they are still draining into) instead of
 * every process at once. Node children also get an IPC channel and the `child-guard.ts` preload, so
 * they shut down when the supervisor dies, even by SIGKILL, instead of lingering on their ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root: where `subgraphs/`, `gateway/` and `.data/` live. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Absolute, so a child resolves tsx whatever its working directory.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const GUARD = new URL('./child-guard.ts', import.meta.url).href;
// Loaded before the entry so that its instrumentations see every module; a no-op unless OTLP is configured.
const TRACING = new URL('../observability/tracing.ts', import.meta.url).href;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildSpec {
  /** Shown in log prefixes and errors. */
  name: string;
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Opens an IPC channel (Node children only): store processes report their port over it. */
  ipc?: boolean;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

const TAIL_LINES = 60;

export class Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Resolves once the process has exited and its output is read; never rejects. */
  readonly exited: Promise<ChildExit>;
  /** Set by stop(): an exit from here on is expected. */
  stopping = false;
  exit: ChildExit | undefined;
  /** stop() had to SIGKILL it. */
  killed = false;
  private readonly lines: string[] = [];
  private stopped: Promise<ChildExit> | undefined;

  constructor(spec: ChildSpec) {
    this.name = spec.name;
    this.process = spawn(spec.command, spec.args ?? [], {
      cwd: spec.cwd ?? REPO_ROOT,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', ...(spec.ipc ? (['ipc'] as const) : [])],
      detached: true,
    });
    const streams = (['stdout', 'stderr'] as const).map(async (stream) => {
      const input = this.process[stream];
      if (!input) return;
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        this.lines.push(line);
        if (this.lines.length > TAIL_LINES) this.lines.shift();
        spec.onLine?.(line, stream);
      }
    });
    this.exited = new Promise<ChildExit>((resolve) => {
      const done = (exit: ChildExit) => {
        this.exit ??= exit;
        // The output may still be in flight; wait for it briefly (a grandchild can hold the pipe open).
        const drained = Promise.allSettled(streams);
        void Promise.race([drained, delay(500)]).then(() => resolve(this.exit!));
      };
      this.process.once('exit', (code, signal) => done({ code, signal }));
      this.process.once('error', (error) => {
        // Spawning failed (e.g. ENOENT); there will be no 'exit'.
        if (this.process.pid !== undefined) return;
        this.lines.push(`${spec.command}: ${error.message}`);
        done({ code: null, signal: null });
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The last lines the process printed, for error messages. */
  tail(count = 30): string {
    return this.lines.slice(-count).join('\n');
  }

  describeExit(exit: ChildExit | undefined = this.exit): string {
    if (!exit) return 'is running';
    if (exit.signal) return `was killed by ${exit.signal}`;
    if (exit.code === null) return 'could not be started';
    return `exited with code ${exit.code}`;
  }

  /** An error naming the process, how it ended, and (unless told otherwise) its last output. */
  failure(what: string, withTail = true): Error {
    const tail = withTail ? this.tail() : '';
    return new Error(`${this.name} ${what}` + (tail ? `\n--- last output of ${this.name} ---\n${tail}` : ''));
  }

  /** Waits for the first IPC message that `accept` takes; rejects if the process ends or time runs out. */
  message<T>(accept: (message: unknown) => message is T, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        this.process.off('message', onMessage);
        outcome();
      };
      const onMessage = (message: unknown) => {
        if (accept(message)) settle(() => resolve(message));
      };
      const timer = setTimeout(() => settle(() => reject(this.failure(`was not ready after ${timeoutMs / 1000} s`))), timeoutMs);
      this.process.on('message', onMessage);
      void this.exited.then((exit) => settle(() => reject(this.failure(`${this.describeExit(exit)} before it was ready`))));
    });
  }

  /** SIGTERM to the process group, SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs = 10_000): Promise<ChildExit> {
    this.stopping = true;
    this.stopped ??= (async () => {
      if (this.exit) return this.exit;
      this.signal('SIGTERM');
      const timer = setTimeout(() => {
        this.killed = true;
        this.signal('SIGKILL');
      }, graceMs);
      const exit = await this.exited;
      clearTimeout(timer);
      return exit;
    })();
    return this.stopped;
  }

  /** Signals the whole process group (the child and anything it spawned). Synchronous: safe in an 'exit' handler. */
  signal(signal: NodeJS.Signals): void {
    if (this.process.pid === undefined) return;
    try {
      process.kill(-this.process.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

export function spawnChild(spec: ChildSpec): Child {
  return new Child(spec);
}

/** A TypeScript (or JS) entry run by this Node with tsx loaded, without a tsx wrapper process. */
export function spawnNode(spec: Omit<ChildSpec, 'command' | 'args'> & { file: string; args?: string[] }): Child {
  return new Child({
    ...spec,
    ipc: true, // the guard needs it
    command: process.execPath,
    args: ['--import', TSX_LOADER, '--import', GUARD, '--import', TRACING, spec.file, ...(spec.args ?? [])],
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export interface StoreReady {
  type: 'ready';
  port: number;
  url?: string;
}

const isStoreReady = (message: unknown): message is StoreReady =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';

/** Parent side of a store process (see serveStoreProcess): spawns it and waits for its port. */
export async function forkStoreProcess(
  spec: Omit<ChildSpec, 'command' | 'args'> & { file: string; args?: string[] },
  readyTimeoutMs = 60_000,
): Promise<{ child: Child; ready: StoreReady }> {
  const child = spawnNode(spec);
  try {
    return { child, ready: await child.message(isStoreReady, readyTimeoutMs) };
  } catch (error) {
    await child.stop(2000);
    throw error;
  }
}

/**
 * Child side of a store process: starts the store, reports its port to the parent, and closes it on
 * SIGTERM/SIGINT (the guard turns a vanished parent into SIGTERM).
 */
export async function serveStoreProcess(start: () => Promise<{ port: number; url?: string; close(): Promise<void> }>): Promise<void> {
  let store: Awaited<ReturnType<typeof start>>;
  try {
    store = await start();
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    store.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
  process.send?.({ type: 'ready', port: store.port, url: store.url } satisfies StoreReady);
}
