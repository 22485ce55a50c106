import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Podman, skopeo } from '../../../registry/test/support/clients';
import { buildImageLayout, type BuiltImage } from '../../../registry/test/support/oci-layout';
import { PullRecorder } from '../../src/v2/pull-recorder';
import { ADMIN } from '../support/test-stack';
import { makeTestCa, type ProxiedStack, startProxiedStack, type TlsFiles } from '../support/proxied-stack';
import { insertMember, insertProject, insertRobot, insertUser } from '../support/sql-fixtures';

// Real clients (skopeo, podman) through the real proxy, core and registry, as users, robots and
// anonymous callers, on http and on https with a CA the test makes.

let stack: ProxiedStack;
let work: string;
let tls: TlsFiles;
let image: BuiltImage;
let layout: string;

const PASSWORD = 'Passw0rdE2e';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-proxy-'));
  tls = await makeTestCa(work);
  stack = await startProxiedStack({ tls });
  layout = join(work, 'layout');
  image = await buildImageLayout(layout, { tag: '1.0', files: [{ path: 'hello.txt', content: 'through the front door\n' }] });
  const db = stack.core.deps.db;
  const team = await insertProject(db, 'team', false);
  for (const [name, role] of [['dev', 2], ['guest', 3], ['limited', 5], ['maint', 4]] as const) await insertMember(db, team, await insertUser(db, name, PASSWORD), role);
  await insertUser(db, 'outsider', PASSWORD);
  await insertRobot(db, { name: 'team+ci', level: 'project', projectId: team, secret: 'RobotSecret1', permissions: [{ kind: 'project', namespace: 'team', access: [{ resource: 'repository', action: 'push' }, { resource: 'repository', action: 'pull' }] }] });
  await insertRobot(db, { name: 'team+reader', level: 'project', projectId: team, secret: 'RobotSecret2', permissions: [{ kind: 'project', namespace: 'team', access: [{ resource: 'repository', action: 'pull' }] }] });
});
afterAll(async () => {
  await stack.stop();
  await rm(work, { recursive: true, force: true });
});

const push = (host: string, ref: string, creds?: string, extra: string[] = ['--dest-tls-verify=false']) =>
  skopeo(['copy', ...extra, ...(creds ? [`--dest-creds=${creds}`] : ['--dest-no-creds']), `oci:${layout}:1.0`, `docker://${host}/${ref}`]);
const pull = (host: string, ref: string, creds?: string, extra: string[] = ['--src-tls-verify=false']) =>
  skopeo(['inspect', '--raw', ...extra.map((e) => e.replace('--src-', '--')), ...(creds ? [`--creds=${creds}`] : ['--no-creds']), `docker://${host}/${ref}`]);
const failure = (p: Promise<unknown>) => p.then(() => 'succeeded', (e: Error) => e.message);

