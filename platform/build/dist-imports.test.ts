import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distImports, hoistedProduction, notInDependencies, packageName, specifiers } from './dist-imports.js';

const dir = mkdtempSync(join(tmpdir(), 'dist-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

describe('dist import graph', () => {
  it('reads static, re-export, side-effect and literal dynamic imports from compiled JavaScript', () => {
    const source = [
      "import { a,",
      "  b } from './a.js';",
      "import * as c from '@scope/pkg/deep/file.js';",
      "export { d } from \"./d.js\";",
      "import './side.js';",
      "const e = await import('pg');",
      "const note = 'import nothing from here';",
    ].join('\n');
    expect(specifiers(source)).toEqual(['./a.js', '@scope/pkg/deep/file.js', './d.js', './side.js', 'pg']);
    expect(packageName('@scope/pkg/deep/file.js')).toBe('@scope/pkg');
    expect(packageName('graphql/language/index.js')).toBe('graphql');
  });

  it('follows relative imports from the entries only, and reports packages and missing files', () => {
    write('role.js', "import { x } from './lib/x.js';\nimport 'node:fs';\nimport { Ajv } from 'ajv';\n");
    write('lib/x.js', "export { y } from './y.js';\nimport { readFile } from 'fs';\nimport pino from 'pino';\nimport { gone } from './gone.js';\n");
    write('lib/y.js', 'export const y = 1;\n');
    write('unreached.js', "import vitest from 'vitest';\n");
    const graph = distImports(dir, ['role.js', 'absent.js']);
    expect(graph.files).toEqual(['lib/x.js', 'lib/y.js', 'role.js']);
    expect(graph.packages).toEqual(['ajv', 'pino']);
    expect(graph.missing).toEqual(['absent.js', 'lib/gone.js']);
    expect(notInDependencies(graph.packages, { dependencies: { pino: '^10' } })).toEqual(['ajv']);
  });

  it('tells a hoisted production dependency from a dev-only package, by the lockfile', () => {
    const lockfile = { packages: { 'node_modules/hoisted': {}, 'node_modules/ajv': { dev: true }, 'node_modules/pino/node_modules/nested': {} } };
    expect(hoistedProduction(['hoisted', 'ajv', 'nested', 'absent'], lockfile)).toEqual(['hoisted']);
  });
});
