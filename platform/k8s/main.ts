/**
 * `npm run k8s:check`: renders every overlay under k8s/overlays with kustomize, validates every object
 * against the Kubernetes schemas and checks that the objects fit together and fit the code
 * (consistency.ts). k8s/base/supergraph.graphql is written and checked with the other composed
 * files (`npm run compose`, `compose:check`).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES } from '../runtime/role.js';
import { consistencyProblems } from './consistency.js';
import { render } from './render.js';
import { schemaProblems } from './schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const problems: string[] = [];

const overlays = readdirSync(join(ROOT, 'k8s/overlays'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
for (const overlay of overlays) {
  const started = performance.now();
  let objects;
  try {
    objects = render(join(ROOT, 'k8s/overlays', overlay));
  } catch (error) {
    problems.push(`${overlay}: kustomize failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
    continue;
  }
  const found = [
    ...objects.flatMap(schemaProblems),
    ...consistencyProblems(objects, { roles: ROLES }),
  ].map((problem) => `${overlay}: ${problem}`);
  problems.push(...found);
  const counts = new Map<string, number>();
  for (const object of objects) counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
  const kinds = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
  console.log(`k8s:check ${overlay}: ${objects.length} objects (${kinds}) in ${Math.round(performance.now() - started)} ms${found.length ? `, ${found.length} problems` : ', valid'}`);
}
if (overlays.length === 0) problems.push('no overlays under k8s/overlays');
if (problems.length > 0) {
  console.error(`k8s:check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
