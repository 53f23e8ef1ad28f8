/**
 * What the compiled processes need at run time, read from `dist/` itself: starting at the entry
 * points (the role entry and every process's main.js), follows every relative import through the
 * compiled JavaScript and collects the packages it imports. The image installs only `dependencies`
 * (`npm ci --omit=dev`), so a package reached here that is not one of them would crash a pod at
 * start-up although every test passes under tsx; and a relative import with no compiled file, or an
 * asset that was not copied, would do the same. No library walks an ESM import graph without
 * executing it (bundlers do far more), so this reads the `import`/`export ... from` and `import('...')`
 * specifiers with a regular expression over tsc's output, whose shape is regular.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

export interface DistImports {
  /** Compiled files reached from the entries, relative to the dist folder. */
  files: string[];
  /** Package names imported by those files (not node built-ins). */
  packages: string[];
  /** Problems: relative imports without a compiled file, missing entries. */
  missing: string[];
}

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));

/** Every specifier a compiled module imports statically or with a literal dynamic import. */
export function specifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => (match[1] ?? match[2] ?? match[3])!);
}

/** Walks the import graph of `entries` (paths relative to `distDir`). */
export function distImports(distDir: string, entries: string[]): DistImports {
  const root = resolve(distDir);
  const seen = new Set<string>();
  const packages = new Set<string>();
  const missing: string[] = [];
  const queue = entries.map((entry) => join(root, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    if (!existsSync(file)) {
      missing.push(relative(root, file));
      continue;
    }
    seen.add(file);
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) queue.push(resolve(dirname(file), specifier));
      else if (!isBuiltin(specifier)) packages.add(packageName(specifier));
    }
  }
  return { files: [...seen].map((file) => relative(root, file)).sort(), packages: [...packages].sort(), missing: missing.sort() };
}

/** Packages the graph imports that are not in package.json `dependencies`. */
export function notInDependencies(imported: string[], packageJson: { dependencies?: Record<string, string> }): string[] {
  const production = new Set(Object.keys(packageJson.dependencies ?? {}));
  return imported.filter((name) => !production.has(name));
}

interface Lockfile { packages?: Record<string, { dev?: boolean }> }

/**
 * Of `undeclared`, those `npm ci --omit=dev` still installs at the top of node_modules (a production
 * dependency's own dependency, hoisted): they load in the image, but only as long as the hoisting holds.
 */
export function hoistedProduction(undeclared: string[], lockfile: Lockfile): string[] {
  return undeclared.filter((name) => {
    const entry = lockfile.packages?.[`node_modules/${name}`];
    return entry !== undefined && entry.dev !== true;
  });
}
