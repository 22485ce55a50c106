import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { type RoleName, type TestUser, createProject, errorBody, membersByRole } from './projects.fixtures';

let stack: TestStack;
let admin: ApiClient;
let anon: ApiClient;
let db: DataSource;
let project: { id: number; name: string };
const users = {} as Record<RoleName | 'outsider', TestUser>;
const as = (who: keyof typeof users) => anon.as(users[who]);

beforeAll(async () => {
  stack = await startTestStack();
  db = stack.core.deps.db;
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  project = await createProject(admin);
  Object.assign(users, await membersByRole(db, project.id));
});
afterAll(() => stack.stop());

const labelCount = async () => (await db.query(`SELECT count(*)::int AS n FROM harbor_label`))[0].n as number;

async function create(api: ApiClient, body: Record<string, unknown>): Promise<number> {
  const res = await api.post('/api/v2.0/labels', body);
  if (res.status !== 201) throw new Error(`create label: ${res.status} ${res.text}`);
  return Number(res.headers.get('location')!.split('/').pop());
}

describe('label CRUD', () => {
  it('creates a global label with 201 and Location, and reads it back', async () => {
    const name = uniqueName('glob');
    const res = await admin.post('/api/v2.0/labels', { name, description: 'd', color: '#FF0000', scope: 'g', project_id: 99 });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(/^\/api\/v2\.0\/labels\/\d+$/);
    const id = Number(res.headers.get('location')!.split('/').pop());
    const got = await admin.get(`/api/v2.0/labels/${id}`);
    expect(got.status).toBe(200);
    // A global label's project_id is forced to 0, which go-swagger omits.
    expect(got.body).toEqual({ id, name, description: 'd', color: '#FF0000', scope: 'g', creation_time: expect.any(String), update_time: expect.any(String) });
  });

  it('updates name, description and color but never scope or project_id', async () => {
    const id = await create(admin, { name: uniqueName('upd'), scope: 'p', project_id: project.id, color: '#000' });
    const name = uniqueName('renamed');
    expect((await admin.put(`/api/v2.0/labels/${id}`, { name, description: 'x', scope: 'g', project_id: 0 })).status).toBe(200);
    expect((await admin.get(`/api/v2.0/labels/${id}`)).body).toMatchObject({ id, name, description: 'x', scope: 'p', project_id: project.id });
    expect((await admin.get(`/api/v2.0/labels/${id}`)).body).not.toHaveProperty('color');
  });

  it('deletes a label; a second delete and a get are 404', async () => {
    const id = await create(admin, { name: uniqueName('del'), scope: 'g' });
    expect((await admin.delete(`/api/v2.0/labels/${id}`)).status).toBe(200);
    expect(await admin.get(`/api/v2.0/labels/${id}`)).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', `label ${id} not found`) });
    expect((await admin.delete(`/api/v2.0/labels/${id}`)).status).toBe(404);
    expect((await admin.put(`/api/v2.0/labels/${id}`, { name: 'x' })).status).toBe(404);
  });

  it('refuses duplicates with 409, per scope and project, and changes nothing', async () => {
    const name = uniqueName('dup');
    await create(admin, { name, scope: 'g' });
    await create(admin, { name, scope: 'p', project_id: project.id }); // same name, other scope: fine
    const before = await labelCount();
    expect(await admin.post('/api/v2.0/labels', { name, scope: 'g' })).toMatchObject({ status: 409, body: errorBody('CONFLICT', `label ${name} already exists`) });
    expect((await admin.post('/api/v2.0/labels', { name, scope: 'p', project_id: project.id })).status).toBe(409);
    const other = await create(admin, { name: uniqueName('other'), scope: 'g' });
    expect((await admin.put(`/api/v2.0/labels/${other}`, { name })).status).toBe(409);
    expect(await labelCount()).toBe(before + 1);
    expect((await admin.get(`/api/v2.0/labels/${other}`)).body).toMatchObject({ name: expect.stringMatching(/^other/) });
  });

  it.each([
    [{ scope: 'g' }, 'label name cannot be empty'],
    [{ name: 'x'.repeat(129), scope: 'g' }, 'label name: max length is 128'],
    [{ name: 'a', scope: 'x' }, 'invalid label scope: x'],
    [{ name: 'a' }, 'invalid label scope: '],
    [{ name: 'a', scope: 'p' }, 'invalid project_id of a project label: 0'],
    [{ name: 'a', scope: 'g', bogus: 1 }, 'invalid request body: unknown field(s) bogus'],
    [{ name: 5, scope: 'g' }, expect.stringContaining('invalid request body: name')],
  ])('refuses the invalid body %j with 400 and creates nothing', async (body, message) => {
    const before = await labelCount();
    expect(await admin.post('/api/v2.0/labels', body)).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', message as string) });
    expect(await labelCount()).toBe(before);
  });

  it('refuses an empty name on update and keeps the label', async () => {
    const name = uniqueName('keep');
    const id = await create(admin, { name, scope: 'g' });
    expect(await admin.put(`/api/v2.0/labels/${id}`, { name: '' })).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST') });
    expect((await admin.get(`/api/v2.0/labels/${id}`)).body).toMatchObject({ name });
  });

  it('validates label_id in the path', async () => {
    expect(await admin.get('/api/v2.0/labels/abc')).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST') });
    expect((await admin.get('/api/v2.0/labels/0')).status).toBe(400);
    expect((await admin.get('/api/v2.0/labels/99999999999')).status).toBe(404);
  });
});

