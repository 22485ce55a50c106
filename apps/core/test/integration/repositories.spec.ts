import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { enc, seedArtifact, seedBlobs, seedReference, seedRepository } from './artifacts-fixtures';
import { ROLES, type TestUser, addMember, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let admin: ApiClient;
let anon: ApiClient;
let db: DataSource;
let priv: { id: number; name: string };
let pub: { id: number; name: string };
let guest: TestUser;
let maintainer: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  priv = await createProject(admin);
  pub = await createProject(admin, { public: true });
  [guest, maintainer, outsider] = [await createUser(db, 'guest'), await createUser(db, 'maint'), await createUser(db, 'out')];
  await addMember(db, priv.id, guest.id, ROLES.guest);
  await addMember(db, priv.id, maintainer.id, ROLES.maintainer);
  const nested = await seedRepository(db, priv.id, `${priv.name}/team/app`);
  await seedArtifact(db, { id: nested, name: `${priv.name}/team/app`, projectId: priv.id }, { tags: ['v1'] });
  await seedRepository(db, priv.id, `${priv.name}/other`);
  await seedRepository(db, pub.id, `${pub.name}/web`);
});
afterAll(() => stack.stop());

const names = (body: unknown) => (body as { name: string }[]).map((r) => r.name).sort();

describe('GET /repositories', () => {
  it('shows sysadmins everything, members their projects and the public ones, anonymous only public ones', async () => {
    const all = await admin.get(`/api/v2.0/repositories?q=name=~${priv.name}`);
    expect(all.status).toBe(200);
    expect(names(all.body)).toEqual([`${priv.name}/other`, `${priv.name}/team/app`]);
    expect(names((await anon.get('/api/v2.0/repositories?page_size=100')).body)).toEqual([`${pub.name}/web`]);
    expect(names((await anon.as(guest).get('/api/v2.0/repositories?page_size=100')).body)).toEqual([`${priv.name}/other`, `${priv.name}/team/app`, `${pub.name}/web`].sort()); // names are random: compare as sets
    expect(names((await anon.as(outsider).get('/api/v2.0/repositories?page_size=100')).body)).toEqual([`${pub.name}/web`]);
  });

  it('pages with X-Total-Count and Link, sorts, and refuses bad parameters', async () => {
    const res = await admin.get(`/api/v2.0/repositories?q=name=~${priv.name}&sort=name&page=1&page_size=1`);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(res.headers.get('link')).toContain('rel="next"');
    expect(names(res.body)).toEqual([`${priv.name}/other`]);
    expect((await admin.get('/api/v2.0/repositories?q=nope=1')).body).toEqual(errorBody('BAD_REQUEST', 'the query key "nope" is not supported'));
    expect((await admin.get('/api/v2.0/repositories?page_size=101')).status).toBe(422);
  });
});

describe('GET /projects/{p}/repositories[/{r}]', () => {
  it('lists a project\'s repositories in Harbor\'s Repository shape', async () => {
    const res = await anon.as(guest).get(`/api/v2.0/projects/${priv.name}/repositories?q=name=~team`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.body).toEqual([{ id: expect.any(Number), project_id: priv.id, name: `${priv.name}/team/app`, artifact_count: 1, pull_count: 0, creation_time: expect.any(String), update_time: expect.any(String) }]);
  });

  it('gets a repository by its double-encoded (or single-encoded) name', async () => {
    const one = await admin.get(`/api/v2.0/projects/${priv.name}/repositories/${enc('team/app')}`);
    expect(one.status).toBe(200);
    expect((one.body as { name: string }).name).toBe(`${priv.name}/team/app`);
    expect((await admin.get(`/api/v2.0/projects/${priv.name}/repositories/team%2Fapp`)).status).toBe(200);
    const missing = await admin.get(`/api/v2.0/projects/${priv.name}/repositories/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(errorBody('NOT_FOUND', `repository ${priv.name}/nope not found`));
  });

  it('hides a private project: 401 anonymous, 403 non-member, 404 only for admins when the project is missing', async () => {
    expect((await anon.get(`/api/v2.0/projects/${priv.name}/repositories`)).body).toEqual(errorBody('UNAUTHORIZED'));
    expect((await anon.get(`/api/v2.0/projects/${priv.name}/repositories`)).status).toBe(401);
    expect((await anon.as(outsider).get(`/api/v2.0/projects/${priv.name}/repositories/other`)).status).toBe(403);
    expect((await anon.as(outsider).get('/api/v2.0/projects/no-such-project/repositories')).status).toBe(403);
    expect((await admin.get('/api/v2.0/projects/no-such-project/repositories')).body).toEqual(errorBody('NOT_FOUND', 'project no-such-project not found'));
    expect((await anon.get(`/api/v2.0/projects/${pub.name}/repositories`)).status).toBe(200);
  });
});

describe('PUT /projects/{p}/repositories/{r}', () => {
  it('updates the description (HTML-escaped) for a maintainer; guests get 403; unknown fields 400', async () => {
    const path = `/api/v2.0/projects/${priv.name}/repositories/other`;
    expect((await anon.as(maintainer).put(path, { description: 'a <b> & c' })).status).toBe(200);
    expect(((await admin.get(path)).body as { description: string }).description).toBe('a &lt;b&gt; &amp; c');
    const denied = await anon.as(guest).put(path, { description: 'x' });
    expect(denied.status).toBe(403);
    const bad = await admin.put(path, { description: 'x', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(((await admin.get(path)).body as { description: string }).description).toBe('a &lt;b&gt; &amp; c');
    expect((await admin.put(`/api/v2.0/projects/${priv.name}/repositories/nope`, { description: 'x' })).status).toBe(404);
  });
});

describe('DELETE /projects/{p}/repositories/{r}', () => {
  it('refuses guests, then deletes every artifact, releases storage and writes the audit log', async () => {
    const name = `${priv.name}/${uniqueName('gone')}`;
    const repoId = await seedRepository(db, priv.id, name);
    const a = await seedArtifact(db, { id: repoId, name, projectId: priv.id }, { tags: ['a'] });
    const child = await seedArtifact(db, { id: repoId, name, projectId: priv.id });
    await seedReference(db, await seedArtifact(db, { id: repoId, name, projectId: priv.id }, { tags: ['idx'] }), child);
    await seedBlobs(db, priv.id, a.digest, [{ digest: a.digest, size: 300 }, { digest: `sha256:${'e'.repeat(64)}`, size: 700 }]);
    const path = `/api/v2.0/projects/${priv.name}/repositories/${enc(name.split('/')[1])}`;
    expect((await anon.as(guest).delete(path)).status).toBe(403);
    expect((await db.query(`SELECT count(*)::int AS n FROM artifact WHERE repository_id = $1`, [repoId]))[0].n).toBe(3);
    const res = await anon.as(maintainer).delete(path);
    expect(res.status).toBe(200);
    expect(await db.query(`SELECT 1 FROM repository WHERE repository_id = $1`, [repoId])).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM project_blob WHERE project_id = $1`, [priv.id]))[0].n).toBe(0);
    expect((await db.query(`SELECT used_storage FROM quota WHERE reference_id = $1`, [String(priv.id)]))[0].used_storage).toBe('0');
    const [log] = await db.query(`SELECT operation, resource_type, resource, username FROM audit_log_ext WHERE resource = $1`, [name]);
    expect(log).toEqual({ operation: 'delete', resource_type: 'repository', resource: name, username: maintainer.username });
    expect((await admin.delete(path)).status).toBe(404);
  });
});
