import {
  coreConfig, type HarborConfig, jobserviceConfig, loadConfig, logCollectorConfig, portalConfig, proxyConfig, registryConfig, registryctlConfig,
} from '@harbor-ts/config';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appOf, appProjects, composeConfig, type ComposeModel, type ComposeService, environmentOf, parseVolume, repoRoot } from './support/compose';

// docker-compose.yml and the Dockerfile cannot run here (no Docker engine), so they are checked
// against the code: the services apps/ defines, the ports libs/config defaults to, the files
// each service's configuration slice reads and writes.

let compose: ComposeModel;
const vars = { HARBOR_YML: '/etc/harbor-host/harbor.yml', HARBOR_DATA_VOLUME: '/srv/harbor', HARBOR_STORAGE_DIR: '/srv/harbor/registry', HARBOR_HTTP_PORT: '8088' };

beforeAll(async () => {
  compose = await composeConfig(vars);
}, 60_000);

const apps = () => Object.entries(compose.services).filter(([, s]) => appOf(s) !== undefined) as [string, ComposeService][];

/** harbor.yml.tmpl as a container sees it, through the service's compose environment. */
function containerConfig(service: ComposeService): HarborConfig {
  return loadConfig({ file: join(repoRoot, 'harbor.yml.tmpl'), env: environmentOf(service), argv: [] }).config;
}

