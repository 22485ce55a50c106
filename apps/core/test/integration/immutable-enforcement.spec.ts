import type { DataSource } from 'typeorm';
import { ImmutabilityPolicy } from '../../src/v2/immutability';
import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { enc, pushImage } from './artifacts-fixtures';
import { filterOf, ruleBody, rulesPath } from './immutable-fixtures';
import { createProject, errorBody } from './projects.fixtures';

// Immutable rules at work: /v2 pushes that would overwrite a protected tag, and the REST
// deletes of protected tags, of artifacts holding them and of repositories holding them.

let stack: TestStack;
let admin: ApiClient;
let db: DataSource;

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  admin = new ApiClient(stack.url).as(ADMIN);
});
afterAll(() => stack.stop());

async function addRule(projectId: number, body: unknown): Promise<number> {
  const res = await admin.post(rulesPath(projectId), body);
  if (res.status !== 201) throw new Error(`create rule: ${res.status} ${res.text}`);
  return Number(res.headers.get('location')!.split('/').pop());
}

/** The push's failure message ("manifest put failed: <status> <body>"), or "pushed". */
const tryPush = (repo: string, tag: string) => pushImage(stack.url, repo, tag).then(() => 'pushed', (e: Error) => e.message);

async function tagDigest(repo: string, tag: string): Promise<string | undefined> {
  const rows: { digest: string }[] = await db.query(
    `SELECT a.digest FROM tag t JOIN artifact a ON a.id = t.artifact_id JOIN repository r ON r.repository_id = t.repository_id WHERE r.name = $1 AND t.name = $2`,
    [repo, tag],
  );
  return rows[0]?.digest;
}

const refusedOverwrite = (repo: string, tag: string) =>
  `manifest put failed: 412 ${JSON.stringify(errorBody('PRECONDITION', `Failed to process request due to '${repo.slice(repo.indexOf('/') + 1)}:${tag}' configured as immutable.`))}`;

