/**
 * Where the supervisor writes its children's output: one line at a time, prefixed with the process's
 * padded name, `users     | {...}`. On a terminal the name is coloured and pino JSON lines may be
 * pretty-printed (pino-pretty); in a file every line stays as the process wrote it.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { styleText } from 'node:util';
import { prettyFactory } from 'pino-pretty';

export type Stream = 'stdout' | 'stderr';

export interface LogSink {
  line(name: string, text: string, stream?: Stream): void;
  /** True when lines are on screen, so errors need not repeat a process's last output. */
  readonly onScreen: boolean;
  /** The file the lines go to, if any. */
  readonly path?: string;
  close(): Promise<void>;
}

type Colour = 'cyan' | 'magenta' | 'yellow' | 'green' | 'blue' | 'cyanBright' | 'magentaBright' | 'yellowBright' | 'greenBright' | 'blueBright';
const COLOURS: Colour[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'cyanBright', 'magentaBright', 'yellowBright', 'greenBright', 'blueBright'];

/** Pads names to a common width, widening it if a longer name turns up. */
class Prefixer {
  private width: number;
  constructor(names: readonly string[]) {
    this.width = Math.max(0, ...names.map((name) => name.length));
  }
  pad(name: string): string {
    this.width = Math.max(this.width, name.length);
    return name.padEnd(this.width);
  }
}

export interface TerminalSinkOptions {
  /** Names known up front, to align the prefixes from the first line. */
  names?: readonly string[];
  /** Pretty-print pino JSON lines. */
  pretty?: boolean;
  color?: boolean;
  out?: NodeJS.WritableStream;
}

export function terminalSink(options: TerminalSinkOptions = {}): LogSink {
  const out = options.out ?? process.stdout;
  const color = options.color ?? false;
  const prefixer = new Prefixer(options.names ?? []);
  const colours = new Map<string, Colour>();
  const pretty = options.pretty
    ? prettyFactory({ colorize: color, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true })
    : undefined;

  const prefix = (name: string, stream: Stream) => {
    let colour = colours.get(name);
    if (!colour) colours.set(name, (colour = COLOURS[colours.size % COLOURS.length]!));
    const text = `${prefixer.pad(name)} |`;
    if (!color) return text;
    return stream === 'stderr' ? styleText(['bold', colour], text) : styleText(colour, text);
  };

  return {
    onScreen: true,
    line(name, text, stream = 'stdout') {
      let body = text;
      if (pretty && text.startsWith('{')) {
        try {
          body = pretty(JSON.parse(text)).trimEnd();
        } catch {
          // Not JSON after all: print it as it is.
        }
      }
      const head = prefix(name, stream);
      out.write(body.split('\n').map((part) => `${head} ${part}\n`).join(''));
    },
    async close() {},
  };
}

export function fileSink(path: string, options: { names?: readonly string[] } = {}): LogSink {
  mkdirSync(dirname(path), { recursive: true });
  const file = createWriteStream(path, { flags: 'a' });
  const prefixer = new Prefixer(options.names ?? []);
  return {
    onScreen: false,
    path,
    line(name, text) {
      file.write(`${prefixer.pad(name)} | ${text}\n`);
    },
    close() {
      return new Promise((resolve) => file.end(resolve));
    },
  };
}