describe('real clients through the proxy', () => {
  it('podman logs in, pushes and pulls as admin, like against Harbor', async () => {
    const podman = await Podman.create('podman-e2e');
    try {
      await podman.podman(['login', '--tls-verify=false', '-u', ADMIN.username, '-p', ADMIN.password, stack.httpHost]);
      await push(stack.httpHost, 'library/hello:1.0', `${ADMIN.username}:${ADMIN.password}`);
      await podman.pull(`${stack.httpHost}/library/hello:1.0`);
      expect((await podman.inspectImage(`${stack.httpHost}/library/hello:1.0`)).Digest).toBe(image.manifestDigest);
      await podman.tag(`${stack.httpHost}/library/hello:1.0`, `${stack.httpHost}/library/hello:podman`);
      const pushed = await podman.push(`${stack.httpHost}/library/hello:podman`);
      expect(pushed).toMatch(/^sha256:/);
      // A wrong password locks the name for 1.5 s (Harbor's brake); use a name no other test needs.
      const bad = await failure(podman.podman(['login', '--tls-verify=false', '-u', 'nobody', '-p', 'wrong', stack.httpHost]));
      expect(bad).toMatch(/unauthorized|invalid/i);
    } finally {
      await podman.dispose();
    }
  });

  it('lets anonymous callers pull public projects only', async () => {
    expect(Buffer.from((await pull(stack.httpHost, 'library/hello:1.0')).stdout).equals(image.manifest)).toBe(true);
    expect(await failure(push(stack.httpHost, 'library/anon:1.0'))).toMatch(/unauthorized|authentication required|denied/i);
    await push(stack.httpHost, 'team/app:1.0', `${ADMIN.username}:${ADMIN.password}`);
    expect(await failure(pull(stack.httpHost, 'team/app:1.0'))).toMatch(/unauthorized|authentication required|denied/i);
  });

  it('applies the project roles to pushes and pulls', async () => {
    const as = (user: string) => `${user}:${PASSWORD}`;
    await push(stack.httpHost, 'team/app:dev', as('dev'));
    await push(stack.httpHost, 'team/app:maint', as('maint'));
    for (const user of ['guest', 'limited', 'dev', 'maint']) expect(Buffer.from((await pull(stack.httpHost, 'team/app:dev', as(user))).stdout).equals(image.manifest)).toBe(true);
    for (const user of ['guest', 'limited', 'outsider']) expect(await failure(push(stack.httpHost, `team/app:${user}`, as(user)))).toMatch(/denied|unauthorized|403/i);
    expect(await failure(pull(stack.httpHost, 'team/app:dev', as('outsider')))).toMatch(/denied|unauthorized|403/i);
    const tags: { name: string }[] = await stack.core.deps.db.query(`SELECT t.name FROM tag t JOIN repository r USING (repository_id) WHERE r.name = 'team/app' ORDER BY 1`);
    expect(tags.map((t) => t.name)).toEqual(['1.0', 'dev', 'maint']);
  });

  it('accepts robot accounts with docker-style credentials, within their permissions', async () => {
    await push(stack.httpHost, 'team/robot:1.0', 'robot$team+ci:RobotSecret1');
    expect(Buffer.from((await pull(stack.httpHost, 'team/robot:1.0', 'robot$team+reader:RobotSecret2')).stdout).equals(image.manifest)).toBe(true);
    expect(await failure(push(stack.httpHost, 'team/robot:2.0', 'robot$team+reader:RobotSecret2'))).toMatch(/denied|unauthorized/i);
    // A wrong secret falls back to anonymous, as in Harbor: public content yes, the team's no.
    expect(await failure(pull(stack.httpHost, 'team/robot:1.0', 'robot$team+ci:wrong'))).toMatch(/unauthorized|authentication required/i);
  });

  it('works over https with the CA the test made, and redirects http to https for the API', async () => {
    const host = stack.httpsHost as string;
    await push(host, 'library/tls:1.0', `${ADMIN.username}:${ADMIN.password}`, [`--dest-cert-dir=${tls.certDir}`]);
    const raw = await pull(host, 'library/tls:1.0', `${ADMIN.username}:${ADMIN.password}`, [`--cert-dir=${tls.certDir}`]);
    expect(Buffer.from(raw.stdout).equals(image.manifest)).toBe(true);
    const res = await fetch(`http://${stack.redirectHost}/api/v2.0/ping`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`https://127.0.0.1:${host.split(':')[1]}/api/v2.0/ping`);
  });
});

describe('policy hooks and audit, end to end', () => {
  it('refuses a push over the project quota with Harbor\'s message and stores nothing', async () => {
    const db = stack.core.deps.db;
    const id = await insertProject(db, 'tight', false);
    await db.query(`UPDATE quota SET hard_storage = 100 WHERE reference_id = $1`, [String(id)]);
    const message = await failure(push(stack.httpHost, 'tight/app:1.0', `${ADMIN.username}:${ADMIN.password}`));
    expect(message).toContain('Quota exceeded when processing the request of adding');
    expect(message).toContain('will exceed the configured upper limit of 100 B');
    expect(await db.query(`SELECT used_storage FROM quota WHERE reference_id = $1`, [String(id)])).toEqual([{ used_storage: '0' }]);
    expect(await db.query(`SELECT 1 FROM artifact WHERE project_id = $1`, [id])).toEqual([]);
  });

  it('writes audit entries for push, pull and delete', async () => {
    await skopeo(['delete', '--tls-verify=false', `--creds=${ADMIN.username}:${ADMIN.password}`, `docker://${stack.httpHost}/team/robot@${image.manifestDigest}`]);
    await stack.core.app.get(PullRecorder).flush(); // pull entries are written in batches after the response
    const rows: { operation: string; resource: string; username: string }[] = await stack.core.deps.db.query(
      `SELECT operation, resource, username FROM audit_log_ext WHERE resource_type = 'artifact' ORDER BY id`,
    );
    expect(rows).toEqual(expect.arrayContaining([
      { operation: 'create', resource: 'team/robot:1.0', username: 'robot$team+ci' },
      { operation: 'pull', resource: 'team/robot:1.0', username: 'robot$team+reader' },
      { operation: 'delete', resource: `team/robot:${image.manifestDigest}`, username: 'admin' },
    ]));
    expect(await stack.core.deps.db.query(`SELECT 1 FROM artifact WHERE repository_name = 'team/robot'`)).toEqual([]);
  });
});
