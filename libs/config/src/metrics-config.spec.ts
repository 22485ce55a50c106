import { coreConfig } from './core-config';
import { jobserviceConfig } from './jobservice-config';
import { loadConfig } from './load';
import { internalUrls } from './paths';
import { proxyConfig } from './proxy-config';
import { registryctlConfig } from './registryctl-config';
import { inDir, scratch } from './test/files';

const files = scratch();
afterAll(() => files.cleanup());

function load(yaml: string, env: Record<string, string> = {}) {
  const file = files.write(`m${Math.random().toString(36).slice(2)}.yml`, yaml);
  return inDir(files.dir, () => loadConfig({ file, env, argv: [] })).config;
}

describe('metric section in the service slices', () => {
  it('is off everywhere by default, and the proxy opens no metrics listener', () => {
    const c = load('hostname: h\n');
    expect(coreConfig(c).metricsEnabled).toBe(false);
    expect(jobserviceConfig(c).metricsEnabled).toBe(false);
    expect(registryctlConfig(c).metricsEnabled).toBe(false);
    expect(proxyConfig(c).metrics).toBeUndefined();
  });

  it('turns every service on and gives the proxy its port, path and the internal addresses', () => {
    const c = load('hostname: h\nmetric:\n  enabled: true\n  port: 9191\n  path: /prom\n');
    expect(coreConfig(c)).toMatchObject({ metricsEnabled: true, registryctlUrl: internalUrls(c).registryctl });
    expect(jobserviceConfig(c).metricsEnabled).toBe(true);
    expect(registryctlConfig(c).metricsEnabled).toBe(true);
    expect(proxyConfig(c).metrics).toEqual({ port: 9191, path: '/prom', upstreams: internalUrls(c) });
  });

  it('takes Harbor defaults (9090, /metrics) and HARBOR__ overrides', () => {
    const c = load('hostname: h\n', { HARBOR__METRIC__ENABLED: 'true' });
    expect(proxyConfig(c).metrics).toMatchObject({ port: 9090, path: '/metrics' });
  });
});