describe('docker-compose.yml', () => {
  it('runs one container per app the code defines, plus PostgreSQL and Redis', () => {
    expect(apps().map(([, s]) => appOf(s)).sort()).toEqual(appProjects());
    for (const [name, service] of apps()) expect(name).toBe(appOf(service));
    const others = Object.entries(compose.services).filter(([, s]) => appOf(s) === undefined);
    expect(Object.fromEntries(others.map(([n, s]) => [n, s.image.split(':')[0]]))).toEqual({ postgresql: 'postgres', redis: 'redis' });
  });

  it('builds every app from the one Dockerfile and runs it as the data owner, not root', () => {
    for (const [, service] of apps()) {
      expect(service.build).toMatchObject({ context: repoRoot, dockerfile: 'deploy/docker/Dockerfile' });
      expect(service.user).toBe('10000:10000');
    }
  });

  it('publishes only the proxy, on http.port', () => {
    const published = Object.entries(compose.services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([n]) => n)).toEqual(['proxy']);
    expect(compose.services.proxy.ports).toEqual([{ published: 8088, target: 8088 }]);
    expect(compose.services.proxy.sysctls).toEqual({ 'net.ipv4.ip_unprivileged_port_start': '0' });
  });

  it('adds the https and metric ports only through their override files', async () => {
    const model = await composeConfig({ ...vars, HARBOR_HTTPS_PORT: '8443', HARBOR_METRIC_PORT: '9091' }, [
      'docker-compose.yml', 'deploy/docker/compose.https.yml', 'deploy/docker/compose.metric.yml',
    ]);
    const ports = model.services.proxy.ports!.map((p) => [Number(p.published), p.target]).sort((a, b) => a[0] - b[0]);
    expect(ports).toEqual([[8088, 8088], [8443, 8443], [9091, 9091]]);
  });

  it('pins each internal port to the libs/config default and names each service as its host', () => {
    const defaults = loadConfig({ file: join(repoRoot, 'harbor.yml.tmpl'), env: {}, argv: [] }).config;
    const env = environmentOf(compose.services.core);
    const serviceOf = { core: 'core', registry: 'registry', registryctl: 'registryctl', jobservice: 'jobservice', log_collector: 'log-collector', portal: 'portal-api' } as const;
    for (const [section, service] of Object.entries(serviceOf) as [keyof typeof serviceOf, string][]) {
      const prefix = `HARBOR__${section.toUpperCase()}__`;
      expect([section, Number(env[`${prefix}PORT`])]).toEqual([section, defaults[section].port]);
      expect([section, env[`${prefix}HOST`]]).toEqual([section, service]);
      expect(compose.services).toHaveProperty(service);
      expect(env[`${prefix}BIND`]).toBe('0.0.0.0');
    }
    const urls = coreConfig(containerConfig(compose.services.core));
    expect([urls.registryUrl, urls.jobserviceUrl, urls.portalUrl, urls.database.host, urls.redis.host]).toEqual(['http://registry:5000', 'http://jobservice:8280', 'http://portal-api:8580', 'postgresql', 'redis']);
  });

  it('has the proxy send the portal\'s paths to portal-api, which listens on every interface', () => {
    expect(proxyConfig(containerConfig(compose.services.proxy)).upstreams).toEqual({ core: 'http://core:8180', registry: 'http://registry:5000', portal: 'http://portal-api:8580' });
    expect(portalConfig(containerConfig(compose.services['portal-api'])).listen).toEqual({ host: '0.0.0.0', port: 8580 });
  });

  it('gives every app the same view of the stack; only the proxy sees the https files', () => {
    const { proxy, ...rest } = Object.fromEntries(apps().map(([n, s]) => [n, environmentOf(s)]));
    const { NODE_OPTIONS: _flags, ...registry } = rest.registry;
    for (const env of Object.values({ ...rest, registry })) expect(env).toEqual(rest.core);
    expect(rest.core.HARBOR__HTTPS).toBe('');
    expect(proxy).not.toHaveProperty('HARBOR__HTTPS');
    expect(Object.keys(proxy).filter((k) => !(k in rest.core)).sort()).toEqual(['HARBOR__HTTPS__CERTIFICATE', 'HARBOR__HTTPS__PRIVATE_KEY']);
  });

  it('starts the registry with its node flags (apps/registry/node-flags.json)', () => {
    const { flags } = JSON.parse(readFileSync(join(repoRoot, 'apps/registry/node-flags.json'), 'utf8')) as { flags: string[] };
    expect(environmentOf(compose.services.registry).NODE_OPTIONS).toBe(flags.join(' '));
  });

  it('mounts harbor.yml read-only into every app at the path the image reads', () => {
    for (const [, service] of apps()) {
      expect(service.volumes!.map(parseVolume)).toContainEqual({ host: vars.HARBOR_YML, container: '/etc/harbor/harbor.yml', readOnly: true });
    }
  });

  it('mounts every file a service reads or writes, from data_volume on the host', () => {
    const needs: Record<string, (c: HarborConfig) => { path: string; write: boolean }[]> = {
      core: (c) => [coreConfig(c).token.privateKeyFile, coreConfig(c).token.certificateFile, coreConfig(c).internalSecretFile].map((path) => ({ path, write: true })),
      registry: (c) => [{ path: registryConfig(c).storage.rootDirectory, write: true }, { path: registryConfig(c).auth!.publicKeyFile, write: false }],
      registryctl: (c) => [{ path: registryctlConfig(c).storage.rootDirectory, write: true }, { path: registryctlConfig(c).internalSecretFile, write: false }],
      jobservice: (c) => [{ path: jobserviceConfig(c).jobLogDirectory, write: true }, { path: jobserviceConfig(c).internalSecretFile, write: false }],
      'log-collector': (c) => [{ path: logCollectorConfig(c).files!.directory, write: true }],
      proxy: () => [{ path: '/data/secret/cert/server.crt', write: false }],
      'portal-api': () => [], // its web files are in the image, next to main.js
    };
    expect(Object.keys(needs).sort()).toEqual(appProjects());
    for (const [name, service] of apps()) {
      const volumes = service.volumes!.map(parseVolume);
      for (const { path, write } of needs[name](containerConfig(service))) {
        const mount = volumes.find((v) => path === v.container || path.startsWith(`${v.container}/`));
        expect([name, path, mount !== undefined]).toEqual([name, path, true]);
        if (write) expect([name, path, mount!.readOnly]).toEqual([name, path, false]);
        expect(mount!.host.startsWith('/srv/harbor') || mount!.host === '/var/log/harbor').toBe(true);
      }
    }
  });

  it('checks every service\'s health, on the port that service listens on', () => {
    const defaults = loadConfig({ file: join(repoRoot, 'harbor.yml.tmpl'), env: {}, argv: [] }).config;
    const expected: Record<string, string> = {
      core: `127.0.0.1:${defaults.core.port}/api/v2.0/ping`,
      registry: `127.0.0.1:${defaults.registry.port}/health`,
      registryctl: `127.0.0.1:${defaults.registryctl.port}/api/health`,
      jobservice: `127.0.0.1:${defaults.jobservice.port}/api/v1/health`,
      'log-collector': `127.0.0.1:${defaults.log_collector.health_port}/health`,
      'portal-api': `127.0.0.1:${defaults.portal.port}/health`,
      proxy: '127.0.0.1:8088/api/v2.0/ping',
    };
    expect(Object.keys(expected).sort()).toEqual(appProjects());
    for (const [name, service] of apps()) expect([name, service.healthcheck!.test.join(' ')]).toEqual([name, expect.stringContaining(`http://${expected[name]}`)]);
    expect(compose.services.postgresql.healthcheck!.test).toContain('pg_isready');
    expect(compose.services.redis.healthcheck!.test.join(' ')).toContain('redis-cli ping');
  });

  it('starts core after PostgreSQL and Redis are healthy, the rest after core, the proxy after all it routes to', () => {
    expect(Object.keys(compose.services.core.depends_on!).sort()).toEqual(['log-collector', 'postgresql', 'redis']);
    for (const name of ['registry', 'registryctl', 'jobservice', 'proxy']) {
      expect(compose.services[name].depends_on!.core).toEqual({ condition: 'service_healthy' });
    }
    // The portal serves files: it needs only somewhere to ship its logs.
    expect(compose.services['portal-api'].depends_on).toEqual({ 'log-collector': { condition: 'service_healthy' } });
    for (const upstream of ['core', 'registry', 'portal-api']) {
      expect([upstream, compose.services.proxy.depends_on![upstream]]).toEqual([upstream, { condition: 'service_healthy' }]);
    }
    expect(compose.services.postgresql.environment).toMatchObject({ POSTGRES_DB: 'registry' });
  });
});

