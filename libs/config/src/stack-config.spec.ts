import { coreConfig } from './core-config';
import type { ConfigError } from './errors';
import { jobserviceConfig } from './jobservice-config';
import { loadConfig } from './load';
import { internalUrls } from './paths';
import { portalConfig } from './portal-config';
import { proxyConfig } from './proxy-config';
import { inDir, scratch, thrown } from './test/files';

const files = scratch();
afterAll(() => files.cleanup());

function load(yaml: string) {
  const file = files.write(`c${Math.random().toString(36).slice(2)}.yml`, yaml);
  return inDir(files.dir, () => loadConfig({ file, env: {}, argv: [] })).config;
}

describe('coreConfig', () => {
  it('uses the bundled database and Redis on loopback by default', () => {
    const c = coreConfig(load('hostname: h\ndatabase:\n  password: s3cret\n'));
    expect(c.database).toMatchObject({ host: '127.0.0.1', port: 5432, database: 'registry', user: 'postgres', password: 's3cret', ssl: false });
    expect(c.redis).toEqual({ host: '127.0.0.1', port: 6379, db: 0, keyPrefix: 'harbor:' });
    expect(c.registryUrl).toBe('http://127.0.0.1:5000');
    expect(c.publicUrl).toBeUndefined();
  });

  it('finds the bundled database and Redis where database.host and redis.host say (compose names them)', () => {
    const c = coreConfig(load('database:\n  host: postgresql\nredis:\n  host: redis:6390\n  harbor_db_index: 4\n'));
    expect(c.database).toMatchObject({ host: 'postgresql', port: 5432, database: 'registry' });
    expect(c.redis).toMatchObject({ host: 'redis', port: 6390, db: 4 });
    expect(jobserviceConfig(load('redis:\n  host: redis\n')).redis).toMatchObject({ host: 'redis', port: 6379, db: 2 });
  });

  it('lets external_database and external_redis win over the bundled hosts', () => {
    const c = coreConfig(load('database:\n  host: postgresql\nredis:\n  host: redis\nexternal_database:\n  harbor:\n    host: db.ext\nexternal_redis:\n  host: cache.ext\n'));
    expect([c.database.host, c.redis.host]).toEqual(['db.ext', 'cache.ext']);
  });

  it('takes external_database and external_redis (host:port, credentials, db index)', () => {
    const c = coreConfig(load([
      'hostname: h',
      'external_database:', '  harbor:', '    host: db.internal', '    port: 5433', '    db_name: harbor', '    username: harbor', '    password: pw', '    ssl_mode: require',
      'external_redis:', '  host: redis.internal:6380', '  password: rpw', '  harbor_db_index: 3',
    ].join('\n')));
    expect(c.database).toMatchObject({ host: 'db.internal', port: 5433, database: 'harbor', user: 'harbor', password: 'pw', ssl: true });
    expect(c.redis).toMatchObject({ host: 'redis.internal', port: 6380, password: 'rpw', db: 3 });
  });

  it('derives the public URL and token lifetime', () => {
    const c = coreConfig(load('hostname: h\nexternal_url: https://harbor.example.com/\ncore:\n  token_expiration: 5\n'));
    expect(c.publicUrl).toBe('https://harbor.example.com');
    expect(c.token.expirationMinutes).toBe(5);
  });
});

describe('proxyConfig', () => {
  it('serves TLS when https has a certificate and key', () => {
    const [cert, key] = [files.write('tls/c.pem', 'cert'), files.write('tls/k.pem', 'key')];
    const p = proxyConfig(load(`hostname: h\nhttp:\n  port: 8080\nhttps:\n  port: 8443\n  certificate: ${cert}\n  private_key: ${key}\n`));
    expect(p).toMatchObject({ http: { port: 8080 }, https: { port: 8443, certificateFile: cert, privateKeyFile: key } });
  });

  it('reports a certificate or key file that does not exist by its key', () => {
    const cert = files.write('tls/only-cert.pem', 'cert');
    const err = thrown<ConfigError>(() => load(`https:\n  certificate: ${cert}\n  private_key: ${files.dir}/tls/none.key\n`));
    expect(err.issues).toEqual([{ path: 'https.private_key', message: `file not found or not a regular file: ${files.dir}/tls/none.key` }]);
    expect(thrown<ConfigError>(() => load(`https:\n  certificate: ${files.dir}/tls\n  private_key: ${cert}\n`)).issues.map((i) => i.path)).toEqual(['https.certificate']);
  });

  it('points at core and the registry on their internal addresses', () => {
    const p = proxyConfig(load('hostname: h\ncore:\n  bind: 0.0.0.0\n  port: 9000\nregistry:\n  port: 5001\n'));
    expect(p.upstreams).toEqual({ core: 'http://127.0.0.1:9000', registry: 'http://127.0.0.1:5001', portal: 'http://127.0.0.1:8580' });
    expect(p.https).toBeUndefined();
  });
});

describe('internalUrls', () => {
  it('derives each address from bind when no host is set', () => {
    const urls = internalUrls(load('core:\n  bind: 0.0.0.0\nregistry:\n  bind: "::"\njobservice:\n  bind: 10.0.0.5\nregistryctl:\n  bind: fd00::7\n'));
    expect(urls).toEqual({ core: 'http://127.0.0.1:8180', registry: 'http://[::1]:5000', jobservice: 'http://10.0.0.5:8280', registryctl: 'http://[fd00::7]:8380' });
  });

  it('uses each section\'s host, the name compose and Kubernetes give the service', () => {
    const yaml = ['core', 'registry', 'registryctl', 'jobservice'].map((s) => `${s}:\n  bind: 0.0.0.0\n  host: harbor-${s}\n`).join('');
    expect(internalUrls(load(yaml))).toEqual({
      core: 'http://harbor-core:8180', registry: 'http://harbor-registry:5000', jobservice: 'http://harbor-jobservice:8280', registryctl: 'http://harbor-registryctl:8380',
    });
  });

  it('takes host from the environment, as compose sets it', () => {
    const file = files.write('env-host.yml', 'hostname: h\n');
    const { config } = loadConfig({ file, env: { HARBOR__CORE__HOST: 'core', HARBOR__REGISTRY__HOST: 'registry', HARBOR__PORTAL__HOST: 'portal-api' }, argv: [] });
    expect(proxyConfig(config).upstreams).toEqual({ core: 'http://core:8180', registry: 'http://registry:5000', portal: 'http://portal-api:8580' });
    expect(coreConfig(config).portalUrl).toBe('http://portal-api:8580');
  });

  it('gives portal-api its listen address and nothing else', () => {
    expect(portalConfig(load('portal:\n  bind: 0.0.0.0\n  port: 8600\n'))).toEqual({ listen: { host: '0.0.0.0', port: 8600 }, log: { level: 'info' } });
    expect(thrown<ConfigError>(() => load('portal:\n  port: 70000\n')).issues.map((i) => i.path)).toEqual(['portal.port']);
  });

  it('rejects a host with a scheme or path', () => {
    expect(thrown<ConfigError>(() => load('core:\n  host: http://core/\n')).issues.map((i) => i.path)).toEqual(['core.host']);
  });
});
