import { coreConfig, internalSecretFile, internalUrls, jobserviceConfig, logCollectorConfig, portalConfig, proxyConfig, registryConfig, registryctlConfig } from '@harbor-ts/config';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { all, clusterSecret, container, get, harborYml, render, resolvedEnv, secretFileAt, secretValue, selects, serviceConfig, type Workload, workload, workloads } from './chart';

// The chart with its default values: what `helm install harbor ./helm` would create.

jest.setTimeout(30_000); // every render makes RSA keys with openssl

const chart = render();
const harborServices = ['proxy', 'core', 'registry', 'registryctl', 'jobservice', 'log-collector', 'portal-api'];

describe('default install', () => {
  it('runs every service, the bundled PostgreSQL and Redis, behind an ingress', () => {
    const names = (kind: string) => all(chart, kind).map((o) => o.metadata.name).sort();
    expect(names('Deployment')).toEqual(['harbor-core', 'harbor-jobservice', 'harbor-log-collector', 'harbor-portal', 'harbor-proxy', 'harbor-registry']);
    expect(names('StatefulSet')).toEqual(['harbor-database', 'harbor-redis']);
    expect(names('Ingress')).toEqual(['harbor']);
    expect(names('ServiceMonitor')).toEqual([]);
    const images = workloads(chart).flatMap((w) => w.pod.containers.map((c) => c.image)).sort();
    expect(images).toEqual([...harborServices.map((s) => `harbor-ts/harbor-ts-${s}:0.1.0`), 'postgres:15', 'redis:7'].sort());
  });

  it('gives every container liveness and readiness probes on ports it declares, and resources', () => {
    for (const w of workloads(chart)) {
      for (const c of w.pod.containers) {
        const portNames = (c.ports ?? []).map((p) => p.name);
        for (const probe of [c.livenessProbe, c.readinessProbe]) {
          expect(probe).toBeDefined();
          const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
          if (port !== undefined) expect(portNames).toContain(port);
          else expect(probe?.exec?.command.length).toBeGreaterThan(0);
        }
        expect(c.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(c.resources?.limits?.memory).toEqual(expect.any(String));
      }
    }
  });

  it('probes each service on its own health route', () => {
    const httpPaths = (w: Workload) => w.pod.containers.map((c) => [c.name, c.livenessProbe?.httpGet?.path, c.readinessProbe?.httpGet?.path]);
    expect(httpPaths(workload(chart, 'harbor-core'))).toEqual([['core', '/api/v2.0/ping', '/api/v2.0/health']]);
    expect(httpPaths(workload(chart, 'harbor-registry'))).toEqual([['registry', '/health', '/health'], ['registryctl', '/api/health', '/api/health']]);
    expect(httpPaths(workload(chart, 'harbor-jobservice'))).toEqual([['jobservice', undefined, '/api/v1/health']]);
    expect(httpPaths(workload(chart, 'harbor-log-collector'))).toEqual([['log-collector', '/health', '/health']]);
    expect(httpPaths(workload(chart, 'harbor-portal'))).toEqual([['portal', '/health', '/health']]);
    expect(container(workload(chart, 'harbor-core'), 'core').startupProbe?.httpGet?.path).toBe('/api/v2.0/ping');
  });

  it('runs every harbor-ts pod as uid 10000, its volumes writable by that group, with no privileges', () => {
    const ours = workloads(chart).filter((w) => w.pod.containers.some((c) => c.image.includes('harbor-ts-')));
    expect(ours.map((w) => w.name).sort()).toEqual(['harbor-core', 'harbor-jobservice', 'harbor-log-collector', 'harbor-portal', 'harbor-proxy', 'harbor-registry']);
    for (const w of ours) {
      expect(w.pod.securityContext).toEqual({ runAsUser: 10000, runAsGroup: 10000, fsGroup: 10000, runAsNonRoot: true });
      for (const c of w.pod.containers) {
        expect(c.securityContext).toEqual({ privileged: false, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
        for (const port of c.ports ?? []) expect(port.containerPort).toBeGreaterThan(1024); // no NET_BIND_SERVICE left to bind below
      }
    }
  });

  it('starts every harbor-ts service on the shared harbor.yml from the ConfigMap', () => {
    for (const w of workloads(chart)) {
      for (const c of w.pod.containers.filter((x) => x.image.includes('harbor-ts-'))) {
        expect(c.command?.slice(-3)).toEqual(['/app/main.js', '--config', '/etc/harbor/harbor.yml']);
        const mount = c.volumeMounts?.find((m) => m.mountPath === '/etc/harbor');
        expect(w.pod.volumes?.find((v) => v.name === mount?.name)?.configMap?.name).toBe('harbor-config');
      }
    }
    expect(container(workload(chart, 'harbor-registry'), 'registry').command).toEqual(['node', '--max-semi-space-size=1', '/app/main.js', '--config', '/etc/harbor/harbor.yml']);
  });

  it('gives each service exactly the secret variables it needs, all from Secrets', () => {
    const envNames = (w: string, c: string) => (container(workload(chart, w), c).env ?? []).map((e) => e.name);
    expect(envNames('harbor-core', 'core')).toEqual(['HARBOR__HARBOR_ADMIN_PASSWORD', 'HARBOR__DATABASE__PASSWORD']);
    expect(envNames('harbor-jobservice', 'jobservice')).toEqual(['HARBOR__DATABASE__PASSWORD']);
    for (const [w, c] of [['harbor-proxy', 'proxy'], ['harbor-registry', 'registry'], ['harbor-registry', 'registryctl'], ['harbor-log-collector', 'log-collector'], ['harbor-portal', 'portal']]) {
      expect(envNames(w, c)).toEqual([]);
    }
    for (const w of workloads(chart)) for (const c of w.pod.containers) expect(Object.keys(resolvedEnv(chart, c)).length).toBe((c.env ?? []).length);
  });

  it('never inlines a secret in a workload or the ConfigMap', () => {
    const secrets = all(chart, 'Secret').flatMap((s) => Object.keys(s.data as object).map((k) => secretValue(chart, s.metadata.name, k) as string));
    expect(secrets).toContain('Harbor12345');
    const exposed = [harborYml(chart), ...chart.documents.filter((d) => d.object.kind !== 'Secret').map((d) => d.text)].join('\n');
    for (const value of secrets) expect(exposed).not.toContain(value);
    for (const w of workloads(chart)) {
      for (const c of w.pod.containers) {
        for (const e of c.env ?? []) if (/PASSWORD|SECRET/.test(e.name)) expect(e.value).toBeUndefined();
      }
    }
  });

  it('routes every Service to pods that exist and to ports those pods declare', () => {
    for (const service of all(chart, 'Service')) {
      const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string; protocol?: string }[] };
      const pods = workloads(chart).filter((w) => selects(spec.selector, w.podLabels));
      expect(pods.length).toBeGreaterThan(0);
      const declared = pods.flatMap((w) => w.pod.containers.flatMap((c) => (c.ports ?? []).map((p) => `${p.name}/${p.protocol ?? 'TCP'}`)));
      for (const p of spec.ports) expect(declared).toContain(`${p.targetPort}/${p.protocol ?? 'TCP'}`);
    }
    for (const w of workloads(chart)) {
      const selector = (w.object.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
      expect(selects(selector, w.podLabels)).toBe(true);
    }
  });

  it('mounts only Secrets, ConfigMaps and claims the chart creates', () => {
    const exists = (kind: string, name: string) => all(chart, kind).some((o) => o.metadata.name === name);
    for (const w of workloads(chart)) {
      for (const v of w.pod.volumes ?? []) {
        if (v.secret) expect(exists('Secret', v.secret.secretName)).toBe(true);
        if (v.configMap) expect(exists('ConfigMap', v.configMap.name)).toBe(true);
        if (v.persistentVolumeClaim) expect(exists('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)).toBe(true);
      }
    }
  });
});

describe('the configuration each service loads (libs/config)', () => {
  const core = serviceConfig(chart, 'harbor-core', 'core');

  it('is valid for every service, and each listens where its container port is', () => {
    const listens: [string, string, (c: typeof core) => { host: string; port: number }][] = [
      ['harbor-core', 'core', (c) => coreConfig(c).listen],
      ['harbor-registry', 'registry', (c) => registryConfig(c).listen],
      ['harbor-registry', 'registryctl', (c) => registryctlConfig(c).listen],
      ['harbor-jobservice', 'jobservice', (c) => jobserviceConfig(c).listen],
      ['harbor-log-collector', 'log-collector', (c) => logCollectorConfig(c).listen],
      ['harbor-portal', 'portal', (c) => portalConfig(c).listen],
    ];
    for (const [w, name, listen] of listens) {
      const c = container(workload(chart, w), name);
      expect(listen(serviceConfig(chart, w, name))).toEqual({ host: '0.0.0.0', port: c.ports?.[0].containerPort });
    }
    const proxy = proxyConfig(serviceConfig(chart, 'harbor-proxy', 'proxy'));
    expect(proxy.http.port).toBe(container(workload(chart, 'harbor-proxy'), 'proxy').ports?.[0].containerPort);
    expect(proxy.https).toBeUndefined(); // the ingress terminates TLS
    expect(proxy.publicUrl).toBe('https://core.harbor.domain');
  });

  it('reaches the other services by their Kubernetes Service names and ports', () => {
    const port = (name: string) => (get(chart, 'Service', name).spec as { ports: { port: number }[] }).ports[0].port;
    expect(internalUrls(core)).toEqual({
      core: `http://harbor-core:${port('harbor-core')}`,
      registry: `http://harbor-registry:${port('harbor-registry')}`,
      jobservice: `http://harbor-jobservice:${port('harbor-jobservice')}`,
      registryctl: `http://harbor-registryctl:${port('harbor-registryctl')}`,
    });
    const portal = `http://harbor-portal:${port('harbor-portal')}`;
    expect([coreConfig(core).portalUrl, proxyConfig(serviceConfig(chart, 'harbor-proxy', 'proxy')).upstreams.portal]).toEqual([portal, portal]);
    expect(coreConfig(core).database).toMatchObject({ host: 'harbor-database', port: port('harbor-database'), user: 'postgres', database: 'registry' });
    expect(coreConfig(core).redis).toMatchObject({ host: 'harbor-redis', port: port('harbor-redis') });
  });

  it('uses the database password the bundled PostgreSQL is started with', () => {
    const postgres = container(workload(chart, 'harbor-database'), 'database');
    const password = resolvedEnv(chart, postgres).POSTGRES_PASSWORD;
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(coreConfig(core).database.password).toBe(password);
    expect(jobserviceConfig(serviceConfig(chart, 'harbor-jobservice', 'jobservice')).database.password).toBe(password);
    expect(coreConfig(core).adminPassword).toBe('Harbor12345');
  });

  it('finds the token key pair and the internal secret where the Secrets are mounted', () => {
    const coreWorkload = workload(chart, 'harbor-core');
    const registryWorkload = workload(chart, 'harbor-registry');
    const [keySecret, keyItem] = secretFileAt(coreWorkload, container(coreWorkload, 'core'), coreConfig(core).token.privateKeyFile) ?? [];
    const registry = registryConfig(serviceConfig(chart, 'harbor-registry', 'registry'));
    const [certSecret, certItem] = secretFileAt(registryWorkload, container(registryWorkload, 'registry'), registry.auth?.publicKeyFile ?? '') ?? [];
    expect([keySecret, keyItem, certSecret, certItem]).toEqual(['harbor-token', 'tls.key', 'harbor-token', 'tls.crt']);

    const cert = new X509Certificate(secretValue(chart, 'harbor-token', 'tls.crt') as string);
    const key = createPrivateKey(secretValue(chart, 'harbor-token', 'tls.key') as string);
    expect(cert.publicKey.export({ type: 'spki', format: 'der' })).toEqual(createPublicKey(key).export({ type: 'spki', format: 'der' }));

    const secretFile = internalSecretFile(core);
    for (const [w, c] of [['harbor-core', 'core'], ['harbor-jobservice', 'jobservice'], ['harbor-registry', 'registryctl']]) {
      const wl = workload(chart, w);
      expect(secretFileAt(wl, container(wl, c), secretFile)).toEqual(['harbor-internal', 'secret']);
    }
    expect(secretValue(chart, 'harbor-internal', 'secret')).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('keeps generated secrets on upgrade (lookup finds them in the cluster)', () => {
    const cluster = [
      { ...clusterSecret('harbor-token', { 'tls.key': 'KEY', 'tls.crt': 'CERT' }), type: 'kubernetes.io/tls' },
      clusterSecret('harbor-internal', { secret: 'kept-internal' }),
      clusterSecret('harbor-database', { POSTGRES_PASSWORD: 'kept-db' }),
    ];
    const upgraded = render({}, { cluster, release: { isUpgrade: true } });
    expect(['tls.key', 'tls.crt'].map((k) => secretValue(upgraded, 'harbor-token', k))).toEqual(['KEY', 'CERT']);
    expect(secretValue(upgraded, 'harbor-internal', 'secret')).toBe('kept-internal');
    expect(coreConfig(serviceConfig(upgraded, 'harbor-core', 'core')).database.password).toBe('kept-db');
  });

  it('tells the operator where to find the admin password', () => {
    expect(chart.notes).toContain('kubectl -n default get secret harbor-admin');
  });
});
