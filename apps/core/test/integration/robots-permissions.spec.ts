import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { addMember, createProject, createUser, credentials, errorOf, mustCreate, projectRobot, ROLE, systemRobot } from './robots-helpers';

let stack: TestStack;
let admin: ApiClient;
let db: DataSource;
let project: { id: number; name: string };
let other: { id: number; name: string };
const as: Record<string, ApiClient> = {};

beforeAll(async () => {
  stack = await startTestStack();
  admin = new ApiClient(stack.url, ADMIN);
  db = stack.core.deps.db;
  project = await createProject(db);
  other = await createProject(db);
  for (const [role, id] of Object.entries(ROLE)) {
    const user = await createUser(db);
    await addMember(db, project.id, user.id, id);
    as[role] = admin.as(user);
  }
  as.outsider = admin.as(await createUser(db));
});
afterAll(() => stack.stop());

const robotCount = async (): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM robot`))[0].n);

describe('robot accounts: who may manage which robots', () => {
  it('lets a project admin create, update, refresh and delete robots of their project', async () => {
    const created = await mustCreate(as.projectAdmin, projectRobot(project.name, [['repository', 'push'], ['metadata', 'list']]));
    const view = (await as.projectAdmin.get<Record<string, unknown>>(`/api/v2.0/robots/${created.id}`)).body;
    expect(view).toMatchObject({ creator_type: 'local', name: created.name });
    expect((await as.projectAdmin.put(`/api/v2.0/robots/${created.id}`, { ...view, description: 'x' })).status).toBe(200);
    expect((await as.projectAdmin.patch(`/api/v2.0/robots/${created.id}`, {})).status).toBe(200);
    expect((await as.projectAdmin.delete(`/api/v2.0/robots/${created.id}`)).status).toBe(200);
  });

  it('stops a project admin at other projects, system robots and payloads outside their project', async () => {
    const before = await robotCount();
    const forbidden = [
      projectRobot(other.name, [['repository', 'pull']]),
      projectRobot('no-such-project', [['repository', 'pull']]),
      systemRobot([['project', 'list']]),
    ];
    for (const body of forbidden) {
      const res = await as.projectAdmin.post('/api/v2.0/robots', body);
      expect([res.status, errorOf(res).code]).toEqual([403, 'FORBIDDEN']);
    }
    const twoProjects = projectRobot(project.name, [['repository', 'pull']]);
    twoProjects.permissions = [{ kind: 'project', namespace: project.name, access: [{ resource: 'repository', action: 'pull' }] },
      { kind: 'project', namespace: other.name, access: [{ resource: 'repository', action: 'pull' }] }];
    const wildcard = projectRobot('*', [['repository', 'pull']]);
    for (const body of [twoProjects, wildcard]) expect((await as.projectAdmin.post('/api/v2.0/robots', body)).status).toBe(400);
    const foreign = await mustCreate(admin, projectRobot(other.name, [['repository', 'pull']]));
    const system = await mustCreate(admin, systemRobot([['project', 'list']]));
    for (const id of [foreign.id, system.id]) {
      expect((await as.projectAdmin.get(`/api/v2.0/robots/${id}`)).status).toBe(403);
      expect((await as.projectAdmin.patch(`/api/v2.0/robots/${id}`, {})).status).toBe(403);
      expect((await as.projectAdmin.delete(`/api/v2.0/robots/${id}`)).status).toBe(403);
    }
    expect((await as.projectAdmin.get('/api/v2.0/robots')).status).toBe(403);
    expect(await robotCount()).toBe(before + 2);
  });

  it('lets maintainer, developer and guest list and read robots but change nothing; limited guest and outsiders see nothing', async () => {
    const robot = await mustCreate(admin, projectRobot(project.name, [['repository', 'pull']]));
    const view = (await admin.get<Record<string, unknown>>(`/api/v2.0/robots/${robot.id}`)).body;
    const list = `/api/v2.0/robots?q=Level=project,ProjectID=${project.id}`;
    for (const role of ['maintainer', 'developer', 'guest', 'limitedGuest', 'outsider']) {
      const reads = role === 'maintainer' || role === 'developer' || role === 'guest';
      expect([role, (await as[role].get(list)).status]).toEqual([role, reads ? 200 : 403]);
      expect([role, (await as[role].get(`/api/v2.0/robots/${robot.id}`)).status]).toEqual([role, reads ? 200 : 403]);
      const writes = [
        await as[role].post('/api/v2.0/robots', projectRobot(project.name, [['repository', 'pull']])),
        await as[role].put(`/api/v2.0/robots/${robot.id}`, { ...view, description: role }),
        await as[role].patch(`/api/v2.0/robots/${robot.id}`, {}),
        await as[role].delete(`/api/v2.0/robots/${robot.id}`),
      ];
      for (const res of writes) expect([role, res.status, errorOf(res).code]).toEqual([role, 403, 'FORBIDDEN']);
    }
    expect((await admin.get(`/api/v2.0/robots/${robot.id}`)).body).toEqual(view);
  });

  it('hides whether a project exists from callers who are not admins', async () => {
    const missing = await as.outsider.get('/api/v2.0/robots?q=Level=project,ProjectID=987654');
    const hidden = await as.outsider.get(`/api/v2.0/robots?q=Level=project,ProjectID=${other.id}`);
    expect([missing.status, hidden.status]).toEqual([403, 403]);
    expect(errorOf(missing)).toEqual(errorOf(hidden));
  });
});

describe('robot accounts: no escalation', () => {
  it('lets a robot create robots only with permissions it holds itself', async () => {
    const creator = await mustCreate(admin, projectRobot(project.name, [['robot', 'create'], ['repository', 'pull']]));
    const robot = admin.as(credentials(creator));
    const child = await mustCreate(robot, projectRobot(project.name, [['repository', 'pull']]));
    expect((await admin.get(`/api/v2.0/robots/${child.id}`)).body).toMatchObject({ creator_type: 'robot', creator_ref: creator.id });
    const before = await robotCount();
    const res = await robot.post('/api/v2.0/robots', projectRobot(project.name, [['repository', 'pull'], ['repository', 'delete']]));
    expect([res.status, errorOf(res)]).toEqual([403, { code: 'DENIED', message: `permission scope is invalid: the caller does not hold repository:delete in ${project.name}` }]);
    expect(await robotCount()).toBe(before);
  });

  it('lets a system robot with robot:create make system robots within its own grants', async () => {
    const creator = await mustCreate(admin, systemRobot([['robot', 'create'], ['project', 'list']]));
    const robot = admin.as(credentials(creator));
    expect((await robot.post('/api/v2.0/robots', systemRobot([['project', 'list']]))).status).toBe(201);
    const res = await robot.post('/api/v2.0/robots', systemRobot([['user', 'create']]));
    expect([res.status, errorOf(res).code]).toEqual([403, 'DENIED']);
    const grantsProject = { ...systemRobot([]), permissions: [{ kind: 'project', namespace: project.name, access: [{ resource: 'repository', action: 'pull' }] }] };
    expect((await robot.post('/api/v2.0/robots', grantsProject)).status).toBe(403);
  });
});
