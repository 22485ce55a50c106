import { ALL_PROJECT_PERMISSIONS, permissionsOfRole } from '@harbor-ts/rbac';
import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack } from '../support/test-stack';
import { createUser, expectHarborError, projectWithMember, systemRobot } from './users-helpers';

let stack: TestStack;
let anon: ApiClient;
let admin: ApiClient;
let db: DataSource;

type Perm = { resource: string; action: string };
const sorted = (list: Perm[]) => [...list].sort((a, b) => `${a.resource} ${a.action}`.localeCompare(`${b.resource} ${b.action}`));
const path = (scope: string, relative?: boolean) =>
  `/api/v2.0/users/current/permissions?scope=${encodeURIComponent(scope)}${relative === undefined ? '' : `&relative=${relative}`}`;

beforeAll(async () => {
  stack = await startTestStack();
  anon = new ApiClient(stack.url);
  admin = anon.as(ADMIN);
  db = stack.core.deps.db;
});
afterAll(() => stack.stop());

describe('GET /users/current/permissions', () => {
  it('gives a sysadmin every project permission, absolute or relative', async () => {
    const res = await admin.get<Perm[]>(path('/project/1'));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(ALL_PROJECT_PERMISSIONS.length);
    expect(res.body).toContainEqual({ resource: '/project/1', action: 'delete' });
    expect(res.body).toContainEqual({ resource: '/project/1/repository', action: 'push' });
    const relative = await admin.get<Perm[]>(path('/project/1', true));
    expect(relative.body).toContainEqual({ resource: '.', action: 'delete' });
    expect(relative.body).toContainEqual({ resource: 'member', action: 'create' });
  });

  it('gives a project member exactly their role\'s permissions', async () => {
    const dev = await createUser(admin);
    const projectId = await projectWithMember(db, dev.id, 2);
    const res = await anon.as(dev).get<Perm[]>(path(`/project/${projectId}`, true));
    expect(res.status).toBe(200);
    const expected = permissionsOfRole('developer').map((p) => ({ resource: p.resource === 'project' ? '.' : p.resource, action: p.action }));
    expect(sorted(res.body)).toEqual(sorted(expected));
    expect(res.body).not.toContainEqual({ resource: 'repository', action: 'delete' });
    const absolute = await anon.as(dev).get<Perm[]>(path(`/project/${projectId}`));
    expect(absolute.body).toContainEqual({ resource: `/project/${projectId}/repository`, action: 'push' });
  });

  it('gives a non-member nothing in a private project and the public set in a public one', async () => {
    const owner = await createUser(admin);
    const stranger = await createUser(admin);
    const privateId = await projectWithMember(db, owner.id, 1);
    const publicId = await projectWithMember(db, owner.id, 1, true);
    expect((await anon.as(stranger).get<Perm[]>(path(`/project/${privateId}`))).body).toEqual([]);
    const pub = (await anon.as(stranger).get<Perm[]>(path(`/project/${publicId}`, true))).body;
    expect(pub).toContainEqual({ resource: 'repository', action: 'pull' });
    expect(pub).not.toContainEqual({ resource: 'repository', action: 'push' });
    expect((await anon.as(stranger).get<Perm[]>(path('/project/999999'))).body).toEqual([]);
  });

  it('answers an empty list for unknown or missing scopes', async () => {
    expect((await admin.get<Perm[]>('/api/v2.0/users/current/permissions')).body).toEqual([]);
    expect((await admin.get<Perm[]>(path('/nothing'))).body).toEqual([]);
  });

  it('lists system permissions: all for a sysadmin, the granted ones for a robot, none for a user', async () => {
    const all = (await admin.get<Perm[]>(path('/system', true))).body;
    expect(all).toContainEqual({ resource: 'user', action: 'create' });
    expect((await admin.get<Perm[]>(path('/system'))).body).toContainEqual({ resource: '/system/user', action: 'create' });
    const robot = await systemRobot(db, [{ resource: 'user', action: 'list' }]);
    expect((await anon.as(robot).get<Perm[]>(path('/system', true))).body).toEqual([{ resource: 'user', action: 'list' }]);
    const user = await createUser(admin);
    expect((await anon.as(user).get<Perm[]>(path('/system'))).body).toEqual([]);
  });

  it('answers 401 to anonymous callers and 400 to a bad relative flag', async () => {
    expectHarborError(await anon.get(path('/project/1')), 401, 'UNAUTHORIZED');
    expectHarborError(await admin.get(`${path('/project/1')}&relative=maybe`), 400, 'BAD_REQUEST');
  });
});
