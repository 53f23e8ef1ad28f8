/**
 * The second half of `npm run build` (after `tsc -p tsconfig.build.json`): copies the runtime
 * assets into dist/, then checks that dist/ runs on production dependencies alone: every process
 * entry exists, every relative import has its compiled file, every package imported is in
 * package.json `dependencies`, every asset is there. Fails the build with the list otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS } from '../services.js';
import { copyRuntimeAssets } from './assets.js';
import { distImports, hoistedProduction, notInDependencies } from './dist-imports.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/**
 * The compiled entry points of every process the image can run (relative to dist/): the role entry
 * (which imports a main module by a computed path, so every main is listed too), the simulators,
 * and the tracing preload the image's ENTRYPOINT passes to `node --import`.
 */
export function processEntries(root: string): string[] {
  const optional = ['platform/runtime/role', 'platform/observability/tracing'].filter((file) => existsSync(join(root, `${file}.ts`)));
  return [
    ...optional.map((file) => `${file}.js`),
    'gateway/main.js',
    ...SUBGRAPHS.map((name) => `subgraphs/${name}/main.js`),
    'providers/simulators/main.js',
  ];
}

const assets = copyRuntimeAssets(ROOT);
const entries = processEntries(ROOT);
const graph = distImports(join(ROOT, 'dist'), entries);
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const undeclared = notInDependencies(graph.packages, packageJson);
const hoisted = hoistedProduction(undeclared, JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')));
for (const name of hoisted) {
  console.warn(`build: warning: ${name} is imported but not in package.json dependencies; the image has it only as a hoisted dependency of one`);
}
const problems = [
  ...graph.missing.map((file) => `dist/${file}: imported (or an entry) but not compiled`),
  ...undeclared
    .filter((name) => !hoisted.includes(name))
    .map((name) => `${name}: imported by the compiled processes but not installed by npm ci --omit=dev (not in package.json dependencies)`),
];
if (problems.length > 0) {
  console.error(`build: dist/ would not run in the image:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`build: dist/ ready — ${entries.length} entries, ${graph.files.length} modules, ${graph.packages.length} packages (all production dependencies), ${assets.length} assets`);
