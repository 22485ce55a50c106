import { coreConfig, jobserviceConfig, proxyConfig } from '@harbor-ts/config';
import { renderChart } from '../src/chart/render';
import { all, CHART_DIR, clusterSecret, container, find, get, HA_VALUES, render, selects, serviceConfig, workload, workloads } from './chart';

// Metrics with the ServiceMonitor, and helm/values-ha.yaml.

jest.setTimeout(30_000); // every render makes RSA keys with openssl

describe('metrics', () => {
  it('adds no metrics port, Service or ServiceMonitor while metrics are off', () => {
    const chart = render({ metrics: { serviceMonitor: { enabled: true } } });
    expect(all(chart, 'ServiceMonitor')).toEqual([]);
    expect(find(chart, 'Service', 'harbor-metrics')).toBeUndefined();
    expect(container(workload(chart, 'harbor-proxy'), 'proxy').ports?.map((p) => p.name)).toEqual(['http']);
    expect(serviceConfig(chart, 'harbor-proxy', 'proxy').metric.enabled).toBe(false);
  });

  it('serves metrics on the proxy port harbor.yml names, and a ServiceMonitor scrapes each component', () => {
    const chart = render({ metrics: { enabled: true, jobservice: { enabled: false }, serviceMonitor: { enabled: true, interval: '30s', additionalLabels: { release: 'prom' } } } });
    const routing = proxyConfig(serviceConfig(chart, 'harbor-proxy', 'proxy')).metrics;
    expect(routing).toMatchObject({ port: 9090, path: '/metrics' });
    expect(container(workload(chart, 'harbor-proxy'), 'proxy').ports?.find((p) => p.name === 'metrics')?.containerPort).toBe(routing?.port);

    const service = get(chart, 'Service', 'harbor-metrics');
    const serviceSpec = service.spec as { type: string; selector: Record<string, string>; ports: { name: string }[] };
    expect(serviceSpec.type).toBe('ClusterIP'); // never on the public LoadBalancer or NodePort
    expect(selects(serviceSpec.selector, workload(chart, 'harbor-proxy').podLabels)).toBe(true);

    const [monitor] = all(chart, 'ServiceMonitor');
    const monitorSpec = monitor.spec as { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string; interval: string; params?: { comp: string[] } }[] };
    expect(monitor.metadata.labels?.release).toBe('prom');
    expect(selects(monitorSpec.selector.matchLabels, service.metadata.labels ?? {})).toBe(true);
    expect(all(chart, 'Service').filter((s) => selects(monitorSpec.selector.matchLabels, s.metadata.labels ?? {}))).toHaveLength(1);
    expect(monitorSpec.endpoints.map((e) => [e.port, e.path, e.interval, e.params?.comp])).toEqual([
      ['metrics', '/metrics', '30s', ['core']],
      ['metrics', '/metrics', '30s', ['registry']],
      ['metrics', '/metrics', '30s', undefined], // the exporter
    ]);
    for (const e of monitorSpec.endpoints) expect(serviceSpec.ports.map((p) => p.name)).toContain(e.port);
  });

  it('makes the metrics Service without a ServiceMonitor when only metrics are on', () => {
    const chart = render({ metrics: { enabled: true } });
    expect(find(chart, 'Service', 'harbor-metrics')).toBeDefined();
    expect(all(chart, 'ServiceMonitor')).toEqual([]);
  });
});

describe('values-ha.yaml', () => {
  // What the operator creates before installing (the file names these Secrets).
  const cluster = [
    clusterSecret('harbor-admin-password', { HARBOR_ADMIN_PASSWORD: 'admin-from-ops' }),
    clusterSecret('harbor-database-password', { password: 'pg-from-ops' }),
    clusterSecret('harbor-redis-password', { REDIS_PASSWORD: 'redis-from-ops' }),
  ];
  const chart = renderChart(CHART_DIR, { valuesFiles: [HA_VALUES] });

  it('replicates every stateless service and keeps one of each through node drains', () => {
    const replicas = Object.fromEntries(workloads(chart).map((w) => [w.name, (w.object.spec as { replicas: number }).replicas]));
    expect(replicas).toEqual({ 'harbor-proxy': 3, 'harbor-core': 3, 'harbor-registry': 3, 'harbor-jobservice': 2, 'harbor-portal': 2, 'harbor-log-collector': 1 });
    const budgets = all(chart, 'PodDisruptionBudget');
    expect(budgets.map((b) => b.metadata.name).sort()).toEqual(['harbor-core', 'harbor-jobservice', 'harbor-portal', 'harbor-proxy', 'harbor-registry']);
    for (const b of budgets) {
      const selector = (b.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
      expect(workloads(chart).filter((w) => selects(selector, w.podLabels)).map((w) => w.name)).toEqual([b.metadata.name]);
    }
  });

  it('runs no PostgreSQL or Redis of its own and points every service at the external ones', () => {
    expect(all(chart, 'StatefulSet')).toEqual([]);
    for (const [w, name, slice] of [['harbor-core', 'core', coreConfig], ['harbor-jobservice', 'jobservice', jobserviceConfig]] as const) {
      const c = slice(serviceConfig(chart, w, name, cluster));
      expect(c.database).toMatchObject({ host: 'postgres-ha.databases.svc.cluster.local', user: 'harbor', password: 'pg-from-ops', ssl: true });
      expect(c.redis).toMatchObject({ host: 'redis-ha.databases.svc.cluster.local', port: 6379, password: 'redis-from-ops' });
    }
    expect(coreConfig(serviceConfig(chart, 'harbor-core', 'core', cluster)).adminPassword).toBe('admin-from-ops');
  });

  it('shares one ReadWriteMany volume between the registry replicas and rolls them without downtime', () => {
    const claim = get(chart, 'PersistentVolumeClaim', 'harbor-registry').spec as { accessModes: string[]; storageClassName: string };
    expect(claim).toMatchObject({ accessModes: ['ReadWriteMany'], storageClassName: 'nfs-client' });
    for (const name of ['harbor-registry', 'harbor-jobservice']) {
      expect((workload(chart, name).object.spec as { strategy: { type: string } }).strategy.type).toBe('RollingUpdate');
    }
  });

  it('signs tokens with the operator-provided key pair in every core replica, generating none', () => {
    const tokenVolume = workload(chart, 'harbor-core').pod.volumes?.find((v) => v.name === 'token');
    expect(tokenVolume?.secret?.secretName).toBe('harbor-token-keys');
    expect(find(chart, 'Secret', 'harbor-token')).toBeUndefined();
    expect(find(chart, 'Secret', 'harbor-admin')).toBeUndefined();
  });

  it('monitors the release with a ServiceMonitor', () => {
    expect(all(chart, 'ServiceMonitor').map((m) => m.metadata.labels?.release)).toEqual(['kube-prometheus-stack']);
  });
});
