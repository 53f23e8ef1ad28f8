import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REQUIRED_SECRET_KEYS } from '../k8s/external-secrets.js';
import { ROLES } from '../runtime/role.js';
import { SOURCE_ROOTS } from './assets.js';

// No Docker engine runs here, so the image cannot be built in CI: these check what can be checked
// without one. (That dist/ imports only production dependencies is checked by `npm run build`.)
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Instruction { stage: string; keyword: string; args: string }

function instructions(dockerfile: string): Instruction[] {
  const logical = dockerfile.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  let stage = '';
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword!.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '';
    return { stage, keyword: keyword!.toUpperCase(), args };
  });
}

const all = instructions(read('Dockerfile'));
const copies = all.filter((i) => i.keyword === 'COPY').map((i) => {
  const parts = i.args.split(/\s+/);
  const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
  const paths = parts.filter((p) => !p.startsWith('--'));
  return { stage: i.stage, from, sources: paths.slice(0, -1) };
});
const runs = (stage: string) => all.filter((i) => i.stage === stage && i.keyword === 'RUN').map((i) => i.args).join('\n');

describe('Dockerfile', () => {
  it('copies from the build context only paths that exist and that .dockerignore lets in', () => {
    const included = read('.dockerignore').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1));
    const fromContext = copies.filter((c) => !c.from).flatMap((c) => c.sources);
    expect(fromContext.length).toBeGreaterThan(0);
    for (const source of fromContext) {
      expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
      expect(included, `${source} is re-included after '**' in .dockerignore`).toContain(source);
    }
  });

  it('builds every source folder the build compiles, and copies dist/ and production node_modules into the runtime', () => {
    const tsconfigBuild = read('tsconfig.build.json');
    const copiedFolders = copies.filter((c) => c.stage === 'build' && !c.from).flatMap((c) => c.sources).filter((s) => !s.includes('.'));
    expect(copiedFolders.sort()).toEqual([...SOURCE_ROOTS].sort());
    for (const folder of SOURCE_ROOTS) expect(tsconfigBuild).toContain(`"${folder}"`);
    expect(runs('build')).toContain('npm run build');
    expect(runs('prod-deps')).toMatch(/npm ci --omit=dev/);
    expect(runs('deps')).toMatch(/^npm ci$/m);
    const runtimeCopies = copies.filter((c) => c.stage === 'runtime');
    expect(runtimeCopies).toEqual(expect.arrayContaining([
      { stage: 'runtime', from: 'prod-deps', sources: ['/app/node_modules'] },
      { stage: 'runtime', from: 'build', sources: ['/app/dist'] },
      { stage: 'runtime', from: undefined, sources: ['package.json'] },
    ]));
    // Nothing else reaches the runtime: no sources, no dev dependencies, no npm run in it.
    expect(runtimeCopies).toHaveLength(3);
    expect(runs('runtime')).toBe('');
  });

  it('runs the role entry as a non-root user with NODE_ENV=production', () => {
    const runtime = all.filter((i) => i.stage === 'runtime');
    const user = runtime.find((i) => i.keyword === 'USER')?.args ?? '';
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/); // numeric, so Kubernetes' runAsNonRoot can verify it
    expect(runtime.find((i) => i.keyword === 'ENV')?.args).toMatch(/NODE_ENV=production/);
    const entrypoint = JSON.parse(runtime.find((i) => i.keyword === 'ENTRYPOINT')?.args ?? '[]') as string[];
    expect(entrypoint[0]).toBe('node');
    expect(entrypoint.at(-1)).toBe('dist/platform/runtime/role.js');
    // Every compiled file the command names has its source (the build compiles it).
    for (const file of entrypoint.filter((arg) => arg.endsWith('.js'))) {
      expect(existsSync(join(ROOT, file.replace(/^\.\/dist\/|^dist\//, '').replace(/\.js$/, '.ts'))), `${file} has a source`).toBe(true);
    }
    const build = JSON.parse(read('package.json')).scripts.build as string;
    expect(build).toContain('tsc -p tsconfig.build.json');
    expect(JSON.parse(read('package.json')).type).toBe('module');
  });

  it('needs no compiler for argon2: its prebuilt binary for the image platform is in the package', () => {
    expect(read('Dockerfile')).toMatch(/node:20-bookworm-slim/);
    expect(existsSync(join(ROOT, 'node_modules/argon2/prebuilds/linux-x64/argon2.glibc.node'))).toBe(true);
  });
});

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { command?: string[]; image?: string; environment?: Record<string, string> }> };

  it('runs every role of the image, from the one image, with its workers off in the subgraphs', () => {
    const fromImage = Object.entries(compose.services).filter(([, s]) => s.image === 'music-supergraph:local');
    const roles = fromImage.map(([, s]) => s.command?.[0]).filter(Boolean);
    expect(roles.sort()).toEqual([...ROLES].sort());
    for (const [, service] of fromImage) expect(service.environment?.WORKERS).toBe('off');
    expect(compose.services.mongo?.command).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
    expect(compose.services.redis?.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']));
  });

  it('takes its secrets from .env, whose example holds no value for any of them', () => {
    const example = read('.env.example');
    for (const key of [...REQUIRED_SECRET_KEYS, 'POSTGRES_PASSWORD']) expect(example).toMatch(new RegExp(`^${key}=$`, 'm'));
    for (const variable of read('docker-compose.yml').matchAll(/\$\{(\w+)/g)) expect(example).toMatch(new RegExp(`^#? ?${variable[1]}=`, 'm'));
  });
});
