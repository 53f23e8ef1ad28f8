/**
 * The files the compiled processes read at run time by a path relative to their own module
 * (`new URL('...', import.meta.url)`): each subgraph's `schema.graphql`, `schema/supergraph.graphql`,
 * streaming's Lua scripts. tsc copies none of them, so the build copies them into `dist/` at the same
 * relative place, and the code finds them from `dist/` exactly as it does from the sources.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Source folders the build compiles (tsconfig.build.json `include`). */
export const SOURCE_ROOTS = ['platform', 'providers', 'gateway', 'subgraphs', 'schema'] as const;
/** What a process loads by path besides JavaScript. */
export const ASSET_EXTENSIONS = ['.graphql', '.lua'] as const;

/** Every runtime asset under the source roots, as repository-relative paths, sorted. */
export function runtimeAssets(root: string): string[] {
  const found: string[] = [];
  for (const folder of SOURCE_ROOTS) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !ASSET_EXTENSIONS.some((extension) => entry.name.endsWith(extension))) continue;
      found.push(join(entry.parentPath, entry.name).slice(root.length + 1));
    }
  }
  return found.sort();
}

/** Copies the runtime assets of `root` into `root/outDir`; returns what it copied. */
export function copyRuntimeAssets(root: string, outDir = 'dist'): string[] {
  const assets = runtimeAssets(root);
  for (const asset of assets) {
    const target = join(root, outDir, asset);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, asset), target);
  }
  return assets;
}
