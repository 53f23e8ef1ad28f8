/**
 * The supervisor behind `npm start`: runs children with prefixed, line-buffered output, runs one-shot
 * steps (migrations), and treats any child that exits on its own as fatal: it says which one and how,
 * stops all the others and reports the crash, so there is never a silently half-running system.
 *
 * Stopping goes by group in reverse start order (gateway, then subgraphs, then the stores they drain
 * into), in parallel within a group, each child SIGTERM then SIGKILL after the grace period.
 *
 * Hand-written rather than concurrently/pm2/foreman: those cannot wait for a `/health` before starting
 * the next group, run migrations first, hand the ports of embedded stores to the children, or stop in
 * order. The parts a library does well come from one: readline splits lines, pino-pretty formats them.
 */
import type { Logger } from 'pino';
import { spawnNode, type Child } from './child.js';
import type { LogSink } from './log-sink.js';

export interface ProcessSpec {
  name: string;
  /** A TypeScript or JavaScript entry, run with tsx loaded. */
  file: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface SupervisorOptions {
  sink: LogSink;
  /** The supervisor's own messages (which child died, how). */
  log?: Logger;
  /** How long a child may take to stop after SIGTERM. */
  graceMs?: number;
}

export class Supervisor {
  /** Resolves with an error naming the first child that exited unexpectedly; the rest are being stopped by then. */
  readonly crashed: Promise<Error>;
  private reportCrash!: (error: Error) => void;
  private readonly groups = new Map<string, Set<Child>>();
  private readonly oneShots = new Set<Child>();
  private stoppingAll: Promise<void> | undefined;
  // If the supervisor exits without stopping (an uncaught error, a second Ctrl-C), take the children along.
  private readonly killOnExit = () => this.killAll();

  constructor(private readonly options: SupervisorOptions) {
    this.crashed = new Promise((resolve) => (this.reportCrash = resolve));
    process.on('exit', this.killOnExit);
  }

  get stopping(): boolean {
    return this.stoppingAll !== undefined;
  }

  /** Starts a long-running child in `group`. */
  start(spec: ProcessSpec, group: string): Child {
    const child = this.spawn(spec);
    this.add(child, group);
    return child;
  }

  /** Supervises a child started elsewhere (an embedded store): it is watched and stopped with its group. */
  add(child: Child, group: string): void {
    if (this.stopping) {
      void child.stop(this.options.graceMs); // arrived too late: everything is going down
      return;
    }
    let members = this.groups.get(group);
    if (!members) this.groups.set(group, (members = new Set()));
    members.add(child);
    void child.exited.then((exit) => {
      if (child.stopping || this.stopping) return;
      const error = child.failure(`${child.describeExit(exit)} unexpectedly`, !this.options.sink.onScreen);
      this.options.log?.error({ process: child.name, ...exit }, `${child.name} ${child.describeExit(exit)} unexpectedly; stopping everything`);
      this.reportCrash(error);
      void this.stopAll();
    });
  }

  /** Runs a child to completion (e.g. `--migrate`); rejects with its output when it fails. */
  async run(spec: ProcessSpec): Promise<void> {
    const child = this.spawn(spec);
    this.oneShots.add(child);
    const exit = await child.exited;
    this.oneShots.delete(child);
    if (exit.code === 0) return;
    const what = this.stopping ? 'was stopped' : [...(spec.args ?? []), child.describeExit(exit)].join(' ');
    throw child.failure(what, !this.options.sink.onScreen);
  }

  /** Stops every child, newest group first. Idempotent. */
  stopAll(): Promise<void> {
    this.stoppingAll ??= (async () => {
      const grace = this.options.graceMs ?? 10_000;
      await Promise.all([...this.oneShots].map((child) => child.stop(grace)));
      for (const members of [...this.groups.values()].reverse()) {
        await Promise.all([...members].map((child) => this.stopOne(child, grace)));
      }
      process.off('exit', this.killOnExit);
    })();
    return this.stoppingAll;
  }

  private async stopOne(child: Child, grace: number): Promise<void> {
    await child.stop(grace);
    if (child.killed) this.options.log?.warn({ process: child.name }, `${child.name} did not stop within ${grace / 1000} s of SIGTERM; killed`);
  }

  /** SIGKILL to every child still alive, synchronously. */
  killAll(): void {
    for (const child of [...this.oneShots, ...[...this.groups.values()].flatMap((members) => [...members])]) {
      if (!child.exit) child.signal('SIGKILL');
    }
  }

  private spawn(spec: ProcessSpec): Child {
    return spawnNode({
      name: spec.name,
      file: spec.file,
      args: spec.args,
      env: spec.env,
      cwd: spec.cwd,
      onLine: (line, stream) => this.options.sink.line(spec.name, line, stream),
    });
  }
}
