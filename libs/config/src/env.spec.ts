import { envScalar } from './env';
import { ConfigError } from './errors';
import { loadConfig } from './load';
import { scratch, thrown } from './test/files';

const files = scratch();
afterAll(() => files.cleanup());

const base = files.write(
  'harbor.yml',
  [
    'hostname: file.example',
    'http:',
    '  port: 81',
    'log:',
    '  level: info',
    '  local:',
    '    rotate_count: 7',
    'registry:',
    '  notifications:',
    '    endpoints:',
    '      - name: hook',
    '        url: http://hooks.example/a',
  ].join('\n'),
);
const withEnv = (env: Record<string, string | undefined>) => loadConfig({ file: base, env, argv: [] });

describe('HARBOR__* overrides', () => {
  it('sets http.port from HARBOR__HTTP__PORT as a number', () => {
    expect(withEnv({ HARBOR__HTTP__PORT: '9000' }).config.http.port).toBe(9000);
  });

  it('reaches nested keys the file does not have', () => {
    const { config } = withEnv({ HARBOR__STORAGE_SERVICE__FILESYSTEM__ROOTDIRECTORY: '/x' });
    expect(config.storage_service.filesystem?.rootdirectory).toBe('/x');
  });

  it('keeps the sibling keys the file sets', () => {
    const { config } = withEnv({ HARBOR__LOG__LEVEL: 'debug' });
    expect(config.log.level).toBe('debug');
    expect(config.log.local?.rotate_count).toBe(7);
    expect(config.hostname).toBe('file.example');
  });

  it('parses booleans', () => {
    expect(withEnv({ HARBOR__REGISTRY__DELETE_ENABLED: 'false' }).config.registry.delete_enabled).toBe(false);
  });

  it('indexes into lists with numeric segments', () => {
    const { config } = withEnv({ HARBOR__REGISTRY__NOTIFICATIONS__ENDPOINTS__0__URL: 'http://other/b' });
    expect(config.registry.notifications.endpoints[0]).toMatchObject({ name: 'hook', url: 'http://other/b' });
  });

  it('creates lists when the file has none', () => {
    const { config } = withEnv({
      HARBOR__REGISTRY__NOTIFICATIONS__ENDPOINTS__1__NAME: 'second',
      HARBOR__REGISTRY__NOTIFICATIONS__ENDPOINTS__1__URL: 'http://second/',
    });
    expect(config.registry.notifications.endpoints.map((e) => e.name)).toEqual(['hook', 'second']);
  });

  it('rejects a key path that runs into a list without an index', () => {
    const err = thrown<ConfigError>(() => withEnv({ HARBOR__REGISTRY__NOTIFICATIONS__ENDPOINTS__URL: 'http://x/' }));
    expect(err.issues).toEqual([
      { path: 'HARBOR__REGISTRY__NOTIFICATIONS__ENDPOINTS__URL', message: expect.stringContaining('inside a list') },
    ]);
  });

  it('treats an empty value as "not set", so the default applies', () => {
    expect(withEnv({ HARBOR__HTTP__PORT: '' }).config.http.port).toBe(80);
    // ...and unsetting inside a section the file lacks does not create that section.
    expect(withEnv({ HARBOR__HTTPS__PORT: '' }).config.https).toBeUndefined();
  });

  it('keeps passwords exactly as written', () => {
    expect(withEnv({ HARBOR__HARBOR_ADMIN_PASSWORD: '0123' }).config.harbor_admin_password).toBe('0123');
    expect(withEnv({ HARBOR__HARBOR_ADMIN_PASSWORD: 'true' }).config.harbor_admin_password).toBe('true');
  });

  it('ignores variables without the HARBOR__ prefix', () => {
    const { config, warnings } = withEnv({ HARBOR_HTTP_PORT: '1', HARBOR_CONFIG_X: '2', PATH: '/bin', HARBORX__A: '3' });
    expect(config.http.port).toBe(81);
    expect(warnings).toEqual([]);
  });

  it('warns about overrides of unknown keys', () => {
    expect(withEnv({ HARBOR__NOPE: '1' }).warnings).toEqual(['nope: unknown key, ignored']);
  });

  it('names the key and the variable when a value is wrong', () => {
    const err = thrown<ConfigError>(() => withEnv({ HARBOR__HTTP__PORT: 'abc' }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.issues).toEqual([{ path: 'http.port', message: "expected a number, got 'abc' (set by HARBOR__HTTP__PORT)" }]);
  });

  it('rejects paths that are empty or reach the prototype', () => {
    const env = { HARBOR____PROTO____POLLUTED: 'yes', HARBOR__HTTP____PORT: '1', HARBOR__CONSTRUCTOR__PROTOTYPE__POLLUTED: 'yes' };
    const err = thrown<ConfigError>(() => withEnv(env));
    expect(err.issues.map((i) => i.path)).toEqual([
      'HARBOR__CONSTRUCTOR__PROTOTYPE__POLLUTED',
      'HARBOR__HTTP____PORT',
      'HARBOR____PROTO____POLLUTED',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not change the environment object it was given', () => {
    const env = { HARBOR__HTTP__PORT: '9000' };
    withEnv(env);
    expect(env).toEqual({ HARBOR__HTTP__PORT: '9000' });
  });
});

describe('envScalar', () => {
  it.each([
    ['9000', 9000],
    ['-1', -1],
    ['2.5', 2.5],
    ['true', true],
    ['false', false],
    ['', null],
    ['  ', null],
    ['null', null],
    ['~', null],
    ['0123', '0123'],
    ['1e3', '1e3'],
    ['0x10', '0x10'],
    ['2.50', '2.50'],
    ['yes', 'yes'],
    ['/data/registry', '/data/registry'],
    ['a: b', 'a: b'],
    ['[1, 2]', '[1, 2]'],
    ['"quoted"', '"quoted"'],
    ['{unclosed', '{unclosed'],
  ])('%p -> %p', (raw, value) => {
    expect(envScalar(raw)).toEqual(value);
  });
});
