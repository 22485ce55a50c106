import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { type TestUser, addMember, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let anon: ApiClient;
let owner: TestUser;
let carol: TestUser;
let project: { id: number; name: string };
const db = () => stack.core.deps.db;
const memberCount = async () => (await db().query(`SELECT count(*)::int AS n FROM project_member WHERE project_id = $1`, [project.id]))[0].n;

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  owner = await createUser(db(), 'owner');
  carol = await createUser(db(), 'carol');
  project = await createProject(anon.as(owner));
});
afterAll(() => stack.stop());

describe('project members', () => {
  it('adds a member by username, reads, changes the role and removes it, with audit rows', async () => {
    const base = `/api/v2.0/projects/${project.id}/members`;
    const res = await anon.as(owner).post(base, { role_id: 2, member_user: { username: carol.username } });
    expect(res.status).toBe(201);
    const location = res.headers.get('location')!;
    const mid = Number(location.split('/').pop());
    expect(location).toBe(`${base}/${mid}`);
    const got = await anon.as(owner).get(location);
    expect(got.body).toEqual({ id: mid, project_id: project.id, entity_name: carol.username, role_name: 'developer', role_id: 2, entity_id: carol.id, entity_type: 'u' });
    expect((await anon.as(owner).put(location, { role_id: 4 })).status).toBe(200);
    expect((await anon.as(owner).get<{ role_name: string }>(location)).body.role_name).toBe('maintainer');
    expect((await anon.as(owner).delete(location)).status).toBe(200);
    expect((await anon.as(owner).get(location)).status).toBe(404);
    const ops = await db().query(`SELECT operation FROM audit_log_ext WHERE resource_type = 'member' ORDER BY id`);
    expect(ops.map((o: { operation: string }) => o.operation)).toEqual(['create', 'update', 'delete']);
  });

  it('lists with entityname, paging and the total', async () => {
    const dave = await createUser(db(), 'dave');
    await addMember(db(), project.id, dave.id, 3);
    const all = await anon.as(owner).get<{ entity_name: string }[]>(`/api/v2.0/projects/${project.name}/members?page_size=1`);
    expect(all.headers.get('x-total-count')).toBe('2');
    expect(all.headers.get('link')).toContain('rel="next"');
    const one = await anon.as(owner).get<{ entity_name: string }[]>(`/api/v2.0/projects/${project.id}/members?entityname=${dave.username}`);
    expect(one.body.map((m) => m.entity_name)).toEqual([dave.username]);
  });

  it.each([
    ['a group', { role_id: 2, member_group: { group_name: 'devs' } }, 400, 'BAD_REQUEST'],
    ['no member', { role_id: 2 }, 400, 'BAD_REQUEST'],
    ['an unknown role', { role_id: 9, member_user: { user_id: 1 } }, 400, 'BAD_REQUEST'],
    ['an unknown field', { role_id: 2, member_user: { user_id: 1 }, extra: 1 }, 400, 'BAD_REQUEST'],
    ['an unknown user id', { role_id: 2, member_user: { user_id: 99999 } }, 404, 'NOT_FOUND'],
    ['an unknown username', { role_id: 2, member_user: { username: 'nobody-here' } }, 404, 'NOT_FOUND'],
  ])('refuses %s without changing members', async (_what, body, status, code) => {
    const before = await memberCount();
    const res = await anon.as(owner).post(`/api/v2.0/projects/${project.id}/members`, body);
    expect([res.status, res.body]).toEqual([status, errorBody(code)]);
    expect(await memberCount()).toBe(before);
  });

  it('answers 409 for an existing member', async () => {
    const before = await memberCount();
    const res = await anon.as(owner).post(`/api/v2.0/projects/${project.id}/members`, { role_id: 3, member_user: { user_id: owner.id } });
    expect(res.body).toEqual(errorBody('CONFLICT', 'The project member specified already exist'));
    expect(await memberCount()).toBe(before);
    const [{ role }] = await db().query(`SELECT role FROM project_member WHERE project_id = $1 AND entity_id = $2`, [project.id, owner.id]);
    expect(role).toBe(1);
  });

  it('validates role updates and member ids', async () => {
    const [{ id }] = await db().query(`SELECT id FROM project_member WHERE project_id = $1 AND entity_id = $2`, [project.id, owner.id]);
    const base = `/api/v2.0/projects/${project.id}/members`;
    expect((await anon.as(owner).put(`${base}/${id}`, { role_id: 7 })).body).toEqual(errorBody('BAD_REQUEST'));
    expect((await anon.as(owner).put(`${base}/${id}`, {})).status).toBe(400);
    expect((await anon.as(owner).get(`${base}/0`)).status).toBe(400);
    expect((await anon.as(owner).get(`${base}/abc`)).status).toBe(400);
    expect((await anon.as(owner).put(`${base}/999999`, { role_id: 2 })).status).toBe(404);
    expect((await anon.as(owner).delete(`${base}/999999`)).status).toBe(404);
    expect((await db().query(`SELECT role FROM project_member WHERE id = $1`, [id]))[0].role).toBe(1);
  });

  it('lets a guest read members but not change them', async () => {
    const gina = await createUser(db(), 'gina');
    const mid = await addMember(db(), project.id, gina.id, 3);
    const base = `/api/v2.0/projects/${project.id}/members`;
    expect((await anon.as(gina).get(`${base}/${mid}`)).status).toBe(200);
    expect((await anon.as(gina).put(`${base}/${mid}`, { role_id: 1 })).status).toBe(403);
    expect((await anon.as(gina).delete(`${base}/${mid}`)).status).toBe(403);
    expect((await db().query(`SELECT role FROM project_member WHERE id = $1`, [mid]))[0].role).toBe(3);
    expect((await anon.get(base)).status).toBe(401);
    expect((await anon.as(ADMIN).get(base)).status).toBe(200);
  });
});
