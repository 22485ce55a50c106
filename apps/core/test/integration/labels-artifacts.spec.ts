import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { seedArtifact, seedRepository } from './artifacts-fixtures';
import { ROLES, type TestUser, addMember, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let admin: ApiClient;
let anon: ApiClient;
let db: DataSource;
let project: { id: number; name: string };
let repo: { id: number; name: string; projectId: number };
let a1: { id: number; digest: string };
let a2: { id: number; digest: string };
let users: Record<'developer' | 'guest', TestUser>;
const labels: Record<'g' | 'p' | 'other', number> = { g: 0, p: 0, other: 0 };
let base: string;

async function createLabel(body: Record<string, unknown>): Promise<number> {
  const res = await admin.post('/api/v2.0/labels', { name: uniqueName('l'), ...body });
  if (res.status !== 201) throw new Error(`create label: ${res.status} ${res.text}`);
  return Number(res.headers.get('location')!.split('/').pop());
}

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  project = await createProject(admin);
  const other = await createProject(admin);
  users = { developer: await createUser(db, 'dev'), guest: await createUser(db, 'gst') };
  await addMember(db, project.id, users.developer.id, ROLES.developer);
  await addMember(db, project.id, users.guest.id, ROLES.guest);
  repo = { id: 0, name: `${project.name}/app`, projectId: project.id };
  repo.id = await seedRepository(db, project.id, repo.name);
  a1 = await seedArtifact(db, repo, { tags: ['one'], pushTime: '2024-01-01T00:00:00Z' });
  a2 = await seedArtifact(db, repo, { tags: ['two'], pushTime: '2024-01-02T00:00:00Z' });
  labels.g = await createLabel({ scope: 'g', color: '#111' });
  labels.p = await createLabel({ scope: 'p', project_id: project.id });
  labels.other = await createLabel({ scope: 'p', project_id: other.id });
  base = `/api/v2.0/projects/${project.name}/repositories/app/artifacts`;
});
afterAll(() => stack.stop());

const attached = async () => (await db.query(`SELECT label_id, resource_id FROM harbor_resource_label ORDER BY id`)) as { label_id: number; resource_id: number }[];
const ids = (body: unknown) => (body as { id: number }[]).map((a) => a.id);

describe('attaching labels', () => {
  it('adds a global and a project label; with_label shows Label objects', async () => {
    const dev = anon.as(users.developer);
    expect((await dev.post(`${base}/one/labels`, { id: labels.g })).status).toBe(200);
    expect((await dev.post(`${base}/${a1.digest}/labels`, { id: labels.p })).status).toBe(200);
    expect((await admin.post(`${base}/two/labels`, { id: labels.g })).status).toBe(200);
    const got = await admin.get(`${base}/one?with_label=true`);
    expect((got.body as { labels: object[] }).labels).toEqual([
      { id: labels.g, name: expect.any(String), color: '#111', scope: 'g', creation_time: expect.any(String), update_time: expect.any(String) },
      { id: labels.p, name: expect.any(String), scope: 'p', project_id: project.id, creation_time: expect.any(String), update_time: expect.any(String) },
    ]);
    expect((await admin.get(`${base}/one`)).body).not.toHaveProperty('labels');
    const list = await admin.get(`${base}?with_label=true`);
    expect((list.body as { id: number; labels: { id: number }[] }[]).map((a) => [a.id, a.labels.map((l) => l.id)])).toEqual([[a2.id, [labels.g]], [a1.id, [labels.g, labels.p]]]);
  });

  it('refuses errors with Harbor statuses and changes nothing', async () => {
    const before = await attached();
    expect(await admin.post(`${base}/one/labels`, { id: labels.g })).toMatchObject({ status: 409, body: errorBody('CONFLICT', `label ${labels.g} is already added to the artifact ${a1.id}`) });
    expect(await admin.post(`${base}/one/labels`, { id: 999999 })).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', 'label 999999 not found') });
    expect(await admin.post(`${base}/one/labels`, { id: labels.other })).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST') });
    expect(await admin.post(`${base}/nope/labels`, { id: labels.g })).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', `artifact ${repo.name}:nope not found`) });
    expect(await admin.post(`${base}/one/labels`, {})).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST') });
    expect((await anon.as(users.guest).post(`${base}/two/labels`, { id: labels.p })).status).toBe(403);
    expect((await anon.post(`${base}/two/labels`, { id: labels.p })).status).toBe(401);
    expect(await attached()).toEqual(before);
  });

  it('removes a label; removing it again is 404; guests may not remove', async () => {
    const temp = await createLabel({ scope: 'g' });
    await admin.post(`${base}/two/labels`, { id: temp });
    expect((await anon.as(users.guest).delete(`${base}/two/labels/${temp}`)).status).toBe(403);
    expect((await anon.delete(`${base}/two/labels/${temp}`)).status).toBe(401);
    expect((await anon.as(users.developer).delete(`${base}/two/labels/${temp}`)).status).toBe(200);
    expect(await admin.delete(`${base}/two/labels/${temp}`)).toMatchObject({ status: 404, body: errorBody('NOT_FOUND') });
    expect((await admin.delete(`${base}/two/labels/abc`)).status).toBe(400);
    expect((await attached()).some((r) => r.label_id === temp)).toBe(false);
  });
});

describe('q=labels filters', () => {
  it('filters by one label, by all of a list (and) and by any of a list (or)', async () => {
    expect(ids((await admin.get(`${base}?q=${encodeURIComponent(`labels=${labels.p}`)}`)).body)).toEqual([a1.id]);
    expect(ids((await admin.get(`${base}?q=${encodeURIComponent(`labels=${labels.g}`)}`)).body)).toEqual([a2.id, a1.id]);
    expect(ids((await admin.get(`${base}?q=${encodeURIComponent(`labels=(${labels.g} ${labels.p})`)}`)).body)).toEqual([a1.id]);
    expect(ids((await admin.get(`${base}?q=${encodeURIComponent(`labels=(${labels.p} ${labels.other})`)}`)).body)).toEqual([]);
    expect(ids((await admin.get(`${base}?q=${encodeURIComponent(`labels={${labels.p} ${labels.other}}`)}`)).body)).toEqual([a1.id]);
    const res = await admin.get(`${base}?q=${encodeURIComponent(`labels={${labels.g} 999999}`)}`);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect((await admin.get(`${base}?q=${encodeURIComponent('labels=~1')}`)).status).toBe(400);
  });
});

describe('lifecycle', () => {
  it('deleting a label detaches it from every artifact', async () => {
    const temp = await createLabel({ scope: 'p', project_id: project.id });
    await admin.post(`${base}/one/labels`, { id: temp });
    await admin.post(`${base}/two/labels`, { id: temp });
    expect((await admin.delete(`/api/v2.0/labels/${temp}`)).status).toBe(200);
    expect((await attached()).some((r) => r.label_id === temp)).toBe(false);
    expect(((await admin.get(`${base}/one?with_label=true`)).body as { labels: { id: number }[] }).labels.map((l) => l.id)).not.toContain(temp);
  });

  it('deleting an artifact removes its attachments', async () => {
    const a3 = await seedArtifact(db, repo, { tags: ['three'] });
    await admin.post(`${base}/three/labels`, { id: labels.g });
    expect((await attached()).some((r) => r.resource_id === a3.id)).toBe(true);
    expect((await admin.delete(`${base}/three`)).status).toBe(200);
    expect((await attached()).some((r) => r.resource_id === a3.id)).toBe(false);
    expect((await admin.get(`/api/v2.0/labels/${labels.g}`)).status).toBe(200);
  });
});
