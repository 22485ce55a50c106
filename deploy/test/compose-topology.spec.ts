import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../../apps/core/test/support/test-database';
import { skopeo } from '../../apps/registry/test/support/clients';
import { freeLoopbackPort } from '../../apps/registry/test/support/free-port';
import { buildImageLayout } from '../../apps/registry/test/support/oci-layout';
import { appOf, appProjects, composeConfig, type ComposeModel } from './support/compose';
import { healthCommand, hostPath, processEnvironment, runHealthCheck, startOrder, type Translation, translationFor } from './support/compose-process';
import { type AppBundles, bundleApps, runScript } from './support/processes';

// The compose topology for real, without Docker: every app service started as a process with
// the environment and command docker-compose.yml gives its container (names mapped to
// 127.0.0.1, ports made free), in depends_on order, each awaited through its own compose
// health check; then skopeo pushes and pulls through the proxy, and the proxy serves the
// portal that portal-api was built with.

const exec = promisify(execFile);
const PORT_KEYS = /^HARBOR__[A-Z_]+__(PORT|HEALTH_PORT)$/;
let work: string;
let database: TestDatabase;
let bundles: AppBundles;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'harbor-compose-'));
  [database, bundles] = await Promise.all([createTestDatabase(), bundleApps('compose')]);
}, 120_000);
afterAll(async () => {
  await database?.drop();
  await bundles?.remove();
  await rm(work, { recursive: true, force: true });
});

interface Running {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function startService(compose: ComposeModel, name: string, t: Translation): Running {
  const service = compose.services[name];
  const config = hostPath(service, '/etc/harbor/harbor.yml')!;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...processEnvironment(service, t, PORT_KEYS) };
  // The image's CMD: node /app/main.js --config /etc/harbor/harbor.yml
  const child = spawn(process.execPath, [bundles.mainOf(appOf(service)!), '--config', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  return { name, child, output: () => text, exited: new Promise((ok) => child.on('exit', (code) => ok(code))) };
}

async function awaitHealthy(running: Running, check: string[]): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if ((await runHealthCheck(check)) === 0) return;
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${running.name} never became healthy:\n${running.output()}`);
}

/** Through the proxy: the portal's index.html for / and for an SPA route, and core counting the portal healthy. */
async function expectPortalBehind(host: string): Promise<void> {
  const built = await readFile(join(bundles.dist, 'apps/portal-api/public/index.html'), 'utf8');
  for (const path of ['/', '/harbor/projects']) {
    const res = await fetch(`http://${host}${path}`);
    expect([path, res.status, res.headers.get('content-type'), await res.text()]).toEqual([path, 200, expect.stringMatching(/^text\/html/), built]);
  }
  const health = (await (await fetch(`http://${host}/api/v2.0/health`)).json()) as { components: { name: string; status: string }[] };
  expect(health.components).toContainEqual({ name: 'portal', status: 'healthy' });
}

/** The variables a shell has after sourcing `file`, as ./install.sh does before docker compose. */
async function sourceShellFile(file: string): Promise<Record<string, string>> {
  const { stdout } = await exec('env', ['-i', 'bash', '-c', 'set -a; . "$1"; env -0', 'source', file]);
  const pairs = stdout.split('\0').filter((l) => /^(HARBOR|COMPOSE)_/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]);
  return Object.fromEntries(pairs) as Record<string, string>;
}

describe('the docker-compose.yml topology, as processes', () => {
  it('starts every service healthy in depends_on order; skopeo pushes and pulls through the proxy; the portal answers /', async () => {
    const data = join(work, 'data');
    const httpPort = await freeLoopbackPort();
    const config = join(work, 'harbor.yml');
    await writeFile(config, [
      'hostname: 127.0.0.1', 'http:', `  port: ${httpPort}`, `data_volume: ${data}`,
      'external_database:', '  harbor:', '    host: 127.0.0.1', `    db_name: ${database.name}`, 'external_redis:', '  host: 127.0.0.1:6379',
      'log:', '  level: warning', '  local:', `    location: ${join(work, 'logs')}`, 'core:', `  redis_key_prefix: "test:${database.name}:"`, '',
    ].join('\n'));
    // What ./install.sh does on the compose path before `docker compose up`.
    const composeEnv = join(work, 'compose.env');
    expect(await runScript('prepare', ['--config', config, '--compose-env', composeEnv])).toMatchObject({ code: 0 });
    const vars = await sourceShellFile(composeEnv);
    expect(vars).toMatchObject({ HARBOR_YML: config, HARBOR_DATA_VOLUME: data, HARBOR_HTTP_PORT: String(httpPort), COMPOSE_FILE: 'docker-compose.yml' });
    const compose = await composeConfig(vars);
    const t = await translationFor(compose.services, PORT_KEYS);
    const order = startOrder(compose.services);
    expect([...order].sort()).toEqual(appProjects());
    expect(order.indexOf('core')).toBeLessThan(order.indexOf('registry'));
    expect(order.indexOf('log-collector')).toBeLessThan(order.indexOf('portal-api'));
    expect(order[order.length - 1]).toBe('proxy');

    const running: Running[] = [];
    try {
      for (const name of order) {
        const service = startService(compose, name, t);
        running.push(service);
        await awaitHealthy(service, healthCommand(compose.services[name], t));
      }
      const host = `127.0.0.1:${httpPort}`;
      await expectPortalBehind(host);
      const layout = join(work, 'layout');
      const image = await buildImageLayout(layout, { tag: '1.0', files: [{ path: 'hello.txt', content: 'compose\n' }] });
      await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds=admin:Harbor12345', `oci:${layout}:1.0`, `docker://${host}/library/hello:1.0`]);
      const pulled = join(work, 'pulled');
      await skopeo(['copy', '--src-tls-verify=false', '--src-creds=admin:Harbor12345', `docker://${host}/library/hello:1.0`, `dir:${pulled}`]);
      const manifest = await readFile(join(pulled, 'manifest.json'));
      expect(`sha256:${createHash('sha256').update(manifest).digest('hex')}`).toBe(image.manifestDigest);
      const config = await readFile(join(pulled, image.configDigest.slice('sha256:'.length)));
      expect(`sha256:${createHash('sha256').update(config).digest('hex')}`).toBe(image.configDigest);
      // The blob went into the storage directory compose mounts for the registry.
      expect((await readFile(join(data, 'registry/docker/registry/v2/blobs/sha256', image.configDigest.slice(7, 9), image.configDigest.slice(7), 'data'))).equals(config)).toBe(true);
    } finally {
      for (const r of running.reverse()) {
        r.child.kill('SIGTERM');
        await r.exited;
      }
    }
  }, 240_000);

  it.each(appProjects())('%s refuses to start on a wrongly typed key, naming it', async (app) => {
    const config = join(work, `bad-${app}.yml`);
    await writeFile(config, `hostname: 127.0.0.1\ndata_volume: ${work}/bad\nhttp:\n  port: eighty\n`);
    const child = spawn(process.execPath, [bundles.mainOf(app), '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((ok) => child.on('exit', ok));
    expect([code, output]).toEqual([2, expect.stringContaining("http.port: expected a number, got 'eighty'")]);
  }, 30_000);
});