describe('GET /labels', () => {
  let gIds: number[];
  let pIds: number[];
  const prefix = uniqueName('lst');
  beforeAll(async () => {
    gIds = [await create(admin, { name: `${prefix}-alpha`, scope: 'g' }), await create(admin, { name: `${prefix}-beta`, scope: 'g' })];
    pIds = [await create(admin, { name: `${prefix}-p1`, scope: 'p', project_id: project.id })];
  });

  it('lists global labels by fuzzy name, newest first, with paging headers', async () => {
    const res = await as('outsider').get(`/api/v2.0/labels?scope=g&name=${prefix.toUpperCase()}&page_size=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(res.headers.get('link')).toContain('rel="next"');
    expect((res.body as { id: number }[]).map((l) => l.id)).toEqual([gIds[1]]);
  });

  it('lists project labels for project members, q= and sort included', async () => {
    const res = await as('guest').get(`/api/v2.0/labels?scope=p&project_id=${project.id}&name=${prefix}`);
    expect(res.status).toBe(200);
    expect((res.body as { id: number }[]).map((l) => l.id)).toEqual(pIds);
    const q = await admin.get(`/api/v2.0/labels?scope=g&q=name%3D~${prefix}&sort=name`);
    expect((q.body as { id: number }[]).map((l) => l.id)).toEqual(gIds);
  });

  it('refuses bad parameters with 400', async () => {
    expect(await admin.get('/api/v2.0/labels')).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', 'invalid scope: ') });
    expect(await admin.get('/api/v2.0/labels?scope=p')).toMatchObject({ status: 400, body: errorBody('BAD_REQUEST', 'must with project ID when to query project labels') });
    expect((await admin.get('/api/v2.0/labels?scope=g&q=bogus%3D1')).status).toBe(400);
    expect((await admin.get('/api/v2.0/labels?scope=p&project_id=x')).status).toBe(400);
  });

  it('hides project labels from outsiders and anonymous callers; 404 only for admins', async () => {
    expect((await anon.get('/api/v2.0/labels?scope=g')).status).toBe(401);
    expect((await anon.get(`/api/v2.0/labels?scope=p&project_id=${project.id}`)).status).toBe(401);
    expect((await as('outsider').get(`/api/v2.0/labels?scope=p&project_id=${project.id}`)).status).toBe(403);
    expect((await as('limitedGuest').get(`/api/v2.0/labels?scope=p&project_id=${project.id}`)).status).toBe(403);
    expect((await as('outsider').get('/api/v2.0/labels?scope=p&project_id=999999')).status).toBe(403);
    expect((await admin.get('/api/v2.0/labels?scope=p&project_id=999999')).status).toBe(404);
  });
});
