/**
 * What the schemas cannot see: whether the rendered objects of one overlay fit together and fit the
 * code. Services select pods that exist and name their ports; HPAs and PDBs target Deployments that
 * exist; every ConfigMap a container reads is rendered (with the key it names), every Secret is the
 * documented external one (with a documented key) and none is in the repository; probes are `/ready`
 * and `/health` on a declared port; every container of the image runs a role of platform/runtime/role.ts
 * on that role's port; every role is deployed with a Service, an HPA and a PDB; and the environment a
 * process gets parses with the processes' own configuration schema in production.
 */
import { configSchema, parseConfig } from '../config.js';
import { DEFAULT_PORTS, WORKERS_PORT_OFFSET, type SubgraphName } from '../services.js';
import { EXTERNAL_SECRET, REQUIRED_SECRET_KEYS, SECRET_KEYS } from './external-secrets.js';
import type { K8sObject } from './render.js';

/** The image's repository name, whatever registry and tag an overlay gives it. */
export const IMAGE_NAME = 'music-supergraph';
/** Extra seconds Kubernetes waits after the process's own shutdown bound before SIGKILL. */
const MIN_KILL_MARGIN_SECONDS = 1;

interface Container {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; subPath?: string }[];
}
interface Probe { httpGet?: { path?: string; port: number | string } }
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string; items?: { key: string }[] }; secret?: { secretName: string } }[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
}
interface Workload extends K8sObject {
  spec: { selector: { matchLabels?: Record<string, string> }; template: { metadata: { labels?: Record<string, string> }; spec: PodSpec }; volumeClaimTemplates?: { metadata: { name: string } }[] };
}

export interface Expectations {
  /** Process roles of the image (platform/runtime/role.ts ROLES). */
  roles: readonly string[];
}

const isImage = (container: Container): boolean => (container.image ?? '').split('/').at(-1)!.split(':')[0] === IMAGE_NAME;
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

/** The port a role listens on: its own, or for `<subgraph>-workers` the subgraph's + WORKERS_PORT_OFFSET. */
export function rolePort(role: string): number {
  const workers = role.endsWith('-workers');
  const base = DEFAULT_PORTS[role.replace(/-workers$/, '') as SubgraphName | 'gateway'];
  return workers ? base + WORKERS_PORT_OFFSET : base;
}

