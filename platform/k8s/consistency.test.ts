import { describe, expect, it } from 'vitest';
import { consistencyProblems } from './consistency.js';
import { parseManifests, type K8sObject } from './render.js';
import { schemaProblems } from './schemas.js';

// A small rendered overlay of one role, consistent; each case breaks one thing and expects exactly that.
const fixture = (): K8sObject[] => parseManifests(`
apiVersion: v1
kind: ConfigMap
metadata: { name: music-config-abc }
data: { NODE_ENV: production, HOST: 0.0.0.0, WORKERS: "off", DATABASE_URL: "postgres://db:5432/postgres", MONGO_URL: "mongodb://mongo:27017/" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: gateway }
spec:
  selector: { matchLabels: { app: gateway } }
  template:
    metadata: { labels: { app: gateway, tier: edge } }
    spec:
      terminationGracePeriodSeconds: 30
      securityContext: { runAsNonRoot: true }
      containers:
        - name: app
          image: registry.example/music-supergraph:1.0
          args: [gateway]
          ports: [{ name: http, containerPort: 4000 }]
          envFrom: [{ configMapRef: { name: music-config-abc } }, { secretRef: { name: music-supergraph-secrets } }]
          readinessProbe: { httpGet: { path: /ready, port: http } }
          livenessProbe: { httpGet: { path: /health, port: http } }
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: "1", memory: 256Mi } }
          securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }
---
apiVersion: v1
kind: Service
metadata: { name: gateway }
spec: { selector: { app: gateway }, ports: [{ port: 4000, targetPort: http }] }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: gateway }
spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: gateway }, minReplicas: 2, maxReplicas: 4 }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: gateway }
spec: { minAvailable: 1, selector: { matchLabels: { app: gateway } } }
`);

const expectations = { roles: ['gateway'] };
const check = (objects: K8sObject[]) => consistencyProblems(objects, expectations);
const deployment = (objects: K8sObject[]) => objects.find((o) => o.kind === 'Deployment') as any;
const container = (objects: K8sObject[]) => deployment(objects).spec.template.spec.containers[0];

describe('manifest consistency', () => {
  it('finds nothing wrong in a consistent overlay, and every object passes its schema', () => {
    const objects = fixture();
    expect(check(objects)).toEqual([]);
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it.each([
    ['a probe on another path', (o: K8sObject[]) => { container(o).readinessProbe.httpGet.path = '/healthz'; }, 'Deployment/gateway container app: readiness probe path /healthz, expected /ready'],
    ['a probe on an undeclared port', (o: K8sObject[]) => { container(o).livenessProbe.httpGet.port = 9999; }, 'Deployment/gateway container app: liveness probe port 9999 is not a declared container port'],
    ['a role the image does not have', (o: K8sObject[]) => { container(o).args = ['gatewy']; }, 'Deployment/gateway container app: runs role gatewy, not one of gateway'],
    ['a Secret in the repository', (o: K8sObject[]) => { o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'oops' } }); }, 'Secret/oops: a Secret is rendered from the repository; secrets come from outside (music-supergraph-secrets)'],
    ['another Secret', (o: K8sObject[]) => { container(o).envFrom[1].secretRef.name = 'other'; }, 'Deployment/gateway container app: envFrom Secret other is not the documented music-supergraph-secrets'],
    ['a missing ConfigMap key', (o: K8sObject[]) => { container(o).env = [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'music-config-abc', key: 'NOPE' } } }]; }, 'Deployment/gateway container app: LOG_LEVEL reads key NOPE of ConfigMap music-config-abc, which is not rendered'],
    ['a key the code does not read', (o: K8sObject[]) => { container(o).env = [{ name: 'LOG_LEVELS', value: 'info' }]; }, 'Deployment/gateway container app: sets LOG_LEVELS, which platform/config.ts does not read'],
    ['a bad value', (o: K8sObject[]) => { container(o).env = [{ name: 'GATEWAY_PORT', value: 'http' }]; }, 'Deployment/gateway container app: its environment does not parse: Invalid configuration:\n  GATEWAY_PORT: Invalid input: expected number, received NaN'],
    ['a kill timeout below the shutdown bound', (o: K8sObject[]) => { deployment(o).spec.template.spec.terminationGracePeriodSeconds = 20; }, 'Deployment/gateway container app: terminationGracePeriodSeconds 20 does not exceed SHUTDOWN_GRACE_SECONDS 25'],
    ['a writable root filesystem', (o: K8sObject[]) => { container(o).securityContext.readOnlyRootFilesystem = false; }, 'Deployment/gateway container app: needs readOnlyRootFilesystem'],
    ['an HPA of a missing Deployment', (o: K8sObject[]) => { (o.find((x) => x.kind === 'HorizontalPodAutoscaler') as any).spec.scaleTargetRef.name = 'gone'; }, 'HorizontalPodAutoscaler/gateway: targets Deployment/gone, which is not rendered'],
  ])('reports %s', (_case, breakIt, problem) => {
    const objects = fixture();
    breakIt(objects);
    expect(check(objects)).toContain(problem);
  });

  it('reports a Service that selects nothing, and the role left without a Service and a PDB', () => {
    const objects = fixture();
    deployment(objects).spec.template.metadata.labels = { app: 'gateway-v2' };
    deployment(objects).spec.selector.matchLabels = { app: 'gateway-v2' };
    expect(check(objects).sort()).toEqual([
      'PodDisruptionBudget/gateway: its selector matches no pods',
      'Service/gateway: its selector matches no Deployment or StatefulSet pods',
      'role gateway: no PodDisruptionBudget covers Deployment/gateway',
      'role gateway: no Service selects Deployment/gateway',
    ]);
  });

  it('validates against the Kubernetes schemas and knows every kind it accepts', () => {
    const objects = fixture();
    container(objects).ports[0].containerPort = 'four thousand';
    expect(schemaProblems(deployment(objects))).toEqual(['Deployment/gateway: data/spec/template/spec/containers/0/ports/0/containerPort must be integer']);
    expect(schemaProblems({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' } })).toEqual([
      'CronJob/x: no schema for batch/v1 CronJob (add its model to platform/k8s/schemas.ts)',
    ]);
  });
});
