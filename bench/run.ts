/**
 * `npm run bench -- NAME` runs `bench/NAME.ts`. Each benchmark starts what it needs, stops it after,
 * measures against a baseline in the same run, and prints one JSON object of its figures as its
 * last line. Without a name, lists the benchmarks there are.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3));

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  if (name) console.error(`no benchmark named ${name}`);
  console.log(`benchmarks: ${available.length ? available.join(', ') : '(none yet)'}`);
  process.exit(name ? 1 : 0);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', `${folder}${name}.ts`, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
