import { coreConfig } from './core-config';
import { loadConfig } from './load';
import { proxyConfig } from './proxy-config';
import { inDir, scratch } from './test/files';

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
    const p = proxyConfig(load('hostname: h\nhttp:\n  port: 8080\nhttps:\n  port: 8443\n  certificate: /etc/c.pem\n  private_key: /etc/k.pem\n'));
    expect(p).toMatchObject({ http: { port: 8080 }, https: { port: 8443, certificateFile: '/etc/c.pem', privateKeyFile: '/etc/k.pem' } });
  });

  it('points at core and the registry on their internal addresses', () => {
    const p = proxyConfig(load('hostname: h\ncore:\n  bind: 0.0.0.0\n  port: 9000\nregistry:\n  port: 5001\n'));
    expect(p.upstreams).toEqual({ core: 'http://127.0.0.1:9000', registry: 'http://127.0.0.1:5001' });
    expect(p.https).toBeUndefined();
  });
});
