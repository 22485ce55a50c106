import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../../apps/core/test/support/test-database';
import { freeLoopbackPort } from '../../apps/registry/test/support/free-port';
import { repoRoot } from './support/compose';
import { type AppBundles, bundleApps, runScript } from './support/processes';

// ./prepare and ./install.sh run for real against temporary data volumes. No Docker engine
// here: the compose path is exercised up to the point of starting containers (--prepare-only),
// the local path all the way to a serving stack.

const exec = promisify(execFile);
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'harbor-install-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function harborYml(name: string, lines: string[]): Promise<string> {
  const file = join(work, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

const mode = async (file: string) => (await stat(file)).mode & 0o777;
const secretFiles = (data: string) => ['secret/core/private_key.pem', 'secret/registry/root.crt', 'secret/internal/secret'].map((f) => join(data, f));

describe('./prepare', () => {
  it('creates the token key pair and the internal secret, private files 0600', async () => {
    const data = join(work, 'p1');
    const result = await runScript('prepare', ['--config', await harborYml('p1.yml', ['hostname: h', `data_volume: ${data}`])]);
    expect(result).toMatchObject({ code: 0 });
    const [key, cert, secret] = secretFiles(data);
    expect(result.output).toContain(`created ${key}`);
    expect(await readFile(key, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(await readFile(cert, 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect((await readFile(secret, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    expect([await mode(key), await mode(secret), await mode(cert)]).toEqual([0o600, 0o600, 0o644]);
    expect(await mode(join(data, 'secret', 'core'))).toBe(0o700);
  }, 60_000);

  it('keeps the secrets it finds on a second run', async () => {
    const data = join(work, 'p2');
    const config = await harborYml('p2.yml', ['hostname: h', `data_volume: ${data}`]);
    expect((await runScript('prepare', ['--config', config])).code).toBe(0);
    const before = await Promise.all(secretFiles(data).map((f) => readFile(f, 'utf8')));
    const again = await runScript('prepare', ['--config', config]);
    expect(again.code).toBe(0);
    expect(again.output).not.toContain('created');
    expect(again.output.match(/kept /g)).toHaveLength(3);
    expect(await Promise.all(secretFiles(data).map((f) => readFile(f, 'utf8')))).toEqual(before);
  }, 60_000);

  it('lists every bad key, exits non-zero and creates nothing', async () => {
    const data = join(work, 'bad-data');
    const config = await harborYml('bad.yml', ['hostname: h', `data_volume: ${data}`, 'http:', '  port: eighty', 'cache:', '  expire_hours: -1', 'https:', `  certificate: ${work}/none.crt`, `  private_key: ${work}/none.key`]);
    const result = await runScript('prepare', ['--config', config]);
    expect(result.code).toBe(2);
    for (const key of ['http.port', 'cache.expire_hours', 'https.certificate', 'https.private_key']) expect(result.output).toContain(`${key}:`);
    expect(existsSync(data)).toBe(false);
  }, 60_000);
});

describe('./install.sh', () => {
  it('refuses to run without a harbor.yml, pointing at the template', async () => {
    const result = await runScript('install.sh', ['--config', join(work, 'missing.yml'), '--prepare-only']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('copy harbor.yml.tmpl to harbor.yml');
  });

  it('stops on a bad harbor.yml before touching data_volume', async () => {
    const data = join(work, 'i-bad');
    const config = await harborYml('i-bad.yml', ['hostname: h', `data_volume: ${data}`, 'core:', '  port: x']);
    const result = await runScript('install.sh', ['--config', config, '--local']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("core.port: expected a number, got 'x'");
    expect(existsSync(data)).toBe(false);
  }, 60_000);

  it('checks PostgreSQL is reachable on the local path, naming the key and address, before creating anything', async () => {
    const data = join(work, 'i-nodb');
    const closed = await freeLoopbackPort();
    const config = await harborYml('i-nodb.yml', ['hostname: h', `data_volume: ${data}`, 'external_database:', '  harbor:', '    host: 127.0.0.1', `    port: ${closed}`, 'external_redis:', '  host: 127.0.0.1:6379']);
    const result = await runScript('install.sh', ['--config', config, '--local']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`PostgreSQL is not reachable at 127.0.0.1:${closed} (external_database.harbor)`);
    expect(result.output).not.toContain('Redis is not reachable');
    expect(existsSync(data)).toBe(false);
  }, 60_000);

  it('--prepare-only --compose: prepares data_volume for the containers and writes the compose variables', async () => {
    const data = join(work, 'c1');
    const [cert, key] = [join(work, 'tls.crt'), join(work, 'tls.key')];
    await writeFile(cert, 'certificate');
    await writeFile(key, 'private key', { mode: 0o644 });
    const config = await harborYml('c1.yml', [
      'hostname: reg.example.com', 'http:', '  port: 8081', 'https:', '  port: 8444', `  certificate: ${cert}`, `  private_key: ${key}`,
      `data_volume: ${data}`, 'database:', "  password: \"it's $ecret\"", 'log:', '  local:', `    location: ${work}/c1-logs`,
    ]);
    const result = await runScript('install.sh', ['--config', config, '--compose', '--prepare-only']);
    expect(result).toMatchObject({ code: 0 });
    const owner = process.getuid?.() === 0 ? 10000 : process.getuid?.();
    for (const dir of [join(data, 'registry'), join(data, 'job_logs'), join(work, 'c1-logs'), ...secretFiles(data)]) {
      expect([dir, (await stat(dir)).uid]).toEqual([dir, owner]);
    }
    expect(await readFile(join(data, 'secret/cert/server.key'), 'utf8')).toBe('private key');
    expect(await mode(join(data, 'secret/cert/server.key'))).toBe(0o600);
    // compose sees the variables exactly as ./install.sh hands them over.
    const envFile = join(repoRoot, 'dist/deploy/compose.env');
    const { stdout } = await exec('bash', ['-c', `set -a; . "${envFile}"; set +a; docker-compose config`], { cwd: repoRoot });
    expect(stdout).toContain(`- published: 8444`);
    expect(stdout).toContain(`POSTGRES_PASSWORD: it's $$ecret`);
    expect(stdout).toContain(`${config}:/etc/harbor/harbor.yml:ro`);
    expect(stdout).toContain(`HARBOR__HTTPS__CERTIFICATE: /data/secret/cert/server.crt`);
  }, 60_000);
});

describe('./install.sh on the local path', () => {
  let database: TestDatabase;
  let bundles: AppBundles;

  beforeAll(async () => {
    [database, bundles] = await Promise.all([createTestDatabase(), bundleApps('install')]);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    await bundles?.remove();
  });

  it('prepares, starts every service as a process and serves on http.port; re-running keeps the secrets', async () => {
    const data = join(work, 'local');
    const ports = await Promise.all(Array.from({ length: 8 }, () => freeLoopbackPort()));
    const config = await harborYml('local.yml', [
      'hostname: 127.0.0.1', 'http:', `  port: ${ports[0]}`, `data_volume: ${data}`,
      'external_database:', '  harbor:', '    host: 127.0.0.1', `    db_name: ${database.name}`, 'external_redis:', '  host: 127.0.0.1:6379',
      'log:', '  level: warning', '  local:', `    location: ${data}/logs`,
      'core:', `  port: ${ports[1]}`, `  redis_key_prefix: "test:${database.name}:"`, 'registry:', `  port: ${ports[2]}`, '  token: {}',
      'registryctl:', `  port: ${ports[3]}`, 'jobservice:', `  port: ${ports[4]}`, 'log_collector:', `  port: ${ports[5]}`, `  health_port: ${ports[6]}`,
      'portal:', `  port: ${ports[7]}`,
    ]);
    expect((await runScript('install.sh', ['--config', config, '--local', '--prepare-only'])).code).toBe(0);
    const prepared = await Promise.all(secretFiles(data).map((f) => readFile(f, 'utf8')));

    const child = spawn(join(repoRoot, 'install.sh'), ['--config', config, '--local', '--dist', bundles.dist], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    try {
      for (let i = 0; i < 600 && !output.includes('stack: ready'); i++) {
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect([output.includes('stack: ready'), output]).toEqual([true, output]);
      const ping = await fetch(`http://127.0.0.1:${ports[0]}/api/v2.0/ping`);
      expect([ping.status, await ping.text()]).toEqual([200, 'Pong']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(await Promise.all(secretFiles(data).map((f) => readFile(f, 'utf8')))).toEqual(prepared);
  }, 240_000);
});
