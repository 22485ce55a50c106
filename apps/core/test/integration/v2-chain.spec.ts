import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skopeo } from '../../../registry/test/support/clients';
import { buildImageLayout, buildMultiArchLayout, hostPlatform } from '../../../registry/test/support/oci-layout';
import { PullRecorder } from '../../src/v2/pull-recorder';
import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
let work: string;
let host: string;

beforeAll(async () => {
  stack = await startTestStack();
  host = stack.url.replace('http://', '');
  work = await mkdtemp(join(tmpdir(), 'v2-chain-'));
});
afterAll(async () => {
  await stack.stop();
  await rm(work, { recursive: true, force: true });
});

const destCreds = `--dest-creds=${ADMIN.username}:${ADMIN.password}`;
const srcCreds = `--src-creds=${ADMIN.username}:${ADMIN.password}`;

describe('/v2 through core', () => {
  it('challenges anonymous callers with a Bearer realm at /service/token', async () => {
    const res = await fetch(`${stack.url}/v2/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${stack.url}/service/token",service="harbor-registry"`);
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    const scoped = await fetch(`${stack.url}/v2/library/x/manifests/latest`);
    expect(scoped.headers.get('www-authenticate')).toContain('scope="repository:library/x:pull"');
  });

  it('accepts Basic credentials and tokens from the token service on /v2/', async () => {
    expect((await fetch(`${stack.url}/v2/`, { headers: { authorization: basicAuth(ADMIN) } })).status).toBe(200);
    const token = await fetch(`${stack.url}/service/token?service=harbor-registry&scope=repository:library/x:pull,push`, { headers: { authorization: basicAuth(ADMIN) } });
    const body = (await token.json()) as { token: string; expires_in: number };
    expect(body.expires_in).toBe(1800);
    expect((await fetch(`${stack.url}/v2/`, { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(200);
  });

  it('records a skopeo push as an artifact with its tag, charges the quota, and counts pulls', async () => {
    const image = await buildImageLayout(join(work, 'img'), { tag: '1.0', files: [{ path: 'a.txt', content: 'hello core\n' }] });
    await skopeo(['copy', '--dest-tls-verify=false', destCreds, `oci:${join(work, 'img')}:1.0`, `docker://${host}/library/hello:1.0`]);
    const db = stack.core.deps.db;
    const [artifact] = await db.query(`SELECT a.digest, a.type, t.name AS tag FROM artifact a JOIN tag t ON t.artifact_id = a.id`);
    expect(artifact).toEqual({ digest: image.manifestDigest, type: 'IMAGE', tag: '1.0' });
    const [quota] = await db.query(`SELECT used_storage FROM quota q JOIN project p ON q.reference_id = p.project_id::text WHERE p.name = 'library'`);
    const expected = image.manifest.length + image.config.length + (await db.query(`SELECT sum(size)::bigint AS s FROM blob WHERE digest = ANY($1)`, [image.layerDigests]))[0].s * 1;
    expect(Number(quota.used_storage)).toBe(expected);
    await skopeo(['copy', '--src-tls-verify=false', srcCreds, `docker://${host}/library/hello:1.0`, `oci:${join(work, 'out')}:1.0`]);
    await stack.core.app.get(PullRecorder).flush(); // pull bookkeeping is written in batches
    const [repo] = await db.query(`SELECT pull_count FROM repository WHERE name = 'library/hello'`);
    expect(repo.pull_count).toBe(1);
    const [tag] = await db.query(`SELECT t.pull_time, a.pull_time AS artifact_pull FROM tag t JOIN artifact a ON a.id = t.artifact_id WHERE t.name = '1.0'`);
    expect(tag.pull_time).toBeInstanceOf(Date);
    expect(tag.artifact_pull).toBeInstanceOf(Date);
    const audit = await db.query(`SELECT operation, resource, username FROM audit_log_ext WHERE operation = 'pull'`);
    expect(audit).toEqual([{ operation: 'pull', resource: 'library/hello:1.0', username: 'admin' }]);
  });

  it('records an index with its children', async () => {
    const index = await buildMultiArchLayout(join(work, 'multi'), { tag: 'm', platforms: [hostPlatform(), { architecture: 'arm64', os: 'linux' }] });
    await skopeo(['copy', '--all', '--dest-tls-verify=false', destCreds, `oci:${join(work, 'multi')}:m`, `docker://${host}/library/multi:m`]);
    const refs = await stack.core.deps.db.query(
      `SELECT r.child_digest FROM artifact_reference r JOIN artifact a ON a.id = r.parent_id WHERE a.digest = $1 ORDER BY 1`,
      [index.indexDigest],
    );
    expect(refs.map((r: { child_digest: string }) => r.child_digest)).toEqual(index.images.map((i) => i.manifestDigest).sort());
  });

  it('refuses a push to a missing project naming it, and serves tags and the catalog from the database', async () => {
    const err = await skopeo(['copy', '--dest-tls-verify=false', destCreds, `oci:${join(work, 'img')}:1.0`, `docker://${host}/nosuchproject/hello:1.0`]).catch((e: Error) => e);
    expect(String(err)).toContain('project nosuchproject not found');
    const tags = await new ApiClient(stack.url, ADMIN).get<{ tags: string[] }>('/v2/library/hello/tags/list');
    expect(tags.body.tags).toEqual(['1.0']);
    const catalog = await new ApiClient(stack.url, ADMIN).get<{ repositories: string[] }>('/v2/_catalog');
    expect(catalog.body.repositories).toEqual(['library/hello', 'library/multi']);
  });
});

describe('cross-repository mount', () => {
  it('mounts only from repositories the caller may pull; otherwise starts a plain upload', async () => {
    const { insertProject, insertUser, insertMember } = await import('../support/sql-fixtures');
    const db = stack.core.deps.db;
    await insertProject(db, 'secretproj', false);
    const mine = await insertProject(db, 'mineproj', false);
    const user = await insertUser(db, 'mounter', 'Passw0rdM');
    await insertMember(db, mine, user, 2);
    const layout = join(work, 'secret');
    const image = await buildImageLayout(layout, { tag: 's', files: [{ path: 's.txt', content: 'secret layer\n' }] });
    await skopeo(['copy', '--dest-tls-verify=false', destCreds, `oci:${layout}:s`, `docker://${host}/secretproj/app:s`]);
    const layer = image.layerDigests[0];
    const mounter = { authorization: basicAuth({ username: 'mounter', password: 'Passw0rdM' }) };
    const denied = await fetch(`${stack.url}/v2/mineproj/app/blobs/uploads/?mount=${layer}&from=secretproj/app`, { method: 'POST', headers: mounter });
    expect(denied.status).toBe(202);
    expect((await fetch(`${stack.url}/v2/mineproj/app/blobs/${layer}`, { method: 'HEAD', headers: mounter })).status).toBe(404);
    const admin = { authorization: basicAuth(ADMIN) };
    const allowed = await fetch(`${stack.url}/v2/mineproj/app/blobs/uploads/?mount=${layer}&from=secretproj/app`, { method: 'POST', headers: admin });
    expect(allowed.status).toBe(201);
    const [linked] = await db.query(`SELECT count(*)::int AS n FROM project_blob pb JOIN blob b ON b.id = pb.blob_id WHERE pb.project_id = $1 AND b.digest = $2`, [mine, layer]);
    expect(linked.n).toBe(1);
  });
});

describe('DELETE /v2/<name>/manifests/<digest>', () => {
  it('refuses to delete an index child, and releases the project usage when an artifact goes', async () => {
    const db = stack.core.deps.db;
    const [child] = await db.query(
      `SELECT a.digest FROM artifact_reference r JOIN artifact a ON a.id = r.child_id WHERE a.repository_name = 'library/multi' LIMIT 1`,
    );
    const admin = { authorization: basicAuth(ADMIN) };
    const refused = await fetch(`${stack.url}/v2/library/multi/manifests/${child.digest}`, { method: 'DELETE', headers: admin });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0].message).toBe('the deleting artifact is referenced by others');
    expect((await fetch(`${stack.url}/v2/library/multi/manifests/${child.digest}`, { method: 'HEAD', headers: admin })).status).toBe(200);

    const quota = async () => Number((await db.query(`SELECT used_storage FROM quota WHERE reference_id = '1'`))[0].used_storage);
    const before = await quota();
    const [hello] = await db.query(`SELECT digest FROM artifact WHERE repository_name = 'library/hello'`);
    const deleted = await fetch(`${stack.url}/v2/library/hello/manifests/${hello.digest}`, { method: 'DELETE', headers: admin });
    expect(deleted.status).toBe(202);
    expect(await db.query(`SELECT 1 FROM artifact WHERE repository_name = 'library/hello'`)).toEqual([]);
    expect(await quota()).toBeLessThan(before);
  });
});
