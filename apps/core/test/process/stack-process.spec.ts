import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Podman, skopeo } from '../../../registry/test/support/clients';
import { freeLoopbackPort } from '../../../registry/test/support/free-port';
import { buildImageLayout } from '../../../registry/test/support/oci-layout';
import { type StartedProcess, startNodeProcess } from '../../../registry/test/support/test-bundle';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The stack as `npm start` runs it: tools/scripts/start.mjs starting every service as a process
// from one harbor.yml; podman logs in, pushes and pulls as against Harbor, a browser gets the portal.

const exec = promisify(execFile);
const repoRoot = resolve(__dirname, '../../../..');
let work: string;
let dist: string;
let database: TestDatabase;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'stack-process-'));
  dist = join(repoRoot, 'dist', 'test-bundles', `stack-${process.pid}`);
  for (const service of ['log-collector', 'core', 'registry', 'registryctl', 'jobservice', 'portal-api', 'proxy']) {
    await exec(process.execPath, ['tools/scripts/bundle.mjs', `apps/${service}/src/main.ts`, join(dist, 'apps', service, 'main.js')], { cwd: repoRoot });
  }
  database = await createTestDatabase();
  await database.drop(); // core must create it on first start, as on a fresh machine
}, 120_000);
afterAll(async () => {
  await database.drop();
  await rm(work, { recursive: true, force: true });
  await rm(dist, { recursive: true, force: true });
});

function startStack(config: string): StartedProcess {
  return startNodeProcess('tools/scripts/start.mjs', [config, '--dist', dist]);
}

async function harborYml(name: string, lines: string[]): Promise<string> {
  const file = join(work, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** The log collector's keys: its own ports and a log directory inside the test's work dir. */
async function logCollectorLines(dir: string): Promise<string[]> {
  return ['log_collector:', `  port: ${await freeLoopbackPort()}`, `  health_port: ${await freeLoopbackPort()}`, 'log:', '  local:', `    location: ${join(work, dir)}`];
}

async function stackConfig(): Promise<{ file: string; port: number }> {
  const [port, corePort, registryPort, portalPort] = [await freeLoopbackPort(), await freeLoopbackPort(), await freeLoopbackPort(), await freeLoopbackPort()];
  const file = await harborYml('harbor.yml', [
    'hostname: 127.0.0.1', 'http:', `  port: ${port}`, 'harbor_admin_password: Harbor12345', `data_volume: ${join(work, 'data')}`,
    'external_database:', '  harbor:', '    host: 127.0.0.1', `    db_name: ${database.name}`, 'external_redis:', '  host: 127.0.0.1:6379',
    ...(await logCollectorLines('logs')), '  level: info', 'core:', `  port: ${corePort}`, `  redis_key_prefix: "test:${database.name}:"`,
    'registry:', `  port: ${registryPort}`, '  token: {}', 'portal:', `  port: ${portalPort}`,
  ]);
  return { file, port };
}

/**
 * start.mjs relays blob downloads' connections from the proxy to the registry: the registry
 * answers on the client's socket and closes it after, even on a keep-alive connection.
 */
async function expectDownloadHandedOff(host: string, digest: string): Promise<void> {
  const basic = `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}`;
  const tokenReply = await fetch(`http://${host}/service/token?service=harbor-registry&scope=repository:library/hello:pull`, { headers: { authorization: basic } });
  const { token } = (await tokenReply.json()) as { token: string };
  const agent = new Agent({ keepAlive: true });
  try {
    const [hostname, port] = host.split(':');
    const reply = await new Promise<{ status?: number; connection?: string; body: Buffer }>((ok, fail) => {
      const req = request({ hostname, port, path: `/v2/library/hello/blobs/${digest}`, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode, connection: res.headers.connection, body: Buffer.concat(chunks) }));
      });
      req.on('error', fail);
      req.end();
    });
    expect(reply).toMatchObject({ status: 200, connection: 'close' });
    expect(`sha256:${createHash('sha256').update(reply.body).digest('hex')}`).toBe(digest);
  } finally {
    agent.destroy();
  }
}

