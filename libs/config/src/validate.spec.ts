import { ConfigError } from './errors';
import { loadConfig } from './load';
import { scratch, thrown } from './test/files';

const files = scratch();
afterAll(() => files.cleanup());

/** Loads YAML text with no environment, as a test-sized harbor.yml. */
function load(yaml: string, env: Record<string, string> = {}) {
  return loadConfig({ file: files.write(`c${Math.random().toString(36).slice(2)}.yml`, yaml), env, argv: [] });
}
const problems = (yaml: string, env: Record<string, string> = {}) => thrown<ConfigError>(() => load(yaml, env));

describe('defaults', () => {
  it('fills Harbor defaults for a minimal file', () => {
    const { config } = load('hostname: reg.example.com\n');
    expect(config.hostname).toBe('reg.example.com');
    expect(config.http.port).toBe(80);
    expect(config.data_volume).toBe('/data');
    expect(config.harbor_admin_password).toBe('Harbor12345');
    expect(config.log.level).toBe('info');
    expect(config.upload_purging).toEqual({ enabled: true, age: '168h', interval: '24h', dryrun: false });
    expect(config.metric).toEqual({ enabled: false, port: 9090, path: '/metrics' });
    expect(config.registry).toMatchObject({ bind: '127.0.0.1', delete_enabled: true, max_manifest_bytes: 4 * 1024 ** 2 });
    expect(config.registry.notifications.endpoints).toEqual([]);
    expect(config.https).toBeUndefined();
    expect(config.external_url).toBeUndefined();
  });

  it('defaults hostname to localhost for development', () => {
    expect(load('http:\n  port: 8080\n').config.hostname).toBe('localhost');
  });

  it('fills nested defaults inside optional sections', () => {
    const { config } = load('log:\n  level: debug\n  local:\n    rotate_count: 3\n');
    expect(config.log.local).toEqual({ rotate_count: 3, rotate_size: 200 * 1024 ** 2, location: '/var/log/harbor' });
  });

  it('treats `key:` with no value as not set', () => {
    const { config } = load('hostname:\nhttp:\n  port:\nstorage_service:\n  ca_bundle:\n');
    expect(config.hostname).toBe('localhost');
    expect(config.http.port).toBe(80);
    expect(config.storage_service.ca_bundle).toBeUndefined();
  });

  it('takes a numeric password as the text it was written as', () => {
    expect(load('harbor_admin_password: 12345\n').config.harbor_admin_password).toBe('12345');
  });
});

