/** A fresh folder under `.data/tmp/` (inside the repository, so scripts placed there resolve node_modules). */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRATCH = fileURLToPath(new URL('../../.data/tmp/', import.meta.url));

export function scratchDir(prefix: string): string {
  mkdirSync(SCRATCH, { recursive: true });
  return mkdtempSync(join(SCRATCH, prefix));
}
