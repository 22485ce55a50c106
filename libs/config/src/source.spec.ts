import { join } from 'node:path';
import { ConfigError } from './errors';
import { loadConfig } from './load';
import { inDir, scratch, thrown } from './test/files';

const files = scratch();
afterAll(() => files.cleanup());

const explicit = files.write('explicit.yml', 'hostname: explicit.example\n');
const viaArg = files.write('arg.yml', 'hostname: arg.example\n');
const viaEnv = files.write('env.yml', 'hostname: env.example\n');
const cwdDir = join(files.dir, 'cwd');
files.write('cwd/harbor.yml', 'hostname: cwd.example\n');
const emptyDir = join(files.dir, 'empty');
files.write('empty/.keep', '');

const hostnameFrom = (opts: Parameters<typeof loadConfig>[0]) => inDir(cwdDir, () => loadConfig(opts));

describe('choosing the configuration file', () => {
  it('prefers an explicit file over everything else', () => {
    const loaded = hostnameFrom({ file: explicit, argv: ['--config', viaArg], env: { HARBOR_CONFIG: viaEnv } });
    expect(loaded.config.hostname).toBe('explicit.example');
    expect(loaded.source).toBe(explicit);
  });

  it('then --config <path> in argv', () => {
    const loaded = hostnameFrom({ argv: ['node', 'main.js', '--config', viaArg], env: { HARBOR_CONFIG: viaEnv } });
    expect(loaded.config.hostname).toBe('arg.example');
  });

  it('accepts --config=<path> too', () => {
    expect(hostnameFrom({ argv: [`--config=${viaArg}`], env: {} }).config.hostname).toBe('arg.example');
  });

  it('then HARBOR_CONFIG', () => {
    expect(hostnameFrom({ argv: [], env: { HARBOR_CONFIG: viaEnv } }).config.hostname).toBe('env.example');
  });

  it('then ./harbor.yml in the working directory', () => {
    const loaded = hostnameFrom({ argv: [], env: {} });
    expect(loaded.config.hostname).toBe('cwd.example');
    expect(loaded.source).toBe(join(cwdDir, 'harbor.yml'));
  });

  it('falls back to defaults when there is no file at all', () => {
    const loaded = inDir(emptyDir, () => loadConfig({ argv: [], env: {} }));
    expect(loaded.source).toBeUndefined();
    expect(loaded.config.hostname).toBe('localhost');
    expect(loaded.warnings).toEqual([]);
  });

  it('resolves a relative path against the working directory', () => {
    const loaded = inDir(files.dir, () => loadConfig({ file: 'explicit.yml', argv: [], env: {} }));
    expect(loaded.source).toBe(explicit);
  });

  it('treats an empty HARBOR_CONFIG as unset', () => {
    expect(hostnameFrom({ argv: [], env: { HARBOR_CONFIG: ' ' } }).config.hostname).toBe('cwd.example');
  });

  it('rejects --config without a path', () => {
    const err = thrown<ConfigError>(() => hostnameFrom({ argv: ['--config'], env: {} }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('--config: expects a file path');
  });
});

describe('reading the file', () => {
  it('names a file that does not exist', () => {
    const missing = join(files.dir, 'missing.yml');
    const err = thrown<ConfigError>(() => loadConfig({ file: missing, env: {}, argv: [] }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.issues).toEqual([{ path: missing, message: expect.stringContaining('cannot read the file') }]);
    expect(err.message).toContain(missing);
  });

  it('names a file named by HARBOR_CONFIG that does not exist', () => {
    const missing = join(files.dir, 'nope.yml');
    expect(() => loadConfig({ env: { HARBOR_CONFIG: missing }, argv: [] })).toThrow(missing);
  });

  it('reports every YAML syntax error with the file name', () => {
    const bad = files.write('bad.yml', 'hostname: [unclosed\nhttp:\n  port: 80\n');
    const err = thrown<ConfigError>(() => loadConfig({ file: bad, env: {}, argv: [] }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.issues.length).toBeGreaterThan(0);
    expect(err.issues.every((i) => i.path === bad && i.message.startsWith('invalid YAML'))).toBe(true);
    expect(err.message).toContain(bad);
  });

  it('rejects duplicate keys rather than silently keeping one', () => {
    const dup = files.write('dup.yml', 'http:\n  port: 80\nhttp:\n  port: 81\n');
    expect(() => loadConfig({ file: dup, env: {}, argv: [] })).toThrow(/invalid YAML/);
  });

  it('rejects a file whose top level is not a mapping', () => {
    const list = files.write('list.yml', '- hostname\n- port\n');
    expect(() => loadConfig({ file: list, env: {}, argv: [] })).toThrow(`${list}: expected a mapping`);
  });

  it('treats an empty file as defaults', () => {
    const empty = files.write('empty.yml', '# nothing here\n');
    const loaded = loadConfig({ file: empty, env: {}, argv: [] });
    expect(loaded.config.http.port).toBe(80);
    expect(loaded.source).toBe(empty);
  });
});