describe('the result', () => {
  it('is frozen all the way down', () => {
    const { config } = load('registry:\n  notifications:\n    endpoints:\n      - name: a\n        url: http://h/x\n');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(Object.isFrozen(config.registry.notifications.endpoints)).toBe(true);
    expect(Object.isFrozen(config.registry.notifications.endpoints[0].headers)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('resolves relative paths against the working directory', () => {
    const { config } = load('data_volume: ./data\n');
    expect(config.data_volume).toBe(`${process.cwd()}/data`);
  });
});

describe('errors', () => {
  it('names the key and the value for a wrong type', () => {
    const err = problems("http:\n  port: 'abc'\n");
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.issues).toEqual([{ path: 'http.port', message: "expected a number, got 'abc'" }]);
    expect(err.message).toContain("http.port: expected a number, got 'abc'");
  });

  it.each([0, 65536, 70000])('rejects port %p', (port) => {
    expect(problems(`http:\n  port: ${port}\n`).issues).toEqual([
      { path: 'http.port', message: 'must be between 1 and 65535' },
    ]);
  });

  it('rejects a fractional port', () => {
    expect(problems('http:\n  port: 80.5\n').issues[0]).toEqual({ path: 'http.port', message: 'expected a whole number, got 80.5' });
  });

  it('rejects an unknown log level, listing the allowed ones', () => {
    expect(problems('log:\n  level: verbose\n').issues).toEqual([
      { path: 'log.level', message: "expected one of debug, info, warning, error, fatal, got 'verbose'" },
    ]);
  });

  it('reports every problem at once', () => {
    const err = problems(
      [
        'hostname: http://reg.example.com/',
        'external_url: ftp://x',
        'http: {port: abc}',
        'https: {port: 99999}',
        'log: {level: loud}',
        'upload_purging: {enabled: yes, age: 7d}',
        'metric: {path: metrics}',
        'registry: {delete_enabled: 1, max_manifest_bytes: huge, bind: "a b"}',
      ].join('\n'),
    );
    expect(err.issues.map((i) => i.path).sort()).toEqual(
      [
        'hostname',
        'external_url',
        'http.port',
        'https.port',
        'https.certificate',
        'https.private_key',
        'log.level',
        'upload_purging.enabled',
        'upload_purging.age',
        'metric.path',
        'registry.delete_enabled',
        'registry.max_manifest_bytes',
        'registry.bind',
      ].sort(),
    );
    expect(err.message.split('\n')).toHaveLength(err.issues.length + 1);
    expect(err.message).toContain('13 problems');
    expect(err.message).toContain("upload_purging.enabled: expected true or false, got 'yes'");
    expect(err.message).toContain('https.certificate: is required');
  });

  it('rejects storage drivers that do not exist yet instead of falling back to disk', () => {
    expect(problems('storage_service:\n  s3:\n    bucket: b\n').issues).toEqual([
      { path: 'storage_service.s3', message: 'storage driver not supported yet (only filesystem)' },
    ]);
  });

  it('rejects a token realm that is not an http(s) URL', () => {
    const err = problems('registry:\n  token:\n    realm: ftp://h/service/token\n');
    expect(err.issues).toEqual([{ path: 'registry.token.realm', message: expect.stringContaining('http') }]);
  });

  it('checks each notification endpoint', () => {
    const yaml = [
      'registry:',
      '  notifications:',
      '    endpoints:',
      '      - {name: a, url: http://h/a, timeout: soon}',
      '      - {url: not-a-url, threshold: 0, headers: {X: {a: 1}}}',
    ].join('\n');
    expect(problems(yaml).issues.map((i) => i.path).sort()).toEqual([
      'registry.notifications.endpoints[0].timeout',
      'registry.notifications.endpoints[1].headers.X',
      'registry.notifications.endpoints[1].name',
      'registry.notifications.endpoints[1].threshold',
      'registry.notifications.endpoints[1].url',
    ]);
  });

  it('rejects duplicate endpoint names', () => {
    const yaml = 'registry:\n  notifications:\n    endpoints:\n      - {name: a, url: http://h/1}\n      - {name: a, url: http://h/2}\n';
    expect(problems(yaml).issues).toEqual([
      { path: 'registry.notifications.endpoints', message: 'endpoint names must be unique' },
    ]);
  });

  it('reports a wrongly typed section', () => {
    expect(problems('http: 8080\n').issues).toEqual([{ path: 'http', message: 'expected a mapping, got 8080' }]);
  });
});

describe('unknown keys', () => {
  it('warns about top-level keys instead of failing', () => {
    const { config, warnings } = load('hostname: h\ntrivy:\n  insecure: true\nhostnmae: typo\n');
    expect(config.hostname).toBe('h');
    expect(warnings).toEqual(['trivy: Harbor setting not supported yet, ignored', 'hostnmae: unknown key, ignored']);
    expect(config).not.toHaveProperty('trivy');
  });

  it('warns about nested keys too', () => {
    const { config, warnings } = load('http:\n  port: 81\n  porrt: 82\n');
    expect(config.http).toEqual({ port: 81 });
    expect(warnings).toEqual(['http.porrt: unknown key, ignored']);
  });

  it('still reports type errors alongside unknown keys', () => {
    const err = problems('bogus: 1\nhttp:\n  port: x\n');
    expect(err.issues).toEqual([{ path: 'http.port', message: "expected a number, got 'x'" }]);
  });
});
