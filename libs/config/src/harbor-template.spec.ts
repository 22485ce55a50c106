import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigError } from './errors';
import { loadConfig } from './load';
import { HARBOR_KEYS_NOT_MODELLED } from './schema/harbor';
import { scratch, thrown } from './test/files';

// harbor.yml.tmpl at the repository root is what operators copy to harbor.yml: it must load as
// it is, and its values must be Harbor's defaults.

const template = resolve(__dirname, '../../../harbor.yml.tmpl');
const files = scratch();
afterAll(() => files.cleanup());

const load = (yaml: string) => loadConfig({ file: files.write(`c${Math.random().toString(36).slice(2)}.yml`, yaml), env: {}, argv: [] });

describe('harbor.yml.tmpl', () => {
  it('loads without errors or warnings, with Harbor\'s values', () => {
    const { config, warnings } = loadConfig({ file: template, env: {}, argv: [] });
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      hostname: 'reg.mydomain.com',
      http: { port: 80 },
      harbor_admin_password: 'Harbor12345',
      data_volume: '/data',
      database: { password: 'root123', max_open_conns: 900 },
      jobservice: { max_job_workers: 10, job_loggers: ['STD_OUTPUT', 'FILE'] },
      log: { level: 'info', local: { rotate_count: 50, rotate_size: 200 * 1024 ** 2, location: '/var/log/harbor' } },
      upload_purging: { enabled: true, age: '168h', interval: '24h', dryrun: false },
      cache: { enabled: false, expire_hours: 24 },
      proxy: { components: ['core', 'jobservice', 'registry', 'trivy'] },
      registry: { token: { service: 'harbor-registry', issuer: 'harbor-token-issuer' } },
    });
    expect(config.https).toBeUndefined();
    expect(config.proxy.http_proxy).toBeUndefined();
  });

  it('loads with only documented warnings when Harbor\'s optional blocks are switched on', () => {
    const extra = ['trivy:', '  insecure: false', 'trace:', '  enabled: true', 'metric:', '  enabled: true', '  port: 9090'].join('\n');
    const { warnings } = loadConfig({ file: files.write('tmpl-plus.yml', `${readFileSync(template, 'utf8')}\n${extra}\n`), env: {}, argv: [] });
    expect(warnings).toEqual(['trivy: Harbor setting not supported yet, ignored', 'trace: Harbor setting not supported yet, ignored']);
    expect(['trivy', 'trace'].every((k) => HARBOR_KEYS_NOT_MODELLED.has(k))).toBe(true);
  });
});

describe('cache', () => {
  it('takes Harbor\'s keys', () => {
    expect(load('cache:\n  enabled: true\n  expire_hours: 6\n').config.cache).toEqual({ enabled: true, expire_hours: 6 });
  });

  it('rejects wrong values by key', () => {
    expect(thrown<ConfigError>(() => load('cache:\n  enabled: yes\n  expire_hours: 0\n')).issues.map((i) => i.path)).toEqual(['cache.enabled', 'cache.expire_hours']);
  });
});

describe('proxy (outbound)', () => {
  it('takes proxy URLs, no_proxy and components', () => {
    const { config } = load('proxy:\n  http_proxy: http://proxy.example:3128\n  https_proxy: http://proxy.example:3128\n  no_proxy: .internal,10.0.0.0/8\n  components: [core, jobservice]\n');
    expect(config.proxy).toEqual({ http_proxy: 'http://proxy.example:3128', https_proxy: 'http://proxy.example:3128', no_proxy: '.internal,10.0.0.0/8', components: ['core', 'jobservice'] });
  });

  it('rejects a proxy that is not a URL and an unknown component', () => {
    const err = thrown<ConfigError>(() => load('proxy:\n  http_proxy: proxy.example:3128\n  components: [core, portal]\n'));
    expect(err.issues.map((i) => i.path)).toEqual(['proxy.http_proxy', 'proxy.components[1]']);
    expect(err.message).toContain("expected one of core, jobservice, registry, trivy, got 'portal'");
  });

  it('is no longer among the keys reported as not supported', () => {
    expect(load('proxy:\n  http_proxy:\ncache:\n  enabled: false\n').warnings).toEqual([]);
    expect(HARBOR_KEYS_NOT_MODELLED.has('proxy') || HARBOR_KEYS_NOT_MODELLED.has('cache')).toBe(false);
  });
});
