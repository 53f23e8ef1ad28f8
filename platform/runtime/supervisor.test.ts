/** The supervisor with tiny real child scripts: prefixed line output, stop-all on a crash, SIGKILL after the grace period, no orphans. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnNode } from './child.js';
import { fileSink, terminalSink } from './log-sink.js';
import { Supervisor } from './supervisor.js';

const dir = mkdtempSync(join(tmpdir(), 'supervisor-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = (name: string, source: string) => {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  return file;
};
const logFile = (name: string) => join(dir, `${name}.log`);
const alive = (pid: number | undefined) => {
  try {
    process.kill(pid!, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Supervisor', () => {
  it('prefixes each whole line with the padded process name', async () => {
    const path = logFile('prefix');
    const sink = fileSink(path, { names: ['chatty', 'longer-name'] });
    const supervisor = new Supervisor({ sink });
    const file = script(
      'chatty',
      `process.stdout.write('hel');
       setTimeout(() => { process.stdout.write('lo\\nsecond'); process.stdout.write(' line\\n'); console.error('on stderr'); }, 50);`,
    );
    await supervisor.run({ name: 'chatty', file });
    await sink.close();
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).sort()).toEqual(
      ['chatty      | hello', 'chatty      | on stderr', 'chatty      | second line'].sort(),
    );
  });

  it('pretty-prints pino JSON lines on a terminal, each output line prefixed', () => {
    const out = new PassThrough();
    const sink = terminalSink({ names: ['users'], pretty: true, color: false, out });
    sink.line('users', JSON.stringify({ level: 30, time: Date.now(), msg: 'listening', port: 4001 }));
    sink.line('users', 'not json');
    const text = String(out.read());
    expect(text).toMatch(/^users \| \[\d\d:\d\d:\d\d\.\d{3}\] INFO: listening \{"port":4001\}\nusers \| not json\n$/);
  });

  it('stops every other child when one exits unexpectedly, and says which one with its last output', async () => {
    const path = logFile('crash');
    const sink = fileSink(path);
    const supervisor = new Supervisor({ sink, graceMs: 5000 });
    const steady = supervisor.start({ name: 'steady', file: script('steady', 'setInterval(() => {}, 1000);') }, 'a');
    const polite = supervisor.start(
      {
        name: 'polite',
        file: script('polite', `setInterval(() => {}, 1000); process.on('SIGTERM', () => { console.log('stopping'); setTimeout(() => process.exit(0), 50); }); console.log('ready');`),
      },
      'b',
    );
    // On a loaded machine a child can take a while to boot: crash only once polite's handler is in place.
    while (!polite.tail().includes('ready')) await new Promise((resolve) => setTimeout(resolve, 20));
    supervisor.start({ name: 'crasher', file: script('crasher', `console.log('boom'); setTimeout(() => process.exit(3), 200);`) }, 'b');

    const error = await supervisor.crashed;
    expect(error.message).toContain('crasher exited with code 3 unexpectedly');
    expect(error.message).toContain('boom');
    await supervisor.stopAll();
    expect(steady.exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(polite.exit).toEqual({ code: 0, signal: null });
    await sink.close();
    expect(readFileSync(path, 'utf8')).toContain('polite  | stopping');
  });

  it('SIGKILLs a child that ignores SIGTERM after the grace period', async () => {
    const supervisor = new Supervisor({ sink: fileSink(logFile('stubborn')), graceMs: 300 });
    const stubborn = supervisor.start(
      { name: 'stubborn', file: script('stubborn', `process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('up');`) },
      'a',
    );
    while (!stubborn.tail().includes('up')) await new Promise((resolve) => setTimeout(resolve, 20)); // its handler is installed
    await supervisor.stopAll();
    expect(stubborn.exit?.signal).toBe('SIGKILL');
  });

  it('rejects a failed one-shot step with its output', async () => {
    const supervisor = new Supervisor({ sink: fileSink(logFile('migrate')) });
    const file = script('migrate', `console.error('relation "x" already exists'); process.exit(2);`);
    await expect(supervisor.run({ name: 'users', file, args: ['--migrate'] })).rejects.toThrow(/--migrate exited with code 2[\s\S]*relation "x" already exists/);
  });

  it('leaves no orphan when the supervisor itself is SIGKILLed', async () => {
    const orphan = script('orphan', `console.log('pid', process.pid); setInterval(() => {}, 1000);`);
    const parent = script(
      'parent',
      `import { spawnNode } from ${JSON.stringify(new URL('./child.ts', import.meta.url).href)};
       spawnNode({ name: 'orphan', file: ${JSON.stringify(orphan)}, onLine: (line) => { console.log(line); process.kill(process.pid, 'SIGKILL'); } });`,
    );
    let pid: number | undefined;
    const child = spawnNode({ name: 'parent', file: parent, onLine: (line) => (pid ??= Number(line.split(' ')[1])) });
    await child.exited;
    expect(child.exit?.signal).toBe('SIGKILL');
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 3000;
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(pid)).toBe(false);
  });
});
