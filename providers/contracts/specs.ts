/**
 * Reads the providers' machine-readable specs (the shared, read-only `apis/` folder next to the
 * repository) once per process. The files are large (the Spotify YAML alone takes ~100 ms to parse),
 * so each is parsed on first use and kept; callers must treat the returned documents as read-only
 * except for the one-time normalisation done by their owners (openapi.ts, youtube.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export type Json = Record<string, unknown>;

/** Resolved relative to this module, not the working directory, so tests and tools agree. */
export const SPEC_DIR = new URL('../../../shared/apis/', import.meta.url);

export const SPEC_FILES = {
  spotify: 'spotify-web-api.openapi.yml',
  youtube: 'youtube-v3-discovery.json',
  genius: 'genius-openapi.yml',
} as const;

export type SpecName = keyof typeof SPEC_FILES;

const cache = new Map<SpecName, Json>();

export function specPath(name: SpecName): string {
  return fileURLToPath(new URL(SPEC_FILES[name], SPEC_DIR));
}

/** The parsed spec document (parsed once per process). */
export function loadSpec(name: SpecName): Json {
  let doc = cache.get(name);
  if (!doc) {
    const text = readFileSync(specPath(name), 'utf8');
    doc = (name === 'youtube' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 })) as Json;
    cache.set(name, doc);
  }
  return doc;
}