export function consistencyProblems(objects: K8sObject[], expect: Expectations): string[] {
  const problems: string[] = [];
  const of = <T extends K8sObject>(kind: string) => objects.filter((o) => o.kind === kind) as T[];
  const workloads = [...of<Workload>('Deployment'), ...of<Workload>('StatefulSet')];
  const deployments = of<Workload>('Deployment');
  const configMaps = new Map(of<K8sObject & { data?: Record<string, string> }>('ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
  const id = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;

  for (const secret of of('Secret')) problems.push(`${id(secret)}: a Secret is rendered from the repository; secrets come from outside (${EXTERNAL_SECRET})`);

  // Workloads: selectors, containers, references.
  for (const workload of workloads) {
    const pod = workload.spec.template.spec;
    if (!matches(workload.spec.selector.matchLabels, workload.spec.template.metadata.labels)) problems.push(`${id(workload)}: selector does not match its pod labels`);
    for (const volume of pod.volumes ?? []) {
      if (volume.configMap && !configMaps.has(volume.configMap.name)) problems.push(`${id(workload)}: volume ${volume.name} reads ConfigMap ${volume.configMap.name}, which is not rendered`);
      if (volume.secret) problems.push(`${id(workload)}: volume ${volume.name} mounts a Secret; only ${EXTERNAL_SECRET} as environment is documented`);
    }
    for (const container of pod.containers) {
      const where = `${id(workload)} container ${container.name}`;
      const ports = container.ports ?? [];
      for (const mount of container.volumeMounts ?? []) {
        const volume = pod.volumes?.find((v) => v.name === mount.name);
        const claimed = workload.spec.volumeClaimTemplates?.some((claim) => claim.metadata.name === mount.name);
        if (!volume && !claimed) problems.push(`${where}: mounts volume ${mount.name}, which the pod does not declare`);
        else if (volume && mount.subPath && volume.configMap && !(mount.subPath in (configMaps.get(volume.configMap.name) ?? {}))) {
          problems.push(`${where}: mounts key ${mount.subPath} of ConfigMap ${volume.configMap.name}, which has no such key`);
        }
      }
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name)) problems.push(`${where}: envFrom ConfigMap ${from.configMapRef.name} is not rendered`);
        if (from.secretRef && from.secretRef.name !== EXTERNAL_SECRET) problems.push(`${where}: envFrom Secret ${from.secretRef.name} is not the documented ${EXTERNAL_SECRET}`);
      }
      for (const variable of container.env ?? []) {
        const cm = variable.valueFrom?.configMapKeyRef;
        const secret = variable.valueFrom?.secretKeyRef;
        if (cm && !(cm.key in (configMaps.get(cm.name) ?? {}))) problems.push(`${where}: ${variable.name} reads key ${cm.key} of ConfigMap ${cm.name}, which is not rendered`);
        if (secret && (secret.name !== EXTERNAL_SECRET || !SECRET_KEYS.includes(secret.key))) {
          problems.push(`${where}: ${variable.name} reads ${secret.name}/${secret.key}, not a documented key of ${EXTERNAL_SECRET}`);
        }
      }
      for (const [kind, probe] of [['readiness', container.readinessProbe], ['liveness', container.livenessProbe], ['startup', container.startupProbe]] as const) {
        const http = probe?.httpGet;
        if (!http) continue;
        const expected = kind === 'readiness' ? '/ready' : '/health';
        if (http.path !== expected) problems.push(`${where}: ${kind} probe path ${http.path}, expected ${expected}`);
        const declared = ports.some((p) => p.name === http.port || p.containerPort === http.port);
        if (!declared) problems.push(`${where}: ${kind} probe port ${http.port} is not a declared container port`);
      }
      if (isImage(container)) problems.push(...processProblems(workload, container, configMaps, expect));
    }
  }

  // Every role runs somewhere, with its Service, HPA and PDB.
  const roleOf = (workload: Workload) => workload.spec.template.spec.containers.find(isImage)?.args?.[0];
  for (const role of expect.roles) {
    const deployment = deployments.find((d) => roleOf(d) === role);
    if (!deployment) {
      problems.push(`role ${role}: no Deployment runs it`);
      continue;
    }
    const podLabels = deployment.spec.template.metadata.labels;
    if (!of<K8sObject & { spec: { selector?: Record<string, string> } }>('Service').some((s) => matches(s.spec.selector, podLabels))) problems.push(`role ${role}: no Service selects Deployment/${deployment.metadata.name}`);
    if (!of<K8sObject & { spec: { scaleTargetRef: { kind: string; name: string } } }>('HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === deployment.metadata.name)) {
      problems.push(`role ${role}: no HorizontalPodAutoscaler scales Deployment/${deployment.metadata.name}`);
    }
    if (!of<K8sObject & { spec: { selector: { matchLabels?: Record<string, string> } } }>('PodDisruptionBudget').some((p) => matches(p.spec.selector.matchLabels, podLabels))) {
      problems.push(`role ${role}: no PodDisruptionBudget covers Deployment/${deployment.metadata.name}`);
    }
  }

  // Services, HPAs and PDBs point at something.
  for (const service of of<K8sObject & { spec: { selector?: Record<string, string>; ports: { name?: string; targetPort?: number | string; port: number }[] } }>('Service')) {
    const targets = workloads.filter((w) => matches(service.spec.selector, w.spec.template.metadata.labels));
    if (targets.length === 0) {
      problems.push(`${id(service)}: its selector matches no Deployment or StatefulSet pods`);
      continue;
    }
    for (const port of service.spec.ports) {
      const target = port.targetPort ?? port.port;
      const ok = targets.every((w) => w.spec.template.spec.containers.some((c) => (c.ports ?? []).some((p) => p.name === target || p.containerPort === target)));
      if (!ok) problems.push(`${id(service)}: targetPort ${target} is not a container port of the pods it selects`);
    }
  }
  for (const hpa of of<K8sObject & { spec: { scaleTargetRef: { kind: string; name: string } } }>('HorizontalPodAutoscaler')) {
    const ref = hpa.spec.scaleTargetRef;
    if (!workloads.some((w) => w.kind === ref.kind && w.metadata.name === ref.name)) problems.push(`${id(hpa)}: targets ${ref.kind}/${ref.name}, which is not rendered`);
  }
  for (const pdb of of<K8sObject & { spec: { selector: { matchLabels?: Record<string, string> } } }>('PodDisruptionBudget')) {
    if (!workloads.some((w) => matches(pdb.spec.selector.matchLabels, w.spec.template.metadata.labels))) problems.push(`${id(pdb)}: its selector matches no pods`);
  }
  return problems;
}

