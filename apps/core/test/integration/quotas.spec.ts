import { hashSecret } from '../../src/auth/password';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { type TestUser, createProject, createUser, errorBody } from './projects.fixtures';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let owner: TestUser;
let project: { id: number; name: string };
let quotaId: number;
const db = () => stack.core.deps.db;
const hard = async () => (await db().query(`SELECT hard_storage FROM quota WHERE id = $1`, [quotaId]))[0].hard_storage;

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  owner = await createUser(db(), 'owner');
  project = await createProject(anon.as(owner));
  [{ id: quotaId }] = await db().query(`SELECT id FROM quota WHERE reference_id = $1`, [String(project.id)]);
});
afterAll(() => stack.stop());

describe('quotas', () => {
  it('lists with reference filters and Harbor\'s Quota shape', async () => {
    const res = await admin.get<Record<string, unknown>[]>(`/api/v2.0/quotas?reference=project&reference_id=${project.id}`);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.body).toEqual([{
      id: quotaId, ref: { id: project.id, name: project.name, owner_name: owner.username },
      hard: { storage: -1 }, used: { storage: 0 }, creation_time: expect.any(String), update_time: expect.any(String),
    }]);
    const all = await admin.get('/api/v2.0/quotas?sort=-used.storage&page_size=1');
    expect(all.headers.get('x-total-count')).toBe('2');
    expect((await admin.get('/api/v2.0/quotas?sort=bogus')).status).toBe(400);
  });

  it('gets and updates one quota', async () => {
    expect((await admin.get<{ id: number }>(`/api/v2.0/quotas/${quotaId}`)).body.id).toBe(quotaId);
    expect((await admin.put(`/api/v2.0/quotas/${quotaId}`, { hard: { storage: 1024 } })).status).toBe(200);
    expect(await hard()).toBe('1024');
    expect((await admin.put(`/api/v2.0/quotas/${quotaId}`, { hard: { storage: -1 } })).status).toBe(200);
    expect(await hard()).toBe('-1');
  });

  it.each([
    [{}, 'hard required in body'],
    [{ hard: {} }, 'hard required in body'],
    [{ hard: { storage: 0 } }, 'invalid value for resource storage'],
    [{ hard: { storage: -2 } }, 'invalid value for resource storage'],
    [{ hard: { count: 5 } }, 'resource count not support'],
    [{ hard: { storage: 'big' } }, undefined],
  ])('refuses %j', async (body, message) => {
    const res = await admin.put(`/api/v2.0/quotas/${quotaId}`, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(errorBody('BAD_REQUEST', message));
    expect(await hard()).toBe('-1');
  });

  it('is for system admins only', async () => {
    const member = anon.as(owner);
    expect((await member.get('/api/v2.0/quotas')).status).toBe(403);
    expect((await member.get(`/api/v2.0/quotas/${quotaId}`)).status).toBe(403);
    expect((await member.put(`/api/v2.0/quotas/${quotaId}`, { hard: { storage: 5 } })).status).toBe(403);
    expect((await anon.get('/api/v2.0/quotas')).body).toEqual(errorBody('UNAUTHORIZED'));
    expect(await hard()).toBe('-1');
    expect((await admin.get('/api/v2.0/quotas/999999')).status).toBe(404);
    expect((await admin.put('/api/v2.0/quotas/999999', { hard: { storage: 5 } })).status).toBe(404);
  });

  it('lets a system robot with quota:list list quotas, and robots create projects only with project:create', async () => {
    const secret = await hashSecret('RobotSecret1');
    const perms = (access: string[]) => JSON.stringify([{ kind: 'system', namespace: '/', access: access.map((a) => ({ resource: a.split(':')[0], action: a.split(':')[1] })) }]);
    await db().query(`INSERT INTO robot (name, level, secret, permissions) VALUES ('quotabot', 'system', $1, $2), ('plainbot', 'system', $1, $3)`,
      [secret, perms(['quota:list', 'project:create']), perms(['quota:read'])]);
    const quotabot = anon.as({ username: 'robot$quotabot', password: 'RobotSecret1' });
    const plainbot = anon.as({ username: 'robot$plainbot', password: 'RobotSecret1' });
    expect((await quotabot.get('/api/v2.0/quotas')).status).toBe(200);
    expect((await plainbot.get('/api/v2.0/quotas')).status).toBe(403);
    const made = await quotabot.post('/api/v2.0/projects', { project_name: 'robot-made' });
    expect(made.status).toBe(201);
    expect(await db().query(`SELECT owner_id FROM project WHERE name = 'robot-made'`)).toEqual([{ owner_id: 1 }]);
    expect((await plainbot.post('/api/v2.0/projects', { project_name: 'robot-denied' })).status).toBe(403);
    expect(await db().query(`SELECT 1 FROM project WHERE name = 'robot-denied'`)).toEqual([]);
  });
});
