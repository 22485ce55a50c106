import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { type TestUser, addMember, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let anon: ApiClient;
let owner: TestUser;
let project: { id: number; name: string };
const db = () => stack.core.deps.db;
const meta = async () => Object.fromEntries((await db().query(`SELECT name, value FROM project_metadata WHERE project_id = $1`, [project.id]))
  .map((r: { name: string; value: string }) => [r.name, r.value]));

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  owner = await createUser(db(), 'owner');
  project = await createProject(anon.as(owner));
});
afterAll(() => stack.stop());

describe('/projects/{p}/metadatas', () => {
  it('adds, reads, updates and deletes one pair at a time', async () => {
    const base = `/api/v2.0/projects/${project.id}/metadatas`;
    const o = anon.as(owner);
    expect((await o.post(`${base}/`, { auto_scan: 'True' })).status).toBe(200);
    expect(await meta()).toEqual({ public: 'false', auto_scan: 'true' });
    expect((await o.post(base, { auto_scan: 'false' })).body).toEqual(errorBody('CONFLICT'));
    expect((await o.get(`${base}/auto_scan`)).body).toEqual({ auto_scan: 'true' });
    expect((await o.get(`${base}/severity`)).body).toEqual({});
    expect((await o.put(`${base}/severity`, { severity: 'HIGH' })).status).toBe(200);
    expect((await o.delete(`${base}/auto_scan`)).status).toBe(200);
    expect(await meta()).toEqual({ public: 'false', severity: 'high' });
    expect((await anon.as(ADMIN).get(base)).body).toEqual({ public: 'false', severity: 'high' });
  });

  it.each([
    [{ a: 'true', b: 'true' }, 'only allow one key/value pair'],
    [{ colour: 'red' }, 'invalid key: colour'],
    [{ prevent_vul: 'maybe' }, 'invalid value: maybe'],
    [{ severity: 'extreme' }, 'invalid value: extreme'],
  ])('refuses %j', async (body, message) => {
    const before = await meta();
    const res = await anon.as(owner).post(`/api/v2.0/projects/${project.id}/metadatas`, body);
    expect([res.status, res.body]).toEqual([400, errorBody('BAD_REQUEST', message)]);
    expect(await meta()).toEqual(before);
  });

  it('follows the matrix: maintainers read, developers do not', async () => {
    const m = await createUser(db(), 'maint');
    const d = await createUser(db(), 'dev');
    await addMember(db(), project.id, m.id, 4);
    await addMember(db(), project.id, d.id, 2);
    const one = `/api/v2.0/projects/${project.id}/metadatas/public`;
    expect((await anon.as(m).get(one)).status).toBe(200);
    expect((await anon.as(m).put(one, { public: 'true' })).status).toBe(403);
    expect((await anon.as(d).get(one)).status).toBe(403);
    expect((await anon.get(one)).status).toBe(401);
    expect((await meta()).public).toBe('false');
  });
});