describe('pushes over immutable tags', () => {
  let p: { id: number; name: string };
  let rule: number;
  beforeAll(async () => {
    p = await createProject(admin);
    rule = await addRule(p.id, ruleBody('v*', 'app'));
  });

  it('allows a new matching tag, refuses to overwrite it, and keeps the first digest', async () => {
    const first = await pushImage(stack.url, `${p.name}/app`, 'v1');
    expect(await tryPush(`${p.name}/app`, 'v1')).toBe(refusedOverwrite(`${p.name}/app`, 'v1'));
    expect(await tagDigest(`${p.name}/app`, 'v1')).toBe(first.digest);
    const res = await fetch(`${stack.url}/v2/${p.name}/app/manifests/v1`, { headers: { authorization: basicAuth(ADMIN), accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(res.headers.get('docker-content-digest')).toBe(first.digest);
  });

  it("shows the tags' immutable flag in the tag list and in artifacts with_tag", async () => {
    const image = await pushImage(stack.url, `${p.name}/app`, 'flag-v9');
    await fetch(`${stack.url}/v2/${p.name}/app/manifests/v9`, {
      method: 'PUT', headers: { authorization: basicAuth(ADMIN), 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      body: await (await fetch(`${stack.url}/v2/${p.name}/app/manifests/${image.digest}`, { headers: { authorization: basicAuth(ADMIN), accept: 'application/vnd.oci.image.manifest.v1+json' } })).arrayBuffer(),
    });
    const flags = (tags: { name: string; immutable: boolean }[]) => Object.fromEntries(tags.map((t) => [t.name, t.immutable]));
    const listed = await admin.get<{ name: string; immutable: boolean }[]>(`/api/v2.0/projects/${p.name}/repositories/app/artifacts/${image.digest}/tags`);
    expect(flags(listed.body)).toEqual({ 'flag-v9': false, v9: true });
    const art = await admin.get<{ tags: { name: string; immutable: boolean }[] }>(`/api/v2.0/projects/${p.name}/repositories/app/artifacts/${image.digest}?with_tag=true`);
    expect(flags(art.body.tags)).toEqual({ 'flag-v9': false, v9: true });
  });

  it('lets tags and repositories outside the rule be overwritten', async () => {
    for (const [repo, tag] of [[`${p.name}/app`, 'latest'], [`${p.name}/other`, 'v1'], [`${p.name}/app/sub`, 'v1']]) {
      await pushImage(stack.url, repo, tag);
      const second = await pushImage(stack.url, repo, tag);
      expect(await tagDigest(repo, tag)).toBe(second.digest);
    }
  });

  it('ignores a disabled rule, at once, and enforces it again once enabled', async () => {
    await pushImage(stack.url, `${p.name}/app`, 'v2');
    expect((await admin.put(`${rulesPath(p.id)}/${rule}`, { disabled: true })).status).toBe(200);
    const second = await pushImage(stack.url, `${p.name}/app`, 'v2');
    expect(await tagDigest(`${p.name}/app`, 'v2')).toBe(second.digest);
    expect((await admin.put(`${rulesPath(p.id)}/${rule}`, { disabled: false })).status).toBe(200);
    expect(await tryPush(`${p.name}/app`, 'v2')).toBe(refusedOverwrite(`${p.name}/app`, 'v2'));
  });

  it('follows excludes decorations', async () => {
    const q = await createProject(admin);
    await addRule(q.id, ruleBody('dev-*', 'tmp-*', { tagDecoration: 'excludes', repoDecoration: 'repoExcludes' }));
    await pushImage(stack.url, `${q.name}/svc`, 'dev-1');
    await pushImage(stack.url, `${q.name}/svc`, 'dev-1'); // excluded tag: mutable
    await pushImage(stack.url, `${q.name}/tmp-a`, '1.0');
    await pushImage(stack.url, `${q.name}/tmp-a`, '1.0'); // excluded repository: mutable
    await pushImage(stack.url, `${q.name}/svc`, '1.0');
    expect(await tryPush(`${q.name}/svc`, '1.0')).toBe(refusedOverwrite(`${q.name}/svc`, '1.0'));
  });

  it('picks up a rule another core process wrote at its next full reload', async () => {
    const q = await createProject(admin);
    await pushImage(stack.url, `${q.name}/app`, '1.0');
    await db.query(`INSERT INTO immutable_tag_rule (project_id, tag_filter) VALUES ($1, $2)`, [q.id, JSON.stringify(filterOf(ruleBody('1.*')))]);
    await stack.core.app.get(ImmutabilityPolicy).reloadAll();
    expect(await tryPush(`${q.name}/app`, '1.0')).toBe(refusedOverwrite(`${q.name}/app`, '1.0'));
  });

  it('stops protecting a tag once its rule is deleted', async () => {
    const q = await createProject(admin);
    const id = await addRule(q.id, ruleBody('**'));
    await pushImage(stack.url, `${q.name}/app`, '1.0');
    expect(await tryPush(`${q.name}/app`, '1.0')).toMatch(/^manifest put failed: 412/);
    expect((await admin.delete(`${rulesPath(q.id)}/${id}`)).status).toBe(200);
    const second = await pushImage(stack.url, `${q.name}/app`, '1.0');
    expect(await tagDigest(`${q.name}/app`, '1.0')).toBe(second.digest);
  });
});

describe('deleting immutable tags through the API', () => {
  let p: { id: number; name: string };
  let repo: string;
  let base: string;
  let digest: string;
  beforeAll(async () => {
    p = await createProject(admin);
    repo = `${p.name}/app`;
    base = `/api/v2.0/projects/${p.name}/repositories/${enc('app')}`;
    digest = (await pushImage(stack.url, repo, 'v1')).digest;
    expect((await admin.post(`${base}/artifacts/v1/tags`, { name: 'scratch' })).status).toBe(201);
    await addRule(p.id, ruleBody('v*', 'app'));
  });

  const refused = (tag: string) => ({ status: 412, body: errorBody('PRECONDITION', `the tag ${tag} configured as immutable, cannot be deleted`) });
  const artifactRows = async () => (await db.query(`SELECT count(*)::int AS n FROM artifact WHERE repository_name = $1`, [repo]))[0].n as number;

  it('refuses to delete the tag with 412 and keeps it', async () => {
    expect(await admin.delete(`${base}/artifacts/v1/tags/v1`)).toMatchObject(refused('v1'));
    expect(await tagDigest(repo, 'v1')).toBe(digest);
  });

  it('still deletes a tag of the same artifact that no rule protects, and 404s an unknown one', async () => {
    expect((await admin.delete(`${base}/artifacts/v1/tags/scratch`)).status).toBe(200);
    expect(await tagDigest(repo, 'scratch')).toBeUndefined();
    expect((await admin.delete(`${base}/artifacts/v1/tags/v9`)).status).toBe(404);
  });

  it('refuses to delete the artifact holding the tag, by tag or digest, and the registry keeps it', async () => {
    expect(await admin.delete(`${base}/artifacts/v1`)).toMatchObject(refused('v1'));
    expect(await admin.delete(`${base}/artifacts/${digest}`)).toMatchObject(refused('v1'));
    expect(await artifactRows()).toBe(1);
    const res = await fetch(`${stack.url}/v2/${repo}/manifests/${digest}`, { method: 'HEAD', headers: { authorization: basicAuth(ADMIN) } });
    expect(res.status).toBe(200);
  });

  it('refuses /v2 manifest deletes by digest and by tag with 412 PRECONDITION, keeping the artifact', async () => {
    for (const reference of [digest, 'v1']) {
      const res = await fetch(`${stack.url}/v2/${repo}/manifests/${reference}`, { method: 'DELETE', headers: { authorization: basicAuth(ADMIN) } });
      expect(res.status).toBe(412);
      expect(((await res.json()) as { errors: { code: string; message: string }[] }).errors[0]).toEqual({
        code: 'PRECONDITION',
        message: 'the tag v1 configured as immutable, cannot be deleted',
      });
    }
    expect(await artifactRows()).toBe(1);
    expect(await tagDigest(repo, 'v1')).toBe(digest);
  });

  it('refuses to delete the repository holding the tag', async () => {
    expect(await admin.delete(`/api/v2.0/projects/${p.name}/repositories/${enc('app')}`)).toMatchObject(refused('v1'));
    expect(await artifactRows()).toBe(1);
  });

  it('deletes untagged and unprotected artifacts of the same repository', async () => {
    const other = await pushImage(stack.url, repo, 'latest');
    expect((await admin.delete(`${base}/artifacts/${other.digest}`)).status).toBe(200);
    expect(await artifactRows()).toBe(1);
  });

  it('allows the deletes once the rule is disabled', async () => {
    const [{ id }] = (await admin.get<{ id: number }[]>(rulesPath(p.id))).body;
    expect((await admin.put(`${rulesPath(p.id)}/${id}`, { disabled: true })).status).toBe(200);
    expect((await admin.delete(`${base}/artifacts/v1/tags/v1`)).status).toBe(200);
    expect((await admin.delete(`${base}/artifacts/${digest}`)).status).toBe(200);
    expect(await artifactRows()).toBe(0);
  });
});
