/**
 * Renders a kustomization with `kubectl kustomize` and parses the YAML stream into objects.
 * kustomize exists only as a Go binary (none on npm); kubectl embeds it. .ci/run installs Debian's
 * kubernetes-client (kubectl 1.20, kustomize v2) when no kubectl is on the PATH, so the manifests keep
 * to what v2 and today's v5 both render. KUBECTL names another binary.
 */
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors[0]!.message}`);
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

export function render(kustomizationDir: string, kubectl = process.env.KUBECTL ?? 'kubectl'): K8sObject[] {
  const output = execFileSync(kubectl, ['kustomize', kustomizationDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return parseManifests(output);
}
