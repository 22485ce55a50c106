import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { type RoleName, type TestUser, createProject, membersByRole } from './projects.fixtures';
import { credentials, mustCreate, systemRobot } from './robots-helpers';

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

describe('label permissions by role', () => {
  it.each([['projectAdmin', 201], ['maintainer', 201], ['developer', 403], ['guest', 403], ['limitedGuest', 403], ['outsider', 403]] as const)(
    '%s creating a project label gets %d', async (who, status) => {
      const before = await labelCount();
      expect((await as(who).post('/api/v2.0/labels', { name: uniqueName('r'), scope: 'p', project_id: project.id })).status).toBe(status);
      expect(await labelCount()).toBe(before + (status === 201 ? 1 : 0));
    });

  it('only a sysadmin creates, updates or deletes global labels; any user reads them', async () => {
    const id = await create(admin, { name: uniqueName('gl'), scope: 'g' });
    expect((await as('projectAdmin').post('/api/v2.0/labels', { name: uniqueName('x'), scope: 'g' })).status).toBe(403);
    expect((await anon.post('/api/v2.0/labels', { name: uniqueName('x'), scope: 'g' })).status).toBe(401);
    expect((await as('projectAdmin').put(`/api/v2.0/labels/${id}`, { name: 'changed' })).status).toBe(403);
    expect((await as('projectAdmin').delete(`/api/v2.0/labels/${id}`)).status).toBe(403);
    expect((await as('outsider').get(`/api/v2.0/labels/${id}`)).status).toBe(200);
    expect((await anon.get(`/api/v2.0/labels/${id}`)).status).toBe(401);
    expect((await admin.get(`/api/v2.0/labels/${id}`)).body).toMatchObject({ name: expect.stringMatching(/^gl/) });
  });

  it('project labels: maintainer updates and deletes, developer and guest read only, outsiders nothing', async () => {
    const id = await create(as('maintainer'), { name: uniqueName('pl'), scope: 'p', project_id: project.id });
    expect((await as('guest').get(`/api/v2.0/labels/${id}`)).status).toBe(200);
    expect((await as('developer').put(`/api/v2.0/labels/${id}`, { name: 'nope' })).status).toBe(403);
    expect((await as('developer').delete(`/api/v2.0/labels/${id}`)).status).toBe(403);
    expect((await as('outsider').get(`/api/v2.0/labels/${id}`)).status).toBe(403);
    expect((await anon.get(`/api/v2.0/labels/${id}`)).status).toBe(401);
    expect((await admin.get(`/api/v2.0/labels/${id}`)).body).toMatchObject({ name: expect.stringMatching(/^pl/) });
    expect((await as('maintainer').put(`/api/v2.0/labels/${id}`, { name: uniqueName('pl2') })).status).toBe(200);
    expect((await as('projectAdmin').delete(`/api/v2.0/labels/${id}`)).status).toBe(200);
  });

  it('a system robot creates global labels only when granted label:create', async () => {
    const granted = await mustCreate(admin, systemRobot([['label', 'create'], ['label', 'delete']]));
    const other = await mustCreate(admin, systemRobot([['label', 'read']]));
    const id = await create(anon.as(credentials(granted)), { name: uniqueName('bot'), scope: 'g' });
    expect((await anon.as(credentials(other)).post('/api/v2.0/labels', { name: uniqueName('bot'), scope: 'g' })).status).toBe(403);
    expect((await anon.as(credentials(other)).delete(`/api/v2.0/labels/${id}`)).status).toBe(403);
    expect((await anon.as(credentials(granted)).delete(`/api/v2.0/labels/${id}`)).status).toBe(200);
  });
});
