import { generateKeyPairSync } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors';
import { coreConfig } from './core-config';
import { proxyConfig } from './proxy-config';
import { loadConfig } from './load';
import { registryConfig } from './registry-config';
import { inDir, scratch, thrown } from './test/files';

const files = scratch();
afterAll(() => files.cleanup());

const publicPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
const keyFile = files.write('keys/token.pub', String(publicPem));

function slice(yaml: string, env: Record<string, string> = {}) {
  const file = files.write(`c${Math.random().toString(36).slice(2)}.yml`, yaml);
  return registryConfig(loadConfig({ file, env, argv: [] }).config);
}

describe('registryConfig', () => {
  it('derives an open registry from defaults', () => {
    expect(slice('')).toEqual({
      listen: { host: '127.0.0.1', port: 5000 },
      storage: { rootDirectory: '/data/registry' },
      deleteEnabled: true,
      notifications: [],
      log: { level: 'info' },
      uploadPurging: { enabled: true, ageMs: 168 * 3_600_000, intervalMs: 86_400_000, dryrun: false },
      maxManifestBytes: 4 * 1024 * 1024,
    });
  });

  it("listens on registry.port (5000 by default), never on the proxy's http.port", () => {
    expect(slice('http: {port: 8080}').listen).toEqual({ host: '127.0.0.1', port: 5000 });
    expect(slice('http: {port: 8080}\nregistry: {port: 5000, bind: 0.0.0.0}').listen).toEqual({ host: '0.0.0.0', port: 5000 });
  });

  it('uses external_url without a trailing slash as the public URL', () => {
    expect(slice('external_url: https://reg.example.com:8443/').publicUrl).toBe('https://reg.example.com:8443');
    expect(slice('')).not.toHaveProperty('publicUrl');
  });

  it('puts storage under data_volume, resolved against the working directory', () => {
    const file = files.write('relative.yml', 'data_volume: ./data\n');
    const config = inDir(files.dir, () => loadConfig({ file, env: {}, argv: [] }).config);
    expect(registryConfig(config).storage.rootDirectory).toBe(join(files.dir, 'data', 'registry'));
  });

  it('prefers storage_service.filesystem.rootdirectory', () => {
    expect(slice('storage_service: {filesystem: {rootdirectory: ./blobs}}').storage.rootDirectory).toBe(resolve('blobs'));
  });

  it('maps registry.token to auth', () => {
    const yaml = `registry:\n  token:\n    realm: https://reg/service/token\n    public_key: ${keyFile}\n`;
    expect(slice(yaml).auth).toEqual({
      realm: 'https://reg/service/token',
      service: 'harbor-registry',
      issuer: 'harbor-token-issuer',
      publicKeyFile: keyFile,
    });
  });

  it('defaults the token realm to the public address and the key to the certificate core generates', () => {
    const yaml = 'hostname: reg.example\nhttp: {port: 8080}\ndata_volume: /srv/harbor\nregistry:\n  token: {}\n';
    expect(slice(yaml).auth).toEqual({
      realm: 'http://reg.example:8080/service/token',
      service: 'harbor-registry',
      issuer: 'harbor-token-issuer',
      publicKeyFile: '/srv/harbor/secret/registry/root.crt',
    });
    expect(slice(`external_url: https://harbor.example.com/\nregistry:\n  token: {}\n`).auth?.realm).toBe(
      'https://harbor.example.com/service/token',
    );
  });

  it('maps notification endpoints with durations in milliseconds', () => {
    const yaml = [
      'registry:',
      '  notifications:',
      '    endpoints:',
      '      - {name: a, url: http://h/a, headers: {Authorization: [Bearer x], X-One: y}, timeout: 500, backoff: 2s, threshold: 3}',
      '      - {name: b, url: http://h/b}',
      '      - {name: off, url: http://h/c, disabled: true}',
    ].join('\n');
    expect(slice(yaml).notifications).toEqual([
      { name: 'a', url: 'http://h/a', headers: { Authorization: 'Bearer x', 'X-One': 'y' }, timeoutMs: 500, threshold: 3, backoffMs: 2000 },
      { name: 'b', url: 'http://h/b', headers: {}, timeoutMs: 5000, threshold: 5, backoffMs: 1000 },
    ]);
  });

  it.each([
    ['debug', 'debug'],
    ['info', 'info'],
    ['warning', 'warn'],
    ['error', 'error'],
    ['fatal', 'error'],
  ])('maps Harbor log level %p to %p', (harbor, ours) => {
    expect(slice(`log: {level: ${harbor}}`).log.level).toBe(ours);
  });

  it('converts upload_purging durations and sizes from strings', () => {
    const s = slice('upload_purging: {enabled: false, age: 2h, interval: 30m, dryrun: true}\nregistry: {max_manifest_bytes: 1M}');
    expect(s.uploadPurging).toEqual({ enabled: false, ageMs: 7_200_000, intervalMs: 1_800_000, dryrun: true });
    expect(s.maxManifestBytes).toBe(1024 * 1024);
  });

  it('takes overrides from the environment', () => {
    const s = slice('', { HARBOR__REGISTRY__PORT: '5001', HARBOR__REGISTRY__DELETE_ENABLED: 'false' });
    expect(s.listen.port).toBe(5001);
    expect(s.deleteEnabled).toBe(false);
  });

  it('is frozen', () => {
    const s = slice('');
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.listen)).toBe(true);
  });
});

describe('deploy/local/harbor.yml', () => {
  const file = resolve(__dirname, '../../../deploy/local/harbor.yml');

  it('loads cleanly: the proxy on 8080, core and the registry on loopback, token auth with core\'s key', () => {
    const { config, warnings } = inDir(files.dir, () => loadConfig({ file, env: {}, argv: [] }));
    expect(warnings).toEqual([]);
    expect(config.hostname).toBe('127.0.0.1');
    expect(config.harbor_admin_password).toBe('Harbor12345');
    const s = registryConfig(config);
    expect(s.listen).toEqual({ host: '127.0.0.1', port: 5000 });
    expect(s.storage.rootDirectory).toBe(join(files.dir, 'data', 'registry'));
    expect(s.log.level).toBe('info');
    expect(s.auth).toEqual({
      realm: 'http://127.0.0.1:8080/service/token',
      service: 'harbor-registry',
      issuer: 'harbor-token-issuer',
      publicKeyFile: join(files.dir, 'data', 'secret', 'registry', 'root.crt'),
    });
    expect(proxyConfig(config)).toMatchObject({ http: { port: 8080 }, upstreams: { core: 'http://127.0.0.1:8180', registry: 'http://127.0.0.1:5000' } });
    expect(coreConfig(config)).toMatchObject({
      listen: { host: '127.0.0.1', port: 8180 },
      database: { host: '127.0.0.1', port: 5432, database: 'harbor', user: 'postgres' },
      redis: { host: '127.0.0.1', port: 6379, db: 0 },
      token: { privateKeyFile: join(files.dir, 'data', 'secret', 'core', 'private_key.pem'), expirationMinutes: 30 },
    });
  });
});

describe('registryConfig on a hand-built config', () => {
  it('names the key of a bad duration', () => {
    const { config } = loadConfig({ file: files.write('ok.yml', ''), env: {}, argv: [] });
    const bad = { ...config, upload_purging: { ...config.upload_purging, age: 'later' } };
    expect(thrown<ConfigError>(() => registryConfig(bad)).issues[0].path).toBe('upload_purging.age');
  });
});
