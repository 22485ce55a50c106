import { type HarborConfig, loadConfig } from '@harbor-ts/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type KubeObject, type RenderedChart, type RenderOptions, renderChart } from '../src/chart/render';
import type { Values } from '../src/chart/values';
import type { ClusterObject } from '../src/template/generators';

// Reading the rendered chart the way the cluster would: find objects, follow references from
// pods to Secrets and ConfigMaps, and load a container's harbor.yml plus environment with the
// product's own configuration loader.

export const CHART_DIR = resolve(__dirname, '../../../helm');
export const HA_VALUES = join(CHART_DIR, 'values-ha.yaml');

export function render(values: Values = {}, opts: Omit<RenderOptions, 'values'> = {}): RenderedChart {
  return renderChart(CHART_DIR, { ...opts, values: [values] });
}

export function all(chart: RenderedChart, kind: string): KubeObject[] {
  return chart.objects.filter((o) => o.kind === kind);
}

export function find(chart: RenderedChart, kind: string, name: string): KubeObject | undefined {
  return chart.objects.find((o) => o.kind === kind && o.metadata.name === name);
}

export function get(chart: RenderedChart, kind: string, name: string): KubeObject {
  const found = find(chart, kind, name);
  if (!found) throw new Error(`no ${kind} ${name}; rendered: ${chart.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export interface Port {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface Probe {
  httpGet?: { path: string; port: string };
  tcpSocket?: { port: string };
  exec?: { command: string[] };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  ports?: Port[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
  securityContext?: { privileged?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] }; seccompProfile?: { type: string } };
}

export interface Volume {
  name: string;
  configMap?: { name: string };
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  persistentVolumeClaim?: { claimName: string };
  emptyDir?: object;
}

export interface PodSpec {
  containers: Container[];
  securityContext?: { runAsUser?: number; runAsGroup?: number; fsGroup?: number; runAsNonRoot?: boolean };
  volumes?: Volume[];
}

/** A Deployment or StatefulSet with its pod template pulled out. */
export interface Workload {
  object: KubeObject;
  name: string;
  podLabels: Record<string, string>;
  pod: PodSpec;
}

export function workloads(chart: RenderedChart): Workload[] {
  return chart.objects
    .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
    .map((object) => {
      const spec = object.spec as { template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
      return { object, name: object.metadata.name, podLabels: spec.template.metadata.labels, pod: spec.template.spec };
    });
}

export function workload(chart: RenderedChart, name: string): Workload {
  const found = workloads(chart).find((w) => w.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found;
}

export function container(w: Workload, name: string): Container {
  const found = w.pod.containers.find((c) => c.name === name);
  if (!found) throw new Error(`${w.name} has no container ${name}`);
  return found;
}

/** Whether `selector` picks pods with these labels (every selector label matches). */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** A Secret's value, from the rendered chart or from the objects given as the cluster. */
export function secretValue(chart: RenderedChart, name: string, key: string, cluster: ClusterObject[] = []): string | undefined {
  const secret = [...chart.objects, ...cluster].find((o) => o.kind === 'Secret' && o.metadata.name === name);
  const data = (secret?.data ?? {}) as Record<string, string>;
  return data[key] === undefined ? undefined : Buffer.from(data[key], 'base64').toString('utf8');
}

/** A Secret as the cluster holds it (base64 data), for `lookup` and for existingSecret values. */
export function clusterSecret(name: string, data: Record<string, string>, namespace = 'default'): ClusterObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data: encoded };
}

/** The container's environment with secretKeyRefs resolved; a dangling reference throws. */
export function resolvedEnv(chart: RenderedChart, c: Container, cluster: ClusterObject[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of c.env ?? []) {
    const ref = v.valueFrom?.secretKeyRef;
    const value = ref ? secretValue(chart, ref.name, ref.key, cluster) : v.value;
    if (value === undefined) throw new Error(`${c.name}: ${v.name} refers to a missing Secret key ${ref?.name}/${ref?.key}`);
    env[v.name] = value;
  }
  return env;
}

export function harborYml(chart: RenderedChart): string {
  const config = all(chart, 'ConfigMap').find((o) => (o.data as Record<string, string> | undefined)?.['harbor.yml']);
  if (!config) throw new Error('no ConfigMap with harbor.yml');
  return (config.data as Record<string, string>)['harbor.yml'];
}

/** What the service in this container sees: harbor.yml and its environment, through libs/config. */
export function serviceConfig(chart: RenderedChart, workloadName: string, containerName: string, cluster: ClusterObject[] = []): HarborConfig {
  const dir = mkdtempSync(join(tmpdir(), 'helm-chart-'));
  try {
    const file = join(dir, 'harbor.yml');
    writeFileSync(file, harborYml(chart));
    const c = container(workload(chart, workloadName), containerName);
    return loadConfig({ file, env: resolvedEnv(chart, c, cluster), argv: [] }).config;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The file a container sees at `path` when it comes from a Secret volume: [secret, key]. */
export function secretFileAt(w: Workload, c: Container, path: string): [string, string] | undefined {
  for (const mount of c.volumeMounts ?? []) {
    const volume = w.pod.volumes?.find((v) => v.name === mount.name);
    if (!volume?.secret || !path.startsWith(`${mount.mountPath}/`)) continue;
    const relative = path.slice(mount.mountPath.length + 1);
    const item = volume.secret.items ? volume.secret.items.find((i) => i.path === relative) : { key: relative, path: relative };
    if (item) return [volume.secret.secretName, item.key];
  }
  return undefined;
}