/** The proxy sends client routes to portal-api, and core counts the portal among its components. */
async function expectPortalServed(host: string): Promise<void> {
  const page = await fetch(`http://${host}/harbor/projects`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await page.text()).toMatch(/<script[^>]+src="\/assets\/[^"]+\.js"/);
  const health = (await (await fetch(`http://${host}/api/v2.0/health`)).json()) as { status: string; components: { name: string; status: string }[] };
  expect(health.components).toContainEqual({ name: 'portal', status: 'healthy' });
  expect(health.components.filter((c) => c.status !== 'healthy')).toEqual([]);
  expect(health.status).toBe('healthy');
}

describe('npm start: the whole stack as processes', () => {
  it('serves Harbor on one port: podman login, push and pull; SIGTERM stops every service', async () => {
    const { file, port } = await stackConfig();
    const stack = startStack(file);
    const host = `127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 300 && !stack.output().includes('stack: ready'); i++) {
        if (stack.child.exitCode !== null) throw new Error(stack.output());
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(stack.output()).toContain('stack: ready');
      const projects = await fetch(`http://${host}/api/v2.0/projects`, { headers: { authorization: `Basic ${Buffer.from('admin:Harbor12345').toString('base64')}` } });
      expect(((await projects.json()) as { name: string }[]).map((p) => p.name)).toEqual(['library']);
      await expectPortalServed(host);
      const layout = join(work, 'layout');
      const image = await buildImageLayout(layout, { tag: '1.0', files: [{ path: 'hi.txt', content: 'npm start\n' }] });
      const podman = await Podman.create('podman-stack');
      try {
        await podman.podman(['login', '--tls-verify=false', '-u', 'admin', '-p', 'Harbor12345', host]);
        await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds=admin:Harbor12345', `oci:${layout}:1.0`, `docker://${host}/library/hello:1.0`]);
        await podman.pull(`${host}/library/hello:1.0`);
        expect((await podman.inspectImage(`${host}/library/hello:1.0`)).Digest).toBe(image.manifestDigest);
        await expectDownloadHandedOff(host, image.configDigest);
      } finally {
        await podman.dispose();
      }
      expect(await readFile(join(work, 'data', 'secret', 'registry', 'root.crt'), 'utf8')).toContain('BEGIN PUBLIC KEY');
      // Every service ships its log to the collector, which keeps one file per service.
      expect(await readFile(join(work, 'logs', 'core.log'), 'utf8')).toContain('"msg":"core listening"');
      expect(await readFile(join(work, 'logs', 'registry.log'), 'utf8')).toContain('"msg":"registry listening"');
      expect(await readFile(join(work, 'logs', 'portal.log'), 'utf8')).toContain('"msg":"portal listening"');
    } finally {
      stack.child.kill('SIGTERM');
    }
    expect(await stack.exited).toBe(0);
  });

  it('stops before serving when the configuration is wrong, naming the key', async () => {
    const file = await harborYml('bad.yml', ['hostname: 127.0.0.1', 'core:', '  port: eighty']);
    const stack = startStack(file);
    expect(await stack.exited).not.toBe(0);
    expect(stack.output()).toContain('core.port');
  });

  it('names the database endpoint when PostgreSQL cannot be reached', async () => {
    const closed = await freeLoopbackPort();
    const file = await harborYml('nodb.yml', ['hostname: 127.0.0.1', `data_volume: ${join(work, 'nodb')}`, 'external_database:', '  harbor:', '    host: 127.0.0.1', `    port: ${closed}`, ...(await logCollectorLines('nodb-logs')), '  level: error']);
    const stack = startStack(file);
    expect(await stack.exited).not.toBe(0);
    expect(stack.output()).toContain(`127.0.0.1:${closed}`);
  });
});