describe('deploy/docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(repoRoot, 'deploy/docker/Dockerfile'), 'utf8');
  const lines = dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const stages = lines.filter((l) => l.startsWith('FROM ')).map((l) => l.split(/\s+AS\s+/i)[1]);
  const runtime = lines.slice(lines.findIndex((l) => l.endsWith('AS runtime')));

  it('has a production-dependencies stage, a build stage and a runtime stage', () => {
    expect(stages).toEqual(['deps', 'build', 'runtime']);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(runtime.some((l) => l.startsWith('COPY --from=build'))).toBe(true);
    expect(runtime.some((l) => /^COPY (?!--from)/.test(l))).toBe(false);
  });

  it('bundles the service named by SERVICE with the repository\'s bundler', () => {
    expect(dockerfile).toContain('ARG SERVICE');
    expect(dockerfile).toContain('node tools/scripts/bundle.mjs "apps/${SERVICE}/src/main.ts" /out/main.js');
  });

  it('ships the whole bundle directory, so the portal\'s web files reach /app/public beside main.js', () => {
    // tools/scripts/bundle.mjs writes an app's web front end to public/ beside the outfile; the
    // compose topology test runs the portal from exactly such a bundle.
    expect(runtime).toContain('COPY --from=build /out/ ./');
    expect(runtime.filter((l) => l.startsWith('COPY --from=build'))).toHaveLength(1);
    expect(existsSync(join(repoRoot, 'apps/portal-api/web/build.mjs'))).toBe(true);
  });

  it('runs as a non-root user: node /app/main.js --config /etc/harbor/harbor.yml', () => {
    const user = runtime.filter((l) => l.startsWith('USER ')).map((l) => l.slice(5).trim());
    expect(user).toHaveLength(1);
    expect(['root', '0']).not.toContain(user[0].split(':')[0]);
    expect(runtime[runtime.length - 1]).toBe('CMD ["node", "/app/main.js", "--config", "/etc/harbor/harbor.yml"]');
  });

  it('keeps local installs, builds and data out of the build context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', 'data', 'harbor.yml']) expect(ignored).toContain(entry);
  });
});