/** A container of the image: its role, port, hardening and environment. */
function processProblems(workload: Workload, container: Container, configMaps: Map<string, Record<string, string>>, expect: Expectations): string[] {
  const problems: string[] = [];
  const where = `${workload.kind}/${workload.metadata.name} container ${container.name}`;
  const pod = workload.spec.template.spec;
  const role = container.args?.[0];
  if (container.command) problems.push(`${where}: overrides the image's ENTRYPOINT (command); give the role as args`);
  if (!role || !expect.roles.includes(role)) return [...problems, `${where}: runs role ${role ?? '(none)'}, not one of ${expect.roles.join(', ')}`];

  // The environment the process sees: ConfigMaps, then the external Secret (placeholders), then env.
  const env: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, configMaps.get(from.configMapRef.name) ?? {});
    if (from.secretRef?.name === EXTERNAL_SECRET) secretKeys.push(...REQUIRED_SECRET_KEYS);
  }
  for (const key of secretKeys) env[key] ??= placeholder(key);
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.configMapKeyRef) env[variable.name] = configMaps.get(variable.valueFrom.configMapKeyRef.name)?.[variable.valueFrom.configMapKeyRef.key] ?? '';
    else if (variable.valueFrom?.secretKeyRef) env[variable.name] = placeholder(variable.name);
  }
  const known = new Set(Object.keys(configSchema.shape));
  for (const key of Object.keys(env)) if (!known.has(key)) problems.push(`${where}: sets ${key}, which platform/config.ts does not read`);
  try {
    const config = parseConfig(env);
    if (config.NODE_ENV !== 'production') problems.push(`${where}: NODE_ENV is ${config.NODE_ENV}, expected production`);
    if (config.HOST !== '0.0.0.0') problems.push(`${where}: HOST is ${config.HOST}; a pod must listen on every interface`);
    if (role !== 'gateway' && !role.endsWith('-workers') && config.WORKERS !== 'off') problems.push(`${where}: WORKERS=${config.WORKERS}; the ${role}-workers Deployment runs the workers`);
    // The parsed config carries the default when the manifests do not set it.
    const grace = config.SHUTDOWN_GRACE_SECONDS;
    const kill = pod.terminationGracePeriodSeconds ?? 30;
    if (kill < grace + MIN_KILL_MARGIN_SECONDS) problems.push(`${where}: terminationGracePeriodSeconds ${kill} does not exceed SHUTDOWN_GRACE_SECONDS ${grace}`);
    const port = role.endsWith('-workers') ? (config.WORKERS_PORT ?? rolePort(role)) : config[`${role.toUpperCase() as Uppercase<SubgraphName | 'gateway'>}_PORT`];
    if (!(container.ports ?? []).some((p) => p.containerPort === port)) problems.push(`${where}: role ${role} listens on ${port}, which is not a container port`);
  } catch (error) {
    problems.push(`${where}: its environment does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (!container.readinessProbe?.httpGet || !container.livenessProbe?.httpGet) problems.push(`${where}: needs readiness (/ready) and liveness (/health) probes`);
  for (const resource of ['cpu', 'memory']) {
    if (!container.resources?.requests?.[resource] || !container.resources?.limits?.[resource]) problems.push(`${where}: needs a ${resource} request and limit`);
  }
  if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: the pod must set runAsNonRoot`);
  if (container.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${where}: needs readOnlyRootFilesystem`);
  if (container.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${where}: needs allowPrivilegeEscalation: false`);
  return problems;
}

/** A value of the right shape for a secret the check cannot see (it never reads real ones). */
function placeholder(key: string): string {
  if (key === 'TOKEN_ENCRYPTION_KEY') return Buffer.alloc(32).toString('base64');
  return 'x'.repeat(48);
}
