import type { DataSource } from 'typeorm';
import { eventTypeOf, AUDIT_EVENT_TYPES } from '../../src/audit/event-types';
import { PullRecorder } from '../../src/v2/pull-recorder';
import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';
import { pushImage } from './artifacts-fixtures';
import { projectRobot } from './robots-helpers';
import { CookieSession, createUser } from './users-helpers';

// Every operation of Harbor's audit event list, done through the real API (and /v2 for push
// and pull), leaves its audit_log_ext row with Harbor's operation and resource_type.

let stack: TestStack;
let admin: ApiClient;
let db: DataSource;
const project = uniqueName('audited');

beforeAll(async () => {
  stack = await startTestStack();
  admin = new ApiClient(stack.url).as(ADMIN);
  db = stack.core.deps.db;
});
afterAll(() => stack.stop());

interface Row {
  operation: string;
  resource_type: string;
  resource: string;
  username: string;
  operation_result: boolean;
}

/** The rows of one event type whose resource matches the pattern (SQL LIKE). */
async function events(eventType: string, resourceLike: string): Promise<Row[]> {
  return db.query(
    `SELECT operation, resource_type, resource, username, operation_result FROM audit_log_ext
     WHERE operation || '_' || resource_type = $1 AND resource LIKE $2 ORDER BY id`,
    [eventType, resourceLike],
  );
}

async function expectEvent(eventType: string, resourceLike: string, username = 'admin'): Promise<void> {
  const rows = await events(eventType, resourceLike);
  expect(rows).toHaveLength(1);
  expect(eventTypeOf(rows[0].operation, rows[0].resource_type)).toBe(eventType);
  expect(rows[0]).toMatchObject({ username, operation_result: true });
}

function ok(res: { status: number; text: string }, status = 200): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
}

describe('projects', () => {
  it('create_project', async () => {
    ok(await admin.post('/api/v2.0/projects', { project_name: project, metadata: { public: 'false' } }), 201);
    await expectEvent('create_project', project);
  });

  it('update_project', async () => {
    ok(await admin.put(`/api/v2.0/projects/${project}`, { metadata: { public: 'true' } }));
    await expectEvent('update_project', project);
  });
});

describe('artifacts and repositories', () => {
  it('create_artifact (a push through /v2)', async () => {
    await pushImage(stack.url, `${project}/app`, 'v1');
    await expectEvent('create_artifact', `${project}/app:v1`);
  });

  it('pull_artifact (a manifest GET through /v2)', async () => {
    const res = await fetch(`${stack.url}/v2/${project}/app/manifests/v1`, {
      headers: { authorization: basicAuth(ADMIN), accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(res.status).toBe(200);
    await stack.core.app.get(PullRecorder).flush();
    await expectEvent('pull_artifact', `${project}/app:v1`);
  });

  it('delete_artifact (the artifact API)', async () => {
    ok(await admin.delete(`/api/v2.0/projects/${project}/repositories/app/artifacts/v1`));
    await expectEvent('delete_artifact', `${project}/app%`);
  });

  it('delete_repository', async () => {
    await pushImage(stack.url, `${project}/web`, 'latest');
    ok(await admin.delete(`/api/v2.0/projects/${project}/repositories/web`));
    await expectEvent('delete_repository', `${project}/web`);
  });
});

describe('members and robots', () => {
  it('create_member, update_member, delete_member', async () => {
    const user = await createUser(admin);
    const created = await admin.post(`/api/v2.0/projects/${project}/members`, { role_id: 2, member_user: { username: user.username } });
    ok(created, 201);
    const location = created.headers.get('location') ?? '';
    ok(await admin.put(location, { role_id: 4 }));
    ok(await admin.delete(location));
    for (const type of ['create_member', 'update_member', 'delete_member']) await expectEvent(type, `${project}/${user.username}`);
  });

  it('create_robot, delete_robot', async () => {
    const created = await admin.post<{ id: number; name: string }>('/api/v2.0/robots', projectRobot(project, [['repository', 'pull']]));
    ok(created, 201);
    ok(await admin.delete(`/api/v2.0/robots/${created.body.id}`));
    await expectEvent('create_robot', created.body.name);
    await expectEvent('delete_robot', created.body.name);
  });
});

describe('users, sessions and configuration', () => {
  it('create_user, update_user, delete_user', async () => {
    const user = await createUser(admin);
    ok(await admin.put(`/api/v2.0/users/${user.id}`, { email: user.email, realname: 'Renamed', comment: '' }));
    ok(await admin.delete(`/api/v2.0/users/${user.id}`));
    await expectEvent('create_user', user.username);
    await expectEvent('update_user', user.username);
    await expectEvent('delete_user', user.username);
  });

  it('login_user, logout_user', async () => {
    const user = await createUser(admin);
    const browser = new CookieSession(stack.url);
    expect((await browser.login(user.username, user.password)).status).toBe(200);
    expect((await browser.raw('GET', '/c/log_out')).status).toBe(200);
    await expectEvent('login_user', user.username, user.username);
    await expectEvent('logout_user', user.username, user.username);
  });

  it('update_configuration', async () => {
    ok(await admin.put('/api/v2.0/configurations', { read_only: false }));
    await expectEvent('update_configuration', 'configuration');
  });
});

describe('the whole list', () => {
  it('delete_project, after which every Harbor event type has been recorded', async () => {
    // Deleting its last artifact leaves the repository; a project with repositories cannot go.
    ok(await admin.delete(`/api/v2.0/projects/${project}/repositories/app`));
    ok(await admin.delete(`/api/v2.0/projects/${project}`));
    await expectEvent('delete_project', project);
    const recorded: { e: string }[] = await db.query(`SELECT DISTINCT operation || '_' || resource_type AS e FROM audit_log_ext`);
    const types = new Set(recorded.map((r) => r.e));
    expect(AUDIT_EVENT_TYPES.filter((t) => !types.has(t))).toEqual([]);
  });
});
