/**
 * `npm start`: the whole supergraph on this machine (stack.ts does the work).
 * Ctrl-C or SIGTERM stops it cleanly (exit 0); a second Ctrl-C kills what is left at once.
 *
 *   npm start                  stores found or embedded, see stores.ts
 *   npm start -- --embedded    embedded PGlite, private redis-server, embedded MongoDB even if servers answer locally
 */
import { parseArgs } from 'node:util';
import { config } from '../config.js';
import { startStack, type Stack } from './stack.js';

const usage = 'usage: npm start [-- --embedded]';
let flags: { embedded?: boolean; help?: boolean };
try {
  flags = parseArgs({ options: { embedded: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(64); // EX_USAGE
}
if (flags.help) {
  console.log(usage);
  process.exit(0);
}
config(); // a bad variable exits here (78), named

const abort = new AbortController();
let stack: Stack | undefined;
let signals = 0;
const onSignal = () => {
  if (++signals > 1) {
    console.error('stopping now');
    process.exit(130); // the supervisor's exit hook SIGKILLs whatever is still running
  }
  if (stack) void stack.stop();
  else abort.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal); // the terminal went away: the children, in their own groups, did not get it

try {
  stack = await startStack({ log: 'prefixed', probeDefaults: !flags.embedded, signal: abort.signal });
} catch (error) {
  if (abort.signal.aborted) process.exit(0);
  console.error(`\nnpm start failed: ${(error as Error).message}`);
  process.exit(1);
}

console.log(`\nSupergraph ready at http://localhost:${new URL(stack.gatewayUrl).port}/graphql\n`);
const exit = await stack.exited;
if (exit.reason === 'crashed') console.error(`\nnpm start stopped: ${exit.error.message}`);
process.exit(exit.reason === 'stopped' ? 0 : 1);
